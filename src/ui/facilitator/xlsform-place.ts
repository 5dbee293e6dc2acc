/** A place in an XLSForm as the user finds it: "row 12 · vak · column relevant" (or "choices, row 7 · …"). */
import type { I18n } from '../i18n/i18n.svelte';

export function placeText(
  i18n: I18n,
  place: { row: number; name: string; column?: string; sheet?: 'choices' | 'settings' },
): string {
  return [
    place.row > 0
      ? i18n.t(place.sheet === 'choices' ? 'library.place.choicesRow' : 'library.place.row', {
          row: place.row,
        })
      : '',
    place.name,
    place.column ? i18n.t('library.place.column', { column: place.column }) : '',
  ]
    .filter(Boolean)
    .join(' · ');
}
