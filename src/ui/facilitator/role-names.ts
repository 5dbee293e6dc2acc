import type { LocalizedText } from '../../domain/survey-schema';
import type { I18n } from '../i18n/i18n.svelte';

/**
 * A role as a quote's attribution names it, as the study prints them: lower case, and for
 * several speakers of it the survey's plural ("leerkrachten"), the singular where it gives none.
 * A role the survey does not know is named by its id.
 */
export function attributionName(
  i18n: I18n,
  role: { text: LocalizedText; plural?: LocalizedText | undefined } | undefined,
  id: string,
  several = false,
): string {
  const text = role ? i18n.text(several && role.plural ? role.plural : role.text) : id;
  return text.toLocaleLowerCase(i18n.language);
}
