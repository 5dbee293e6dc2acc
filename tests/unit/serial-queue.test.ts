import { describe, expect, it } from 'vitest';
import { SerialQueue } from '../../src/shared/serial-queue';

describe('a serial queue', () => {
  it('runs tasks in order, a slow one never overtaken by a later one', async () => {
    const queue = new SerialQueue();
    const done: number[] = [];
    queue.push(() => new Promise((r) => setTimeout(() => r(done.push(1)), 20)));
    queue.push(() => done.push(2));
    await queue.idle();
    expect(done).toEqual([1, 2]);
  });

  it('tells of a failure, goes on with the next task, and forgets the error once one succeeds', async () => {
    const heard: unknown[] = [];
    const queue = new SerialQueue((error) => heard.push(error));
    const full = new Error('QuotaExceededError');
    await expect(queue.run(() => Promise.reject(full))).rejects.toBe(full);
    expect(queue.lastError).toBe(full);
    expect(heard).toEqual([full]);
    expect(await queue.run(() => 42)).toBe(42);
    await queue.idle();
    expect(queue.lastError).toBeUndefined();
  });
});
