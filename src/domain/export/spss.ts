/**
 * An SPSS syntax file that reads the wide CSV (without BOM, UTF-8) and declares every variable:
 * its format, its label, its value labels, and "no opinion" as a missing value, so that an
 * analysis never counts it on the scale.
 */
import type { Table } from './tables';
import { META_VARIABLES, type Variable } from './variables';

const quote = (text: string) => `'${text.replace(/'/g, "''").replace(/\s+/g, ' ')}'`;

/**
 * SPSS names: at most 64 characters, unique; longer answer keys are shortened with a number.
 * The CSV keeps the full names: GET DATA assigns names by column position.
 */
export function spssNames(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((name, i) => {
    let candidate = name.length <= 64 ? name : `${name.slice(0, 56)}_${i}`;
    while (used.has(candidate.toLowerCase())) candidate = `${candidate.slice(0, 58)}_${i}`;
    used.add(candidate.toLowerCase());
    return candidate;
  });
}

export function spssSyntax(
  variables: Variable[],
  wide: Table,
  csvName: string,
  title: string,
): string {
  const names = spssNames([...META_VARIABLES, ...variables.map((v) => v.name)]);
  const nameOf = (v: Variable) => names[META_VARIABLES.length + variables.indexOf(v)]!;
  const width = (column: number) =>
    Math.max(8, ...wide.rows.map((row) => String(row[column] ?? '').length));
  const formats = [
    ...META_VARIABLES.map((_, i) => `    ${names[i]} A${width(i)}`),
    ...variables.map((v, i) =>
      v.type === 'numeric'
        ? `    ${nameOf(v)} F8.0`
        : `    ${nameOf(v)} A${width(META_VARIABLES.length + i)}`,
    ),
  ];
  const labelled = variables.filter((v) => v.values && v.values.length > 0);
  const missing = variables.filter((v) => v.missing && v.missing.length > 0);
  return [
    `* Kring export: ${title.replace(/\s+/g, ' ')}.`,
    `* Reads ${csvName} (UTF-8, comma-separated, first row names the variables).`,
    'GET DATA',
    '  /TYPE=TXT',
    `  /FILE=${quote(csvName)}`,
    "  /ENCODING='UTF8'",
    '  /ARRANGEMENT=DELIMITED',
    '  /DELIMITERS=","',
    `  /QUALIFIER='"'`,
    '  /FIRSTCASE=2',
    '  /VARIABLES=',
    `${formats.join('\n')}.`,
    'VARIABLE LABELS',
    `${variables.map((v) => `  ${nameOf(v)} ${quote(v.label)}`).join('\n  /')}.`,
    ...(labelled.length > 0
      ? [
          'VALUE LABELS',
          `${labelled
            .map(
              (v) =>
                `  ${nameOf(v)}\n${v.values!.map(([code, label]) => `    ${code} ${quote(label)}`).join('\n')}`,
            )
            .join('\n  /')}.`,
        ]
      : []),
    ...missing.map((v) => `MISSING VALUES ${nameOf(v)} (${v.missing!.join(', ')}).`),
    'EXECUTE.',
    '',
  ].join('\n');
}
