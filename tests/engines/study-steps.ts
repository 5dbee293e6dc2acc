/**
 * The bundled study, answered on a `Tablet` of another engine through its visible controls
 * (the Playwright version is tests/e2e/study-run.ts; the texts are shared).
 */
import { L, responsesInPage, type Lang } from '../e2e/study-run';
import type { Tablet } from './tablet';

/** Picks a value in the radio group of one answer key. */
export async function choose(tablet: Tablet, key: string, value: string | number): Promise<void> {
  const radio = `fieldset[data-key="${key}"] input[value="${value}"]`;
  await tablet.click(radio);
  await tablet.until(() => tablet.checked(radio), `${radio} to be checked`);
}

export async function expectItemSaved(tablet: Tablet, itemId: string, lang: Lang): Promise<void> {
  await tablet.see(`✓ ${L[lang].saved}`, `[data-item="${itemId}"] [data-save]`);
}

/** The heading of the section on screen. */
export const sectionHeading = (tablet: Tablet) =>
  tablet.evaluate(() => document.querySelector('h1')?.textContent?.trim() ?? null);

/** From the welcome screen (the survey has arrived) to the first question. */
export async function startResponse(tablet: Tablet, lang: Lang): Promise<void> {
  if (lang === 'en') await tablet.button('English');
  await tablet.button(L[lang].start);
  await tablet.button(L[lang].accept);
  await tablet.see(lang === 'nl' ? 'Over jou' : 'About you', 'h1');
}

export async function answerProfile(tablet: Tablet, lang: Lang, role: string): Promise<void> {
  await choose(tablet, 'profiel.role', role);
  // In a session with a school, the tablet shows it instead of asking.
  const given = await tablet.evaluate(
    () => document.querySelector('[data-testid="school-given"]') !== null,
  );
  if (!given) await tablet.fill('input[name="profiel.school"]', 'Sint-Jozefscollege');
  await choose(tablet, 'onderwijsniveau', 'other');
  await tablet.fill('input[name="onderwijsniveau.other"]', 'Deeltijds kunstonderwijs');
  await tablet.blur();
  await expectItemSaved(tablet, 'profiel', lang);
  await expectItemSaved(tablet, 'onderwijsniveau', lang);
}

const PRIORITIES = [
  'welbevinden',
  'zelfsturing',
  'digitalisering',
  'gelijke_kansen',
  'differentiatie',
];
const BLOCKS = ['welbevinden_stellingen', 'gelijke_kansen_stellingen', 'digitalisering_stellingen'];

/** The priorities (section 2), then on to the first block of statements. */
export async function answerPriorities(tablet: Tablet, lang: Lang): Promise<void> {
  await tablet.button(L[lang].next);
  for (const [n, row] of PRIORITIES.entries())
    await choose(tablet, `prioriteiten.${row}`, (n % 5) + 1);
  await expectItemSaved(tablet, 'prioriteiten', lang);
  await tablet.button(L[lang].next);
}

/** The three blocks of statements, the teachers' part if `teacher`, up to the review page. */
export async function answerStatements(
  tablet: Tablet,
  lang: Lang,
  teacher: boolean,
): Promise<void> {
  for (const block of BLOCKS) {
    await tablet.find(`fieldset[data-key^="${block}."]`);
    const keys = await tablet.evaluate(
      (prefix: string) =>
        Array.from(document.querySelectorAll(`fieldset[data-key^="${prefix}."]`)).map((f) =>
          f.getAttribute('data-key')!,
        ),
      block,
    );
    for (const [n, key] of keys.entries()) await choose(tablet, key, n === 0 ? 9 : (n % 4) + 1);
    await expectItemSaved(tablet, block, lang);
    if (block === 'welbevinden_stellingen')
      await tablet.fill('textarea[name="welbevinden_acties"]', 'Elke week een klasgesprek.');
    const last = block === BLOCKS.at(-1) && !teacher;
    await tablet.button(last ? L[lang].review : L[lang].next);
  }
  if (teacher) {
    await choose(tablet, 'verandering_school', 7);
    await choose(tablet, 'verandering_zelf', 8);
    await expectItemSaved(tablet, 'verandering_zelf', lang);
    await tablet.button(L[lang].review);
  }
  await tablet.see(L[lang].allDone);
}

/** The review page's submit, and the thank-you screen. */
export async function submit(tablet: Tablet, lang: Lang): Promise<void> {
  await tablet.button(L[lang].submit);
  await tablet.see(L[lang].thanks, 'h1, h2');
}

/** The response rows in the tablet's IndexedDB. */
export const storedResponses = (tablet: Tablet) => tablet.evaluate(responsesInPage);
