/**
 * Editing a survey definition (issue 6), as pure functions from one definition to the next:
 * add, remove and move sections and items, and change an item. Each returns a new definition
 * and leaves its input alone, so an editor keeps the history for undo and redo
 * (authoring/history.ts) and validates every step with the same validator as a file import.
 *
 * New parts start with their texts empty in every language (the editor shows what belongs in
 * each box as a hint): a placeholder is never a text a participant could see. Until they are
 * written the editor lists them as still to write, and the draft cannot be published. Defaults
 * that are real texts (a Likert scale, the usual roles) come written in Dutch and English.
 */
import { answerKeys } from '../answers';
import { answerConditions } from '../condition';
import type { Condition, Item, ItemType, LocalizedText, Section, Survey } from '../survey-schema';

/** A definition being edited: the survey's shape (it may be invalid between keystrokes). */
export type Draft = Survey;

/** A text to write: empty in every language of the survey. */
function blank(draft: Draft): LocalizedText {
  return Object.fromEntries(draft.languages.map((lang) => [lang, '']));
}

/** A default that is a real text, in the survey's languages (English where it has no other). */
function text(draft: Draft, value: Record<string, string>): LocalizedText {
  return Object.fromEntries(
    draft.languages.map((lang) => [lang, value[lang] ?? value.en ?? Object.values(value)[0]!]),
  );
}

/**
 * A name not in `used`: `stem` itself when `bare` and free, else the first free of
 * `stem_<from>`, `stem_<from + 1>`, … (ids of items, options, questionnaires).
 */
export function freeName(
  stem: string,
  used: ReadonlySet<string>,
  { from = 2, bare = true }: { from?: number; bare?: boolean } = {},
): string {
  if (bare && !used.has(stem)) return stem;
  let n = from;
  while (used.has(`${stem}_${n}`)) n++;
  return `${stem}_${n}`;
}

/**
 * The code of a new point at the end of a scale: after its highest, skipping codes that are
 * `reserved` elsewhere (the "no opinion" code, 9, stays out of a scale that grows to 10).
 */
export function freeCode(codes: readonly number[], reserved: readonly number[] = []): number {
  let code = Math.max(0, ...codes) + 1;
  while (codes.includes(code) || reserved.includes(code)) code++;
  return code;
}

/** The code a new "no opinion" gets: outside any usual scale, as SPSS users expect. */
export const NO_OPINION_CODE = 9;

/** An id not yet used by any item or section: `${base}_2`, `${base}_3`, … */
export function freshId(draft: Draft, base: string): string {
  return freeName(
    base,
    new Set(draft.sections.flatMap((s) => [s.id, ...s.items.map((i) => i.id)])),
  );
}

/** A new item of a type, valid as it is (two options, a five-point scale, …). */
export function newItem(draft: Draft, type: ItemType): Item {
  const id = freshId(draft, type.replace(/-/g, '_'));
  const choice = (n: number) => ({ id: `optie_${n}`, text: blank(draft) });
  const base = { id, text: blank(draft), required: false };
  switch (type) {
    case 'rating-matrix':
      return {
        ...base,
        type,
        rows: [choice(1), choice(2)],
        scale: {
          min: 1,
          max: 5,
          minLabel: text(draft, { nl: 'zeer belangrijk', en: 'very important' }),
          maxLabel: text(draft, { nl: 'niet belangrijk', en: 'not important' }),
        },
      };
    case 'ranking':
      return { ...base, type, options: [choice(1), choice(2), choice(3)] };
    case 'likert':
      return {
        ...base,
        type,
        statements: [{ id: 'stelling_1', text: blank(draft) }],
        scale: [
          { code: 1, text: text(draft, { nl: 'helemaal eens', en: 'strongly agree' }) },
          { code: 2, text: text(draft, { nl: 'eens', en: 'agree' }) },
          { code: 3, text: text(draft, { nl: 'oneens', en: 'disagree' }) },
          { code: 4, text: text(draft, { nl: 'helemaal oneens', en: 'strongly disagree' }) },
        ],
        noOpinion: {
          code: NO_OPINION_CODE,
          text: text(draft, { nl: 'geen mening / geen zicht op', en: 'no opinion / cannot say' }),
        },
      };
    case 'open-text':
      return { ...base, type, maxLength: 1000, multiline: true };
    case 'single-choice':
      return { ...base, type, options: [choice(1), choice(2)] };
    case 'multiple-choice':
      return { ...base, type, options: [choice(1), choice(2), choice(3)] };
    case 'numeric-scale':
      return { ...base, type, min: 1, max: 10 };
    case 'number':
      return { ...base, type, decimals: 0 };
    case 'date':
      return { ...base, type, mode: 'date' };
    case 'note':
      return { id, type, text: blank(draft), required: false };
    case 'profile':
      return {
        ...base,
        type,
        roles: [
          {
            id: 'leerkracht',
            text: text(draft, { nl: 'Leerkracht', en: 'Teacher' }),
            plural: text(draft, { nl: 'Leerkrachten', en: 'Teachers' }),
          },
          {
            id: 'leerling',
            text: text(draft, { nl: 'Leerling', en: 'Pupil' }),
            plural: text(draft, { nl: 'Leerlingen', en: 'Pupils' }),
          },
        ],
        schoolRequired: true,
      };
  }
}

export function addSection(draft: Draft, at = draft.sections.length): Draft {
  const section: Section = {
    id: freshId(draft, 'deel'),
    title: blank(draft),
    items: [newItem(draft, 'single-choice')],
  };
  return { ...draft, sections: insert(draft.sections, at, section) };
}

/** Removes a section; the last one stays (a survey has at least one). */
export function removeSection(draft: Draft, index: number): Draft {
  if (draft.sections.length <= 1) return draft;
  return keepingConditions(draft, {
    ...draft,
    sections: draft.sections.filter((_, i) => i !== index),
  });
}

export function moveSection(draft: Draft, from: number, to: number): Draft {
  return keepingConditions(draft, { ...draft, sections: move(draft.sections, from, to) });
}

export function addItem(draft: Draft, section: number, type: ItemType, at?: number): Draft {
  const item = newItem(draft, type);
  return mapSection(draft, section, (s) => ({
    ...s,
    items: insert(s.items, at ?? s.items.length, item),
  }));
}

/** Removes an item; a section's last item stays (a section has at least one). */
export function removeItem(draft: Draft, section: number, index: number): Draft {
  return keepingConditions(
    draft,
    mapSection(draft, section, (s) =>
      s.items.length <= 1 ? s : { ...s, items: s.items.filter((_, i) => i !== index) },
    ),
  );
}

/** Moves an item within its section or to another one (to = position in the target section). */
export function moveItem(
  draft: Draft,
  from: { section: number; index: number },
  to: { section: number; index: number },
): Draft {
  const source = draft.sections[from.section];
  const item = source?.items[from.index];
  if (!item || !draft.sections[to.section]) return draft;
  if (from.section === to.section)
    return keepingConditions(
      draft,
      mapSection(draft, from.section, (s) => ({
        ...s,
        items: move(s.items, from.index, to.index),
      })),
    );
  if (source.items.length <= 1) return draft;
  const removed = mapSection(draft, from.section, (s) => ({
    ...s,
    items: s.items.filter((_, i) => i !== from.index),
  }));
  return keepingConditions(
    draft,
    mapSection(removed, to.section, (s) => ({ ...s, items: insert(s.items, to.index, item) })),
  );
}

/** Moves a question one place up; the first of a part goes to the end of the part before. */
export function moveItemUp(draft: Draft, section: number, index: number): Draft {
  if (index > 0) return moveItem(draft, { section, index }, { section, index: index - 1 });
  const before = draft.sections[section - 1];
  return before
    ? moveItem(draft, { section, index }, { section: section - 1, index: before.items.length })
    : draft;
}

/** Moves a question one place down; the last of a part goes to the start of the next. */
export function moveItemDown(draft: Draft, section: number, index: number): Draft {
  const items = draft.sections[section]?.items.length ?? 0;
  if (index < items - 1) return moveItem(draft, { section, index }, { section, index: index + 1 });
  return section < draft.sections.length - 1
    ? moveItem(draft, { section, index }, { section: section + 1, index: 0 })
    : draft;
}

/** Replaces fields of one section (its title, description, condition). */
export function updateSection(
  draft: Draft,
  index: number,
  change: (section: Section) => Section,
): Draft {
  return mapSection(draft, index, change);
}

/**
 * Whether every "show if" refers to an answer asked before it (what a participant can have
 * answered by then). A move or removal that would break this is refused: the editor keeps the
 * draft and says which question depends on the one moved.
 */
export function conditionsHold(draft: Draft): boolean {
  const earlier = new Set<string>();
  const names = (c: Condition | undefined) => answerConditions(c).map((leaf) => leaf.answer);
  for (const section of draft.sections) {
    if (names(section.showIf).some((key) => !earlier.has(key))) return false;
    const inSection = new Set<string>();
    for (const item of section.items) {
      const options =
        item.type === 'single-choice' || item.type === 'multiple-choice' ? item.options : [];
      const named = [...names(item.showIf), ...options.flatMap((o) => names(o.showIf))];
      if (named.some((key) => !earlier.has(key) && !inSection.has(key))) return false;
      for (const key of answerKeys(item)) inSection.add(key);
    }
    for (const key of inSection) earlier.add(key);
  }
  return true;
}

function keepingConditions(before: Draft, after: Draft): Draft {
  return conditionsHold(after) || !conditionsHold(before) ? after : before;
}

/** `x` with an optional field set, or left out when `value` is undefined (the format has no nulls). */
export function withOptional<T extends object, K extends keyof T>(
  x: T,
  key: K,
  value: T[K] | undefined,
): T {
  const copy = { ...x };
  if (value === undefined) delete copy[key];
  else copy[key] = value;
  return copy;
}

/** Replaces fields of one item (the editor's inline edits). */
export function updateItem(
  draft: Draft,
  section: number,
  index: number,
  change: (item: Item) => Item,
): Draft {
  return mapSection(draft, section, (s) => ({
    ...s,
    items: s.items.map((item, i) => (i === index ? change(item) : item)),
  }));
}

function mapSection(draft: Draft, index: number, change: (s: Section) => Section): Draft {
  if (!draft.sections[index]) return draft;
  return { ...draft, sections: draft.sections.map((s, i) => (i === index ? change(s) : s)) };
}

function insert<T>(list: readonly T[], at: number, value: T): T[] {
  const i = Math.max(0, Math.min(list.length, at));
  return [...list.slice(0, i), value, ...list.slice(i)];
}

function move<T>(list: readonly T[], from: number, to: number): T[] {
  if (from < 0 || from >= list.length) return [...list];
  const copy = [...list];
  const [value] = copy.splice(from, 1);
  copy.splice(Math.max(0, Math.min(copy.length, to)), 0, value!);
  return copy;
}

/** A new, empty questionnaire: one part with one question; titles and intro still to write. */
export function blankSurvey(languages: string[] = ['nl', 'en']): Draft {
  const empty = () => Object.fromEntries(languages.map((l) => [l, '']));
  const base: Draft = {
    format: 'kring-survey',
    formatVersion: 1,
    id: 'nieuwe_vragenlijst',
    version: 1,
    languages,
    title: empty(),
    intro: {
      title: empty(),
      purpose: empty(),
      whoSees: empty(),
      anonymity: empty(),
      howToStop: empty(),
      consent: empty(),
    },
    sections: [],
  };
  return addSection(base);
}

/** A questionnaire id not yet in `taken`: `base`, `base_2`, `base_3`, … */
export function uniqueSurveyId(base: string, taken: ReadonlySet<string>): string {
  return freeName(base.slice(0, 34), taken);
}

/**
 * A copy to become a questionnaire of its own (not a new version of the original): a new id,
 * version 1, the title marked as a copy.
 */
export function copySurvey(draft: Draft, taken: ReadonlySet<string>): Draft {
  const mark: Record<string, string> = { nl: 'kopie', en: 'copy' };
  const title = Object.fromEntries(
    Object.entries(draft.title).map(([lang, text]) => [lang, `${text} (${mark[lang] ?? 'copy'})`]),
  );
  return { ...draft, id: uniqueSurveyId(`${draft.id}_kopie`, taken), version: 1, title };
}
