/**
 * A place in a survey definition as the editor names it ("Deel 2, vraag 1: optie 3") instead of
 * its path (`sections.1.items.0.options.2.text`), for the checks under the editor.
 */
import type { I18n, MessageKey } from '../../i18n/i18n.svelte';

const INTRO = ['title', 'purpose', 'whoSees', 'anonymity', 'howToStop', 'consent'] as const;
const LISTS = ['options', 'statements', 'rows', 'roles', 'schools'] as const;
const ITEM_FIELDS: Partial<Record<string, MessageKey>> = {
  text: 'editor.question',
  help: 'editor.help',
  minLabel: 'editor.minLabel',
  maxLabel: 'editor.maxLabel',
};

/** The editor's name of the field at `path` (a trailing language is left out). */
export function fieldName(i18n: I18n, path: string): string {
  const parts = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  const [first, second, third, fourth, fifth, sixth, seventh] = parts;
  if (first === 'title') return i18n.t('editor.title');
  if (first === 'intro' && INTRO.includes(second as (typeof INTRO)[number]))
    return i18n.t(`editor.intro.${second as (typeof INTRO)[number]}`);
  if (first !== 'sections' || second === undefined) return path;
  const part = i18n.t('editor.part', { n: Number(second) + 1 });
  if (third === 'title') return `${part}: ${i18n.t('editor.partTitle')}`;
  if (third === 'description') return `${part}: ${i18n.t('editor.partDescription')}`;
  if (third !== 'items' || fourth === undefined) return part;
  const question = `${part}, ${i18n.t('editor.question').toLocaleLowerCase(i18n.language)} ${Number(fourth) + 1}`;
  if (fifth === 'roles' && sixth !== undefined && seventh === 'plural')
    return `${question}: ${i18n.t('editor.rolePlural', { n: Number(sixth) + 1 })}`;
  if (fifth && LISTS.includes(fifth as (typeof LISTS)[number]) && sixth !== undefined)
    return `${question}: ${i18n.t(`editor.${fifth as (typeof LISTS)[number]}`, { n: Number(sixth) + 1 })}`;
  const field = fifth && ITEM_FIELDS[fifth];
  return field && fifth !== 'text' ? `${question}: ${i18n.t(field)}` : question;
}

/** The language at the end of a text's path (`title.en` → `en`), if it ends in one. */
export function pathLanguage(path: string, languages: readonly string[]): string | undefined {
  const last = path.split('.').at(-1);
  return last && languages.includes(last) ? last : undefined;
}
