/**
 * SPSS (and PSPP) data: a CSV of its own and a syntax file that reads it and declares every
 * variable: its format, width in bytes, label, value labels, measurement level, and "no opinion"
 * as a missing value, so that an analysis never counts it on the scale.
 *
 * SPSS and PSPP read a CSV line by line: a quoted answer with a line break in it would split its
 * case in two (docs/export-formats.md). So the SPSS CSV carries every line break as a character
 * no one types (from Unicode's private use area), and the syntax puts the line breaks back once
 * the data are read.
 */
import { toCsv } from './csv';
import type { Table } from './tables';
import { META_VARIABLES, type Variable } from './variables';

/** Stand-ins for LF and CR in the SPSS CSV, and the same characters as SPSS hex strings. */
const BREAKS = [
  { char: '\n', standIn: '\uE00A', standInHex: "X'EE808A'", hex: "X'0A'" },
  { char: '\r', standIn: '\uE00D', standInHex: "X'EE808D'", hex: "X'0D'" },
] as const;
const STAND_INS = /[\uE00A\uE00D]/g;
const HAS_STAND_IN = /[\uE00A\uE00D]/;

/** The longest string SPSS holds. */
const MAX_STRING_BYTES = 32767;

const quote = (text: string) => `'${text.replace(/'/g, "''").replace(/\s+/g, ' ')}'`;
const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

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

/** A text with its line breaks as stand-ins; a stand-in already in it becomes U+FFFD. */
function encodeBreaks(text: string): string {
  let encoded = text.replace(STAND_INS, '\uFFFD');
  for (const b of BREAKS) encoded = encoded.replaceAll(b.char, b.standIn);
  return encoded;
}

/** The wide table for SPSS: comma-separated, UTF-8 without BOM, one line per case. */
export function spssTable(wide: Table): Table {
  return {
    header: wide.header,
    rows: wide.rows.map((row) =>
      row.map((cell) => (typeof cell === 'string' ? encodeBreaks(cell) : cell)),
    ),
  };
}

export const spssCsv = (wide: Table) => toCsv(spssTable(wide));

export interface SpssOptions {
  /** The name of the SPSS CSV, read from the folder SPSS runs in. */
  csvName: string;
  title: string;
  /** The zone of the local times (started_local, submitted_local). */
  timeZone: string;
}

/** The syntax that reads `spssCsv(wide)` (saved as `csvName`) and declares every variable. */
export function spssSyntax(variables: Variable[], wide: Table, options: SpssOptions): string {
  const names = spssNames([...META_VARIABLES, ...variables.map((v) => v.name)]);
  const nameOf = (v: Variable) => names[META_VARIABLES.length + variables.indexOf(v)]!;
  const table = spssTable(wide);
  const column = (i: number) => table.rows.map((row) => String(row[i] ?? ''));
  const width = (i: number) => Math.min(MAX_STRING_BYTES, Math.max(8, ...column(i).map(utf8Bytes)));
  const strings = [
    ...META_VARIABLES.map((_, i) => i),
    ...variables.flatMap((v, i) => (v.type === 'string' ? [META_VARIABLES.length + i] : [])),
  ];
  const formats = [
    ...META_VARIABLES.map((_, i) => `    ${names[i]} A${width(i)}`),
    ...variables.map((v, i) =>
      v.type === 'numeric'
        ? `    ${nameOf(v)} F${8 + (v.decimals ?? 0)}.${v.decimals ?? 0}`
        : `    ${nameOf(v)} A${width(META_VARIABLES.length + i)}`,
    ),
  ];
  const withBreaks = strings.filter((i) => column(i).some((cell) => HAS_STAND_IN.test(cell)));
  const labelled = variables.filter((v) => v.values && v.values.length > 0);
  const missing = variables.filter((v) => v.missing && v.missing.length > 0);
  const levels = (['nominal', 'ordinal', 'scale'] as const)
    .map((level) => [level, variables.filter((v) => v.level === level).map(nameOf)] as const)
    .filter(([, named]) => named.length > 0);
  const localLabel = (what: string) => quote(`${what}, local time (${options.timeZone})`);
  return [
    `* Kring export: ${options.title.replace(/\s+/g, ' ')}.`,
    `* Reads ${options.csvName} (UTF-8, comma-separated, first row names the variables)`,
    '* from the folder SPSS runs in: open this file from that folder, or give the full path.',
    '* Line breaks in answers are kept in the CSV as U+E00A and U+E00D; the COMPUTE lines after',
    '* GET DATA put them back.',
    'GET DATA',
    '  /TYPE=TXT',
    `  /FILE=${quote(options.csvName)}`,
    "  /ENCODING='UTF8'",
    '  /ARRANGEMENT=DELIMITED',
    '  /DELIMITERS=","',
    `  /QUALIFIER='"'`,
    '  /FIRSTCASE=2',
    '  /VARIABLES=',
    `${formats.join('\n')}.`,
    ...withBreaks.flatMap((i) =>
      BREAKS.map((b) => `COMPUTE ${names[i]} = REPLACE(${names[i]}, ${b.standInHex}, ${b.hex}).`),
    ),
    'VARIABLE LABELS',
    `  started_local ${localLabel('started')}`,
    `  /submitted_local ${localLabel('submitted')}`,
    ...variables.map((v) => `  /${nameOf(v)} ${quote(v.label)}`),
    '.',
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
    ...(levels.length > 0
      ? [
          'VARIABLE LEVEL',
          `${levels.map(([level, named]) => `  ${named.join(' ')} (${level.toUpperCase()})`).join('\n  /')}.`,
        ]
      : []),
    'EXECUTE.',
    '',
  ].join('\n');
}
