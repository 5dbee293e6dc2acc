/**
 * The survey definition format (docs/survey-format.md), as a valibot schema. Messages are
 * issue codes (validation-issues.ts), turned into words in the reader's language.
 * Structure only: rules that span the document (unique ids, conditions that point backwards,
 * every text in every language) live in survey-validate.ts.
 */
import * as v from 'valibot';

/** Current format version; files with a higher one are refused with a clear message. */
export const SURVEY_FORMAT_VERSION = 1;

const ID_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
/**
 * An option's (statement's, role's…) code: letters, digits, `_` and `-`, as XLSForm choice names
 * are written (`1`, `0`, `yes`, `dont_know`, `-99`). No dot: codes are part of answer keys.
 */
const CODE_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;
const LANGUAGE_PATTERN = /^[a-z]{2,3}$/;

const Id = v.pipe(v.string(), v.regex(ID_PATTERN, 'id'));
const Language = v.pipe(v.string(), v.regex(LANGUAGE_PATTERN, 'language'));
const Text = v.pipe(v.string(), v.trim(), v.minLength(1, 'text'));
/** A text in every language of the survey: `{ "nl": "…", "en": "…" }`. */
export const LocalizedTextSchema = v.record(Language, Text);

const Code = v.pipe(v.string(), v.regex(CODE_PATTERN, 'code'));
const Choice = v.strictObject({ id: Code, text: LocalizedTextSchema });
const Choices = v.pipe(v.array(Choice), v.minLength(2, 'minEntries'));

const AnswerKey = v.pipe(v.string(), v.minLength(1, 'text'));
/** An earlier answer has one of these values (or contains one, for lists). */
const IsOneOf = v.strictObject({
  answer: AnswerKey,
  anyOf: v.pipe(v.array(v.union([v.string(), v.number()])), v.minLength(1, 'minEntries')),
});
/** An earlier number answer compares so with a value. */
const Compares = v.strictObject({
  answer: AnswerKey,
  compare: v.picklist(['<', '<=', '>', '>=']),
  value: v.number(),
});
/** An earlier question is answered (or, with false, left open). */
const IsAnswered = v.strictObject({ answer: AnswerKey, answered: v.boolean() });
export type Condition =
  | v.InferOutput<typeof IsOneOf>
  | v.InferOutput<typeof Compares>
  | v.InferOutput<typeof IsAnswered>
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };
const Conditions = v.pipe(
  v.array(v.lazy((): v.GenericSchema<Condition> => ConditionSchema)),
  v.minLength(1, 'minEntries'),
);
/**
 * When an item, a section or an option shows: on earlier answers, combined with all / any / not
 * (as XLSForm's `relevant` expressions are; the editor picks the simple one-answer kind).
 */
export const ConditionSchema: v.GenericSchema<Condition> = v.union([
  IsOneOf,
  Compares,
  IsAnswered,
  v.strictObject({ all: Conditions }),
  v.strictObject({ any: Conditions }),
  v.strictObject({ not: v.lazy((): v.GenericSchema<Condition> => ConditionSchema) }),
]);

/** An option of a choice question; `showIf` narrows the list on an earlier answer (a choice filter). */
const Option = v.strictObject({
  id: Code,
  text: LocalizedTextSchema,
  showIf: v.optional(ConditionSchema),
});
/** One option is allowed: a form may ask to acknowledge ("I have read this"). */
const Options = v.pipe(v.array(Option), v.minLength(1, 'minEntries'));

const itemBase = {
  id: Id,
  text: LocalizedTextSchema,
  help: v.optional(LocalizedTextSchema),
  required: v.optional(v.boolean(), false),
  /** What the participant is told when a required question is left open. */
  requiredMessage: v.optional(LocalizedTextSchema),
  showIf: v.optional(ConditionSchema),
};

const PositiveInt = v.pipe(v.number(), v.integer('integer'), v.minValue(1, 'atLeast'));

const RatingMatrix = v.strictObject({
  ...itemBase,
  type: v.literal('rating-matrix'),
  rows: v.pipe(v.array(Choice), v.minLength(1, 'minEntries')),
  scale: v.strictObject({
    min: v.pipe(v.number(), v.integer('integer')),
    max: v.pipe(v.number(), v.integer('integer')),
    minLabel: LocalizedTextSchema,
    maxLabel: LocalizedTextSchema,
  }),
});

const Ranking = v.strictObject({ ...itemBase, type: v.literal('ranking'), options: Choices });

const ScalePoint = v.strictObject({
  code: v.pipe(v.number(), v.integer('integer')),
  text: LocalizedTextSchema,
});
const Likert = v.strictObject({
  ...itemBase,
  type: v.literal('likert'),
  statements: v.pipe(v.array(Choice), v.minLength(1, 'minEntries')),
  scale: v.pipe(v.array(ScalePoint), v.minLength(2, 'minEntries')),
  noOpinion: v.optional(ScalePoint),
});

/**
 * A regular expression (JavaScript syntax without flags, as XLSForms write them) the whole text
 * answer must match.
 */
const Pattern = v.pipe(
  v.string(),
  v.maxLength(500, 'atMost'),
  v.check((source) => compiles(source), 'pattern'),
);
const OpenText = v.strictObject({
  ...itemBase,
  type: v.literal('open-text'),
  maxLength: v.optional(v.pipe(PositiveInt, v.maxValue(10000, 'atMost')), 1000),
  minLength: v.optional(PositiveInt),
  pattern: v.optional(Pattern),
  /** Shown when an answer does not meet minLength or pattern. */
  constraintMessage: v.optional(LocalizedTextSchema),
  multiline: v.optional(v.boolean(), true),
});

/** A number typed in (a count, an age, hours): whole numbers unless `decimals` allows more. */
const NumberInput = v.strictObject({
  ...itemBase,
  type: v.literal('number'),
  min: v.optional(v.number()),
  max: v.optional(v.number()),
  decimals: v.optional(v.pipe(v.number(), v.integer('integer'), v.minValue(0), v.maxValue(6)), 0),
  /** Shown when an answer is out of range. */
  constraintMessage: v.optional(LocalizedTextSchema),
});

/** A date, a time of day, or both, as the tablet's own picker asks it (stored in ISO form). */
const DateInput = v.strictObject({
  ...itemBase,
  type: v.literal('date'),
  mode: v.optional(v.picklist(['date', 'time', 'datetime']), 'date'),
});

/** A text between questions (XLSForm's `note`): nothing to answer. */
const Note = v.strictObject({
  id: Id,
  type: v.literal('note'),
  required: v.optional(v.literal(false), false),
  text: LocalizedTextSchema,
  help: v.optional(LocalizedTextSchema),
  showIf: v.optional(ConditionSchema),
});

const Other = v.strictObject({ text: LocalizedTextSchema });
const SingleChoice = v.strictObject({
  ...itemBase,
  type: v.literal('single-choice'),
  options: Options,
  other: v.optional(Other),
});
const MultipleChoice = v.strictObject({
  ...itemBase,
  type: v.literal('multiple-choice'),
  options: Options,
  other: v.optional(Other),
  maxSelected: v.optional(PositiveInt),
});

const NumericScale = v.strictObject({
  ...itemBase,
  type: v.literal('numeric-scale'),
  min: v.pipe(v.number(), v.integer('integer')),
  max: v.pipe(v.number(), v.integer('integer')),
  /** The distance between two buttons (XLSForm's range step); 1 unless given. */
  step: v.optional(PositiveInt),
  minLabel: v.optional(LocalizedTextSchema),
  maxLabel: v.optional(LocalizedTextSchema),
});

/** A role, with the plural a report uses for several speakers ("leerkrachten en directie"). */
const Role = v.strictObject({
  id: Code,
  text: LocalizedTextSchema,
  plural: v.optional(LocalizedTextSchema),
});

const Profile = v.strictObject({
  ...itemBase,
  type: v.literal('profile'),
  roles: v.pipe(v.array(Role), v.minLength(2, 'minEntries')),
  /** The schools to pick from; without a list the participant types the school's name. */
  schools: v.optional(Choices),
  schoolRequired: v.optional(v.boolean(), true),
});

export const ItemSchema = v.variant('type', [
  RatingMatrix,
  Ranking,
  Likert,
  OpenText,
  SingleChoice,
  MultipleChoice,
  NumericScale,
  NumberInput,
  DateInput,
  Note,
  Profile,
]);

export const SectionSchema = v.strictObject({
  id: Id,
  title: LocalizedTextSchema,
  description: v.optional(LocalizedTextSchema),
  showIf: v.optional(ConditionSchema),
  items: v.pipe(v.array(ItemSchema), v.minLength(1, 'minEntries')),
});

export const IntroSchema = v.strictObject({
  title: LocalizedTextSchema,
  purpose: LocalizedTextSchema,
  whoSees: LocalizedTextSchema,
  anonymity: LocalizedTextSchema,
  howToStop: LocalizedTextSchema,
  consent: LocalizedTextSchema,
});

export const SurveySchema = v.strictObject({
  format: v.literal('kring-survey'),
  formatVersion: v.literal(SURVEY_FORMAT_VERSION),
  id: Id,
  version: PositiveInt,
  languages: v.pipe(v.array(Language), v.minLength(1, 'minEntries')),
  title: LocalizedTextSchema,
  intro: IntroSchema,
  sections: v.pipe(v.array(SectionSchema), v.minLength(1, 'minEntries')),
});

export type Survey = v.InferOutput<typeof SurveySchema>;
export type SurveyInput = v.InferInput<typeof SurveySchema>;
export type Section = Survey['sections'][number];
export type Item = v.InferOutput<typeof ItemSchema>;
export type ItemType = Item['type'];
export type LocalizedText = Record<string, string>;
export type ItemOfType<T extends ItemType> = Extract<Item, { type: T }>;

/** Every item of a questionnaire, in order, its parts flattened. */
export function itemsOf(survey: { sections: readonly { items: readonly Item[] }[] }): Item[] {
  return survey.sections.flatMap((s) => s.items);
}

function compiles(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}
