/**
 * The tablet and the laptop hold one check between them: whatever a participant can answer
 * through the item controls, and submit, the laptop accepts on arrival (checkDeviceResponse);
 * and the tablet never lets through what the laptop would set aside.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  allowedValues,
  answerKeys,
  otherTextKey,
  otherTextShown,
  SHORT_TEXT_MAX,
  type AnswerValue,
  type Answers,
} from '../../src/domain/answers';
import { checkDeviceResponse } from '../../src/domain/response-check';
import { ItemSchema, type Item, type Survey } from '../../src/domain/survey-schema';
import { openDevice, type Device } from '../../src/state/participant/open-device';
import { ParticipantFlow } from '../../src/state/participant/participant-flow.svelte';
import { KringDb } from '../../src/storage/db';
import { choiceOptions, scalePoints } from '../../src/ui/participant/items/item-props';
import { allTypes, formKinds, parsedSurvey } from '../fixtures/surveys';

let n = 0;
const devices: Device[] = [];
afterEach(() => {
  for (const d of devices.splice(0)) d.db.close();
});
async function flowFor(survey: Survey): Promise<ParticipantFlow> {
  const device = await openDevice(new KringDb(`cross-check-${++n}`));
  devices.push(device);
  const flow = new ParticipantFlow(device, survey, { now: () => 1_700_000_000_000 });
  await flow.acceptConsent(survey.languages[0]!);
  return flow;
}

/** A survey whose choice lists have a plain option named `other`, as XLSForms often do. */
function plainOther(): Survey {
  const t = (nl: string) => ({ nl, en: nl });
  const base = allTypes();
  return parsedSurvey({
    ...base,
    id: 'plain_other',
    sections: [
      {
        id: 'k',
        title: t('Keuzes'),
        items: [
          {
            id: 'vak',
            type: 'single-choice',
            required: true,
            text: t('Vak'),
            options: [
              { id: 'wiskunde', text: t('Wiskunde') },
              { id: 'other', text: t('Iets anders') },
            ],
          },
          {
            id: 'vak_ander',
            type: 'open-text',
            text: t('Welk vak?'),
            showIf: { answer: 'vak', anyOf: ['other'] },
          },
          {
            id: 'kanalen',
            type: 'multiple-choice',
            required: true,
            text: t('Kanalen'),
            options: [
              { id: 'mail', text: t('Mail') },
              { id: 'other', text: t('Iets anders') },
            ],
          },
        ],
      },
    ],
  });
}

const typedText = (max: number) =>
  fc.string({ minLength: 1, maxLength: Math.min(max, 300) }).filter((s) => s.trim() !== '');

/**
 * What the controls of an item let a participant do, as the item components do it: pick one of
 * the offered options (choiceOptions), tick some, order all, type up to the field's length, and
 * type "other, namely" only when its box shows (otherTextShown).
 */
function uiAnswers(item: Item): fc.Arbitrary<[string, AnswerValue][]> {
  const keyed = (key: string, value: fc.Arbitrary<AnswerValue>) =>
    value.map((v) => [[key, v]] as [string, AnswerValue][]);
  switch (item.type) {
    case 'rating-matrix':
    case 'likert':
      return fc.tuple(
        ...answerKeys(item).map((key) =>
          fc
            .constantFrom(...allowedValues(item, key)!)
            .map((v) => [key, v] as [string, AnswerValue]),
        ),
      );
    case 'numeric-scale':
      return keyed(item.id, fc.constantFrom(...scalePoints(item)));
    case 'ranking':
      return keyed(
        item.id,
        fc.shuffledSubarray(
          item.options.map((o) => o.id),
          { minLength: item.options.length },
        ),
      );
    case 'open-text':
      // A text field stores what is typed; a pattern the form sets may refuse it (see below).
      return keyed(
        item.id,
        item.pattern
          ? fc.oneof(fc.stringMatching(/^[0-9]{4}$/), typedText(8))
          : typedText(item.maxLength),
      );
    case 'number': {
      // The number field stores only a number the question takes (NumberInput.svelte).
      const scale = 10 ** item.decimals;
      const low = Math.round((item.min ?? -1e6) * scale);
      const high = Math.round((item.max ?? 1e6) * scale);
      return keyed(
        item.id,
        fc.integer({ min: low, max: high }).map((n) => n / scale),
      );
    }
    case 'note':
      return fc.constant([]);
    case 'date': {
      // The picker writes ISO dates and times (DateInput.svelte stores only a real one).
      const day = fc
        .date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
      const time = fc
        .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
        .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
      const value =
        item.mode === 'date'
          ? day
          : item.mode === 'time'
            ? time
            : fc.tuple(day, time).map(([d, t]) => `${d}T${t}`);
      return keyed(item.id, value);
    }
    case 'profile': {
      const school = item.schools
        ? fc.constantFrom(...item.schools.map((s) => s.id))
        : typedText(SHORT_TEXT_MAX);
      return fc.tuple(
        fc
          .constantFrom(...item.roles.map((r) => r.id))
          .map((v) => [`${item.id}.role`, v] as [string, AnswerValue]),
        school.map((v) => [`${item.id}.school`, v] as [string, AnswerValue]),
      );
    }
    case 'single-choice':
    case 'multiple-choice': {
      const ids = choiceOptions(item, (t) => t.nl ?? '', {}).map((o) => o.id);
      const picked: fc.Arbitrary<AnswerValue> =
        item.type === 'single-choice'
          ? fc.constantFrom(...ids)
          : fc
              .subarray(ids, { minLength: 1, maxLength: item.maxSelected ?? ids.length })
              .map((chosen) => ids.filter((id) => chosen.includes(id)));
      return fc.tuple(picked, typedText(SHORT_TEXT_MAX)).map(([value, other]) => {
        const answers: [string, AnswerValue][] = [[item.id, value]];
        if (otherTextShown(item, { [item.id]: value })) answers.push([otherTextKey(item)!, other]);
        return answers;
      });
    }
  }
}

async function answerAll(survey: Survey, picks: [string, AnswerValue][][]) {
  const flow = await flowFor(survey);
  const items = survey.sections.flatMap((s) => s.items);
  for (const [i, item] of items.entries())
    for (const [key, value] of picks[i]!) await flow.answer(item, key, value);
  return flow;
}

const laptopCheck = (survey: Survey, flow: ParticipantFlow) =>
  checkDeviceResponse(flow.response!.id, structuredClone(flow.response), (id, version) =>
    id === survey.id && version === survey.version ? survey : undefined,
  );

const surveys = [allTypes(), plainOther(), formKinds()];

describe('the tablet and the laptop check a response the same way', () => {
  it('covers every item type of the survey format', () => {
    const types = new Set(ItemSchema.options.map((o) => o.entries.type.literal));
    const covered = new Set(
      surveys.flatMap((s) => s.sections.flatMap((x) => x.items.map((i) => i.type))),
    );
    expect([...types].filter((t) => !covered.has(t))).toEqual([]);
  });

  for (const survey of surveys) {
    it(`accepts on the laptop whatever the controls let a participant answer (${survey.id})`, async () => {
      const items = survey.sections.flatMap((s) => s.items);
      await fc.assert(
        fc.asyncProperty(fc.tuple(...items.map(uiAnswers)), async (picks) => {
          const flow = await answerAll(survey, picks);
          const accepted = laptopCheck(survey, flow).status === 'valid';
          // Only a text that breaks the form's own pattern may be refused, and the tablet says so.
          const refusable = items.some((i) => i.type === 'open-text' && i.pattern);
          if (!refusable) expect(accepted).toBe(true);
          expect(flow.refusedItems.length > 0).toBe(!accepted);
          // Every shown required question is answered: the participant can submit what the
          // laptop accepts, and nothing else.
          expect(flow.canSubmit).toBe(accepted);
          await flow.submit();
          expect(flow.response?.status).toBe(accepted ? 'submitted' : 'in-progress');
          expect(laptopCheck(survey, flow).status).toBe(accepted ? 'valid' : 'quarantined');
        }),
        { numRuns: 15 },
      );
    });
  }

  it('lets a plain option named "other" be chosen without a text box, and submitted', async () => {
    const survey = plainOther();
    const flow = await flowFor(survey);
    const [vak, , kanalen] = survey.sections[0]!.items as [Item, Item, Item];
    await flow.answer(vak, 'vak', 'other');
    await flow.answer(kanalen, 'kanalen', ['other']);
    expect(otherTextShown(vak, flow.answers)).toBe(false);
    expect(otherTextShown(kanalen, flow.answers)).toBe(false);
    expect(flow.progress.missingRequired).toEqual([]);
    expect(flow.canSubmit).toBe(true);
    expect(laptopCheck(survey, flow).status).toBe('valid');
  });

  it('does not let a participant submit what the laptop would set aside', async () => {
    const survey = allTypes();
    const flow = await flowFor(survey);
    const items = survey.sections.flatMap((s) => s.items);
    const answers: Answers = {
      'prof.role': 'pupil',
      'prof.school': 'a',
      'matrix.r1': 1,
      'matrix.r2': 2,
      'lik.st1': 9,
      'lik.st2': 1,
      single: 'a',
    };
    for (const [key, value] of Object.entries(answers))
      await flow.answer(
        items.find((i) => answerKeys(i).includes(key))!,
        key,
        value,
      );
    expect(flow.canSubmit).toBe(true);
    // Longer than the field allows: a control would stop it, an old tablet version might not.
    const open = items.find((i) => i.id === 'open')!;
    await flow.answer(open, 'open', 'x'.repeat(11));
    expect(laptopCheck(survey, flow).status).toBe('quarantined');
    expect(flow.canSubmit).toBe(false);
    expect(flow.refusedItems.map((m) => m.item.id)).toEqual(['open']);
    await flow.submit();
    expect(flow.response?.status).toBe('in-progress');
  });
});
