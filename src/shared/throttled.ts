/**
 * Work that follows a stream of changes: `schedule()` runs it at once when it did not run in the
 * last `ms`, else once at the end of that interval, however many calls came meanwhile. So one
 * change is handled without delay, and a stream costs one run per interval.
 */
export interface Throttled {
  schedule(): void;
  cancel(): void;
}

export function throttled(run: () => void, ms: number): Throttled {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const fire = () => {
    timer = undefined;
    last = Date.now();
    run();
  };
  return {
    schedule() {
      if (timer !== undefined) return;
      const wait = last + ms - Date.now();
      if (wait <= 0) fire();
      else timer = setTimeout(fire, wait);
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
