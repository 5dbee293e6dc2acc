import { afterEach, describe, expect, it } from 'vitest';
import { KringDb } from '../../src/storage/db';
import { createSession } from '../../src/state/facilitator/sessions';
import { fieldName } from '../../src/ui/facilitator/editor/field-names';
import { facilitatorEn } from '../../src/ui/i18n/facilitator-en';
import { facilitatorNl } from '../../src/ui/i18n/facilitator-nl';
import { I18n } from '../../src/ui/i18n/i18n.svelte';
import { studyJson } from '../fixtures/surveys';

const dbs: KringDb[] = [];
afterEach(() => dbs.splice(0).forEach((db) => db.close()));

describe("the editor's names for places in a questionnaire", () => {
  it('names a field as the editor does, never as a code path', () => {
    const i18n = new I18n('nl', { nl: facilitatorNl, en: facilitatorEn });
    expect(fieldName(i18n, 'intro.whoSees.en')).toBe('Wie de antwoorden ziet');
    expect(fieldName(i18n, 'title.nl')).toBe('Titel');
    expect(fieldName(i18n, 'sections.0.title.nl')).toBe('Deel 1: Titel van het deel');
    expect(fieldName(i18n, 'sections[0].items[2].text.en')).toBe('Deel 1, vraag 3');
    expect(fieldName(i18n, 'sections[1].items[0].statements[0].text.nl')).toBe(
      'Deel 2, vraag 1: Stelling 1',
    );
    expect(fieldName(i18n, 'sections[0].items[0].roles[1].plural.en')).toBe(
      'Deel 1, vraag 1: Meervoud van rol 2 (voor citaten van meerdere sprekers)',
    );
    i18n.language = 'en';
    expect(fieldName(i18n, 'sections.0.items.1.options.1.text.nl')).toBe(
      'Part 1, question 2: Option 2',
    );
  });

  it('a session never starts on a questionnaire whose consent text is empty', async () => {
    const db = new KringDb(`consent-${Date.now()}`);
    dbs.push(db);
    const json = studyJson() as { intro: Record<string, Record<string, string>> };
    json.intro.consent = { nl: '   ', en: 'I take part.' };
    await expect(
      createSession(db, { definition: JSON.stringify(json), title: 'T', school: 'S' }),
    ).rejects.toThrow();
    expect(await db.sessions.count()).toBe(0);
  });
});
