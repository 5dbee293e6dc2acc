/**
 * Where a definition's parts came from in the spreadsheet, apart from the importer: the kit
 * page shows an import's outcome without loading the XLSForm reader.
 */

/** Each part and item of a definition (`sections[1].items[2]`) → its row and question name. */
export type XlsFormPlaces = Record<string, { row: number; name: string }>;

const COLUMN_OF_FIELD: Record<string, string> = {
  text: 'label',
  help: 'hint',
  showIf: 'relevant',
  required: 'required',
  requiredMessage: 'required_message',
  constraintMessage: 'constraint_message',
  options: 'choices',
  statements: 'label',
  scale: 'choices',
  noOpinion: 'choices',
  min: 'constraint',
  max: 'constraint',
  pattern: 'constraint',
  minLength: 'constraint',
  maxLength: 'constraint',
  maxSelected: 'constraint',
  step: 'parameters',
  title: 'label',
};

/**
 * Where a problem in an imported definition (`sections[1].items[2].showIf.answer`) is in the
 * spreadsheet: the row, the question's name and the column, as the user wrote them.
 */
export function placeOfPath(
  path: string,
  places: XlsFormPlaces,
): { row: number; name: string; column?: string } | undefined {
  const match = /^(sections\[\d+\](?:\.items\[\d+\])?)(?:\.(\w+))?/.exec(path);
  const place = match && (places[match[1]!] ?? places[`${match[1]}.items[0]`]);
  if (!place) return undefined;
  const column = match[2] ? COLUMN_OF_FIELD[match[2]] : undefined;
  return { ...place, ...(column ? { column } : {}) };
}
