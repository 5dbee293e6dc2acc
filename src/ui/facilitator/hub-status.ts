/** How the study hub's sync goes, in words and a tone, for the kit page and the coding page. */
import type { HubSync } from '../../state/hub/hub-sync.svelte';
import type { I18n } from '../i18n/i18n.svelte';

export function hubStatus(
  i18n: I18n,
  sync: HubSync | undefined,
): { text: string; tone: 'ok' | 'muted' | 'alert' } {
  const state = sync?.state ?? { kind: 'off' };
  // A failed store outweighs any connection state: what arrived is not on this laptop yet, and
  // it is stored with the next change (HubSync.problem), connected or not.
  if (sync?.problem && state.kind !== 'off')
    return {
      text: i18n.t('hub.status.notStored', { reason: i18n.t(`problem.${sync.problem}`) }),
      tone: 'alert',
    };
  switch (state.kind) {
    case 'off':
      return { text: i18n.t('hub.status.off'), tone: 'muted' };
    case 'badSettings':
      return {
        text: i18n.t(state.field === 'url' ? 'hub.status.badUrl' : 'hub.status.badKey'),
        tone: 'alert',
      };
    case 'connecting':
      return { text: i18n.t('hub.status.connecting'), tone: 'muted' };
    case 'offline':
      return { text: i18n.t('hub.status.offline'), tone: 'muted' };
    case 'refused':
      return { text: i18n.t('hub.status.refused'), tone: 'alert' };
    case 'connected': {
      const progress = sync?.inSync
        ? i18n.t('hub.status.inSync', { count: sync.sessions })
        : i18n.t('hub.status.sending');
      return {
        text: `${i18n.t('hub.status.connected', { study: sync?.study ?? '' })} ${progress}`,
        tone: 'ok',
      };
    }
  }
}
