/**
 * Runs tasks one after another: a slow one is never overtaken by a newer one, and a failed one
 * does not stop those after it. A failure is not swallowed: `onError` hears it (the owner
 * shows it to the user) and `lastError` keeps it until a task succeeds again.
 */
export class SerialQueue {
  #tail: Promise<void> = Promise.resolve();
  #lastError: unknown;
  readonly #onError: ((error: unknown) => void) | undefined;

  constructor(onError?: (error: unknown) => void) {
    this.#onError = onError;
  }

  /** The last task's failure, undefined once a task after it succeeded. */
  get lastError(): unknown {
    return this.#lastError;
  }

  /** Queues `task`; the promise settles with the task (the queue goes on either way). */
  run<T>(task: () => T | Promise<T>): Promise<T> {
    const result = this.#tail.then(task);
    this.#tail = result.then(
      () => {
        this.#lastError = undefined;
      },
      (error: unknown) => {
        this.#lastError = error;
        this.#onError?.(error);
      },
    );
    return result;
  }

  /** Queues `task` when no one waits for its result: its failure goes to `onError` only. */
  push(task: () => unknown): void {
    this.run(task).catch(() => undefined); // reported through onError and lastError
  }

  /** Resolves when every task queued so far has settled. */
  idle(): Promise<void> {
    return this.#tail;
  }
}
