/**
 * Undo and redo for the editor: a list of states and a position. Every edit is a new state
 * (the operations never change a state in place), so undo is moving back; an edit after an undo
 * drops the states that were undone. At most `limit` states are kept.
 */
export class History<T> {
  #states: T[];
  #at = 0;
  readonly #limit: number;

  constructor(initial: T, limit = 200) {
    this.#states = [initial];
    this.#limit = limit;
  }

  get current(): T {
    return this.#states[this.#at]!;
  }

  get canUndo(): boolean {
    return this.#at > 0;
  }

  get canRedo(): boolean {
    return this.#at < this.#states.length - 1;
  }

  push(state: T): T {
    if (state === this.current) return state;
    this.#states = [...this.#states.slice(0, this.#at + 1), state].slice(-this.#limit);
    this.#at = this.#states.length - 1;
    return state;
  }

  undo(): T {
    if (this.canUndo) this.#at--;
    return this.current;
  }

  redo(): T {
    if (this.canRedo) this.#at++;
    return this.current;
  }
}
