import { afterEach, describe, expect, it, vi } from 'vitest';
import { throttled } from '../../src/shared/throttled';

afterEach(() => vi.useRealTimers());

describe('work that follows a stream of changes', () => {
  it('runs one change at once, and a stream once per interval with what came meanwhile', () => {
    vi.useFakeTimers();
    let runs = 0;
    const work = throttled(() => runs++, 300);
    work.schedule();
    expect(runs).toBe(1); // no delay for a single change
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(50);
      work.schedule();
    }
    // 500 ms of changes every 50 ms: at once, then at 300 ms; the next one waits until 600 ms.
    expect(runs).toBe(2);
    vi.advanceTimersByTime(100);
    expect(runs).toBe(3);
    vi.advanceTimersByTime(1000);
    expect(runs).toBe(3); // nothing left to do
  });

  it('does not run after it was cancelled', () => {
    vi.useFakeTimers();
    let runs = 0;
    const work = throttled(() => runs++, 300);
    work.schedule();
    work.schedule();
    work.cancel();
    vi.advanceTimersByTime(1000);
    expect(runs).toBe(1);
  });
});
