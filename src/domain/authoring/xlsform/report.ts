/**
 * The import report: for every question of an XLSForm, what it became in Kring, and for every
 * cell that changed meaning or has none in Kring, why. Codes only; the UI words them in the
 * reader's language (library.note.* in the facilitator catalogs).
 */

export type XlsFormNoteKind = 'mapped' | 'changed' | 'left-out';

const CODES = {
  // What each question became.
  mapped: 'mapped',
  statement: 'mapped',
  matrixHeader: 'mapped',
  // Brought over with a change the user should know about.
  idChanged: 'changed',
  choiceCode: 'changed',
  duplicateChoice: 'changed',
  choiceNoLabel: 'changed',
  otherClash: 'changed',
  languageDerived: 'changed',
  languageAssumed: 'changed',
  translationMissing: 'changed',
  groupNoLabel: 'changed',
  noLabel: 'changed',
  rangeAsNumber: 'changed',
  repeat: 'changed',
  likertSplit: 'changed',
  version: 'changed',
  idFromFileName: 'changed',
  titleFromFileName: 'changed',
  guidanceAsHelp: 'changed',
  // Not brought over, with the reason.
  unsupportedType: 'left-out',
  mediaType: 'left-out',
  fromFile: 'left-out',
  listMissing: 'left-out',
  rankTooFew: 'left-out',
  metadata: 'left-out',
  calculate: 'left-out',
  noteEmpty: 'left-out',
  relevant: 'left-out',
  constraint: 'left-out',
  requiredExpression: 'left-out',
  default: 'left-out',
  choiceFilter: 'left-out',
  guidanceHint: 'left-out',
  column: 'left-out',
  appearance: 'left-out',
  reference: 'left-out',
  groupNotClosed: 'left-out',
  endWithoutBegin: 'left-out',
  intro: 'left-out',
} as const satisfies Record<string, XlsFormNoteKind>;

export type XlsFormNoteCode = keyof typeof CODES;

export interface XlsFormNote {
  /** The `survey` sheet's row (the header is row 1); 0 for the whole form. */
  row: number;
  /** The question's (or group's) name as written; empty for the whole form. */
  name: string;
  /** The column as the user wrote its header, when the note is about one cell. */
  column?: string;
  /** The sheet, when it is not `survey`. */
  sheet?: 'choices' | 'settings';
  kind: XlsFormNoteKind;
  code: XlsFormNoteCode;
  params?: Record<string, string | number>;
}

export function note(
  at: { row: number; name: string; column?: string | undefined; sheet?: 'choices' | 'settings' },
  code: XlsFormNoteCode,
  params?: Record<string, string | number>,
): XlsFormNote {
  return {
    row: at.row,
    name: at.name,
    ...(at.column ? { column: at.column } : {}),
    ...(at.sheet ? { sheet: at.sheet } : {}),
    kind: CODES[code],
    code,
    ...(params ? { params } : {}),
  };
}
