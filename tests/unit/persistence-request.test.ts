import { describe, expect, it, vi } from 'vitest';
import { requestPersistentStorage } from '../../src/storage/persistence-request';

const nav = (storage: unknown) => ({ storage }) as unknown as Navigator;

describe('requestPersistentStorage', () => {
  it('does nothing on a plain-http LAN origin, where the API is missing', async () => {
    expect(
      await requestPersistentStorage({ isSecureContext: false, navigator: nav(undefined) }),
    ).toBe(false);
    const persist = vi.fn();
    expect(
      await requestPersistentStorage({ isSecureContext: false, navigator: nav({ persist }) }),
    ).toBe(false);
    expect(persist).not.toHaveBeenCalled();
  });

  it('asks once on a secure origin, and not again when storage is already persistent', async () => {
    const persist = vi.fn(() => Promise.resolve(true));
    expect(
      await requestPersistentStorage({
        isSecureContext: true,
        navigator: nav({ persist, persisted: () => Promise.resolve(false) }),
      }),
    ).toBe(true);
    expect(persist).toHaveBeenCalledOnce();
    const again = vi.fn(() => Promise.resolve(true));
    expect(
      await requestPersistentStorage({
        isSecureContext: true,
        navigator: nav({ persist: again, persisted: () => Promise.resolve(true) }),
      }),
    ).toBe(true);
    expect(again).not.toHaveBeenCalled();
  });

  it('treats a refusal or an error as "not persistent" instead of failing', async () => {
    const failing = {
      persist: () => Promise.reject(new Error('denied')),
      persisted: () => Promise.resolve(false),
    };
    expect(await requestPersistentStorage({ isSecureContext: true, navigator: nav(failing) })).toBe(
      false,
    );
  });
});
