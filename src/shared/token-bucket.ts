/** Rates against floods, for the kit server and the laptop's lobby alike. */

/** A token bucket: `burst` at once, refilled at `perSecond`. */
export class TokenBucket {
  #tokens: number;
  #refilledAt: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.#tokens = burst;
    this.#refilledAt = now();
  }

  /** Takes `cost` tokens if there are that many; false (and nothing taken) if not. */
  take(cost = 1): boolean {
    const now = this.now();
    this.#tokens = Math.min(
      this.burst,
      this.#tokens + ((now - this.#refilledAt) / 1000) * this.perSecond,
    );
    this.#refilledAt = now;
    if (this.#tokens < cost) return false;
    this.#tokens -= cost;
    return true;
  }
}
