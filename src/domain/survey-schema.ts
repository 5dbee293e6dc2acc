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
const LANGUAGE_PATTERN = /^[a-z]{2,3}$/;

const Id = v.pipe(v.string(), v.regex(ID_PATTERN, 'id'));
const Language = v.pipe(v.string(), v.regex(LANGUAGE_PATTERN, 'language'));
const Text = v.pipe(v.string(), v.trim(), v.minLength(1, 'text'));
/** A text in every language of the survey: `{ "nl": "…", "en": "…" }`. */
export const LocalizedTextSchema = v.record(Language, Text);

const Choice = v.strictObject({ id: Id, text: LocalizedTextSchema });
const Choices = v.pipe(v.array(Choice), v.minLength(2, 'minEntries'));

/** Show an item or section only if an earlier answer has one of these values (or contains one, for lists). */
export const ConditionSchema = v.strictObject({
  answer: v.pipe(v.string(), v.minLength(1, 'text')),
  anyOf: v.pipe(v.array(v.union([v.string(), v.number()])), v.minLength(1, 'minEntries')),
});

const itemBase = {
  id: Id,
  text: LocalizedTextSchema,
  help: v.optional(LocalizedTextSchema),
  required: v.optional(v.boolean(), false),
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

const OpenText = v.strictObject({
  ...itemBase,
  type: v.literal('open-text'),
  maxLength: v.optional(v.pipe(PositiveInt, v.maxValue(10000, 'atMost')), 1000),
  multiline: v.optional(v.boolean(), true),
});

const Other = v.strictObject({ text: LocalizedTextSchema });
const SingleChoice = v.strictObject({
  ...itemBase,
  type: v.literal('single-choice'),
  options: Choices,
  other: v.optional(Other),
});
const MultipleChoice = v.strictObject({
  ...itemBase,
  type: v.literal('multiple-choice'),
  options: Choices,
  other: v.optional(Other),
  maxSelected: v.optional(PositiveInt),
});

const NumericScale = v.strictObject({
  ...itemBase,
  type: v.literal('numeric-scale'),
  min: v.pipe(v.number(), v.integer('integer')),
  max: v.pipe(v.number(), v.integer('integer')),
  minLabel: v.optional(LocalizedTextSchema),
  maxLabel: v.optional(LocalizedTextSchema),
});

const Profile = v.strictObject({
  ...itemBase,
  type: v.literal('profile'),
  roles: Choices,
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
export type Condition = v.InferOutput<typeof ConditionSchema>;
export type LocalizedText = Record<string, string>;
export type ItemOfType<T extends ItemType> = Extract<Item, { type: T }>;
