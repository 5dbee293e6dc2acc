/**
 * The bundled study answered on a `Tablet` of another engine: the shared walk
 * (tests/fixtures/study-walk.ts) through the tablet's verbs.
 */
import * as walk from '../fixtures/study-walk';
import { responsesInPage, type Lang, type StudyDriver } from '../fixtures/study-walk';
import type { Tablet } from './tablet';

/** The walk's verbs on a tablet of another engine. */
export function tabletDriver(tablet: Tablet): StudyDriver {
  return {
    check: async (css) => {
      await tablet.click(css);
      await tablet.until(() => tablet.checked(css), `${css} to be checked`);
    },
    fill: (css, text) => tablet.fill(css, text),
    blur: () => tablet.blur(),
    press: (name) => tablet.button(name),
    see: (text, css) => tablet.see(text, css),
    visible: async (css) => void (await tablet.find(css)),
    has: (css) =>
      tablet.evaluate((selector: string) => document.querySelector(selector) !== null, css),
    keysUnder: async (prefix) => {
      await tablet.find(`fieldset[data-key^="${prefix}."]`);
      return tablet.evaluate(
        (p: string) =>
          Array.from(document.querySelectorAll(`fieldset[data-key^="${p}."]`)).map((f) =>
            f.getAttribute('data-key')!,
          ),
        prefix,
      );
    },
  };
}

export const choose = (tablet: Tablet, key: string, value: string | number) =>
  walk.choose(tabletDriver(tablet), key, value);

export const expectItemSaved = (tablet: Tablet, itemId: string, lang: Lang) =>
  walk.expectItemSaved(tabletDriver(tablet), itemId, lang);

/** The heading of the section on screen. */
export const sectionHeading = (tablet: Tablet) =>
  tablet.evaluate(() => document.querySelector('h1')?.textContent?.trim() ?? null);

export const startResponse = (tablet: Tablet, lang: Lang) =>
  walk.startResponse(tabletDriver(tablet), lang);

export const answerProfile = (tablet: Tablet, lang: Lang, role: string) =>
  walk.answerProfile(tabletDriver(tablet), lang, role);

export const answerPriorities = (tablet: Tablet, lang: Lang) =>
  walk.answerPriorities(tabletDriver(tablet), lang);

export const answerStatements = (tablet: Tablet, lang: Lang, teacher: boolean) =>
  walk.answerStatements(tabletDriver(tablet), lang, teacher, 'Elke week een klasgesprek.');

export const submit = (tablet: Tablet, lang: Lang) => walk.submit(tabletDriver(tablet), lang);

/** The response rows in the tablet's IndexedDB. */
export const storedResponses = (tablet: Tablet) => tablet.evaluate(responsesInPage);
