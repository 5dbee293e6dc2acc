/**
 * What a survey validation can report, as codes with parameters, so the UI can say it in the
 * participant's or facilitator's language. The English texts here serve the CLI and the English UI.
 */
import { fillTemplate } from './text-template';

/** English, as "expected …". */
export const ISSUE_TEXT_EN = {
  json: 'valid JSON',
  jsonAt: 'valid JSON (the error is at line {line}, column {column})',
  notObject: 'a survey definition object',
  newerFormat: '{max} or lower (this file was made by a newer Kring: update Kring to open it)',
  unknownField: 'no such field (check its spelling)',
  missingField: 'the field "{field}" (it is missing)',
  type: '{expected}',
  id: 'an id of lowercase letters, digits and _ (starting with a letter, at most 40)',
  code: 'a code of letters, digits, _ and - (at most 40)',
  pattern: 'a regular expression that can be read',
  language: 'a language code such as "nl"',
  text: 'a non-empty text',
  minEntries: 'a list of at least {min}',
  integer: 'a whole number',
  atLeast: 'a number of at least {min}',
  atMost: 'a number of at most {max}',
  translation: 'a text in "{lang}"',
  duplicateItemId: 'an item id used once in the survey',
  duplicate: 'a value not used earlier in this list',
  scaleOrder: 'a number greater than min ({min})',
  scaleLength: 'at most {points} scale points (max ≤ {max})',
  scaleStep: 'a step that fits a whole number of times from min to max',
  noOpinionCode: 'a code not used by the scale',
  reservedOther: 'an id other than "other" (reserved for "other, namely …")',
  maxSelected: 'at most the number of options ({count})',
  conditionSource: 'the answer key of an earlier item (e.g. "profile.role")',
  oneOf: 'one of {values}',
} as const;

export type IssueCode = keyof typeof ISSUE_TEXT_EN;

export interface ValidationIssue {
  /** Where, e.g. `sections[1].items[0].scale.max`; empty for the whole document. */
  path: string;
  /** What was expected there. */
  code: IssueCode;
  params?: Record<string, string | number>;
  /** What was found, when that helps (a value from the file, or a parser message). */
  received?: string;
}

export function isIssueCode(value: string): value is IssueCode {
  return Object.hasOwn(ISSUE_TEXT_EN, value);
}

/** One line per issue, in English (the CLI). */
export function formatIssue(issue: ValidationIssue): string {
  const where = issue.path === '' ? '(document)' : issue.path;
  const found = issue.received === undefined ? '' : `, received ${issue.received}`;
  return `${where}: expected ${fillTemplate(ISSUE_TEXT_EN[issue.code], issue.params)}${found}`;
}
