import { describe, expect, it } from 'vitest';
import type { HubSync } from '../../src/state/hub/hub-sync.svelte';
import { facilitatorEn } from '../../src/ui/i18n/facilitator-en';
import { facilitatorNl } from '../../src/ui/i18n/facilitator-nl';
import { I18n } from '../../src/ui/i18n/i18n.svelte';
import { hubStatus } from '../../src/ui/facilitator/hub-status';

/** A hub sync in a given state, as the status line reads it. */
const sync = (state: HubSync['state'], problem?: HubSync['problem']) =>
  ({ state, problem, inSync: true, sessions: 3, study: 'som' }) as unknown as HubSync;

describe('the hub status line', () => {
  const i18n = new I18n('en', { nl: facilitatorNl, en: facilitatorEn });

  it('says a hub import could not be stored, also after the connection dropped', () => {
    for (const state of [
      { kind: 'connected' },
      { kind: 'offline' },
      { kind: 'connecting' },
    ] as HubSync['state'][]) {
      const status = hubStatus(i18n, sync(state, 'quota'));
      expect(status.tone).toBe('alert');
      expect(status.text).toContain(i18n.t('problem.quota'));
    }
  });

  it('says "in sync" only while connected and nothing failed', () => {
    expect(hubStatus(i18n, sync({ kind: 'connected' })).tone).toBe('ok');
    expect(hubStatus(i18n, sync({ kind: 'offline' })).tone).toBe('muted');
  });
});
