/**
 * An XLSForm's sheets as pyxform reads them: headers without regard to case, the aliases
 * pyxform accepts (`list name`, `constraint message`, `requiredMsg`, `label:English`, …), and
 * the language of each translated column (`label::Nederlands (nl)`, `label::English`,
 * `label::nl`, plain `label`). Every cell keeps the header as the user wrote it, for the report.
 */

/** One sheet row as read: header → cell text. */
export type SheetRow = Record<string, string>;

export interface XlsForm {
  survey: SheetRow[];
  choices: SheetRow[];
  settings: SheetRow[];
  /** Choices of `select_one_external` questions (its own sheet). */
  external_choices?: SheetRow[];
}

/** A row with its columns under their normal names, and where it is in the sheet. */
export interface FormRow {
  /** The spreadsheet's row number (the header is row 1). */
  line: number;
  cells: Map<string, { value: string; header: string }>;
}

/** The columns translated per language (`label::nl`), in their normal name. */
const TRANSLATED = [
  'label',
  'hint',
  'guidance_hint',
  'constraint_message',
  'required_message',
  'image',
  'audio',
  'video',
  'big-image',
  'media::image',
  'media::audio',
  'media::video',
];

const ALIASES: Record<string, string> = {
  'list name': 'list_name',
  'list-name': 'list_name',
  caption: 'label',
  value: 'name',
  'constraint message': 'constraint_message',
  'constraint-message': 'constraint_message',
  'constraint-msg': 'constraint_message',
  constraintmsg: 'constraint_message',
  'jr:constraintmsg': 'constraint_message',
  'bind:jr:constraintmsg': 'constraint_message',
  'bind::jr:constraintmsg': 'constraint_message',
  'required message': 'required_message',
  'required-message': 'required_message',
  requiredmsg: 'required_message',
  'jr:requiredmsg': 'required_message',
  'bind::jr:requiredmsg': 'required_message',
  'guidance hint': 'guidance_hint',
  'choice filter': 'choice_filter',
  'choice-filter': 'choice_filter',
  relevance: 'relevant',
  'bind::relevant': 'relevant',
  'bind:relevant': 'relevant',
  'bind::required': 'required',
  'bind:required': 'required',
  'bind::constraint': 'constraint',
  'bind:constraint': 'constraint',
  'bind::calculate': 'calculation',
  'control::appearance': 'appearance',
  'control:appearance': 'appearance',
  'read only': 'read_only',
  readonly: 'read_only',
  'bind::readonly': 'read_only',
  'form title': 'form_title',
  'form id': 'form_id',
  title: 'form_title',
  id_string: 'form_id',
  'default language': 'default_language',
};

/** A header in its normal name: lower case, aliases resolved, `label:x` read as `label::x`. */
export function normalColumn(header: string): string {
  let name = header.trim().replace(/\s+/g, ' ');
  const single = /^([a-z_ -]+):([^:].*)$/i.exec(name);
  if (single && TRANSLATED.includes(normalColumn(single[1]!))) name = `${single[1]}::${single[2]}`;
  const [base = '', ...rest] = name.split('::');
  const lower = base.toLowerCase();
  const normal = ALIASES[lower] ?? lower;
  return rest.length > 0 ? `${normal}::${rest.join('::')}` : normal;
}

/** The rows of a sheet with normal column names; empty rows are left out. */
export function formRows(rows: readonly SheetRow[]): FormRow[] {
  return rows.flatMap((row, index) => {
    const cells = new Map<string, { value: string; header: string }>();
    for (const [header, raw] of Object.entries(row)) {
      const value = raw.trim();
      if (value !== '') cells.set(normalColumn(header), { value, header });
    }
    return cells.size === 0 ? [] : [{ line: index + 2, cells }];
  });
}

export const cell = (row: FormRow | undefined, column: string): string =>
  row?.cells.get(column)?.value ?? '';

export const header = (row: FormRow, column: string): string =>
  row.cells.get(column)?.header ?? column;

/** ISO 639-1 codes, to recognise a language written by its name (`label::English`). */
const ISO_639_1 =
  'aa ab af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu'.split(
    ' ',
  );

const nameIndex = new Map<string, string>();
function codeForName(name: string): string | undefined {
  if (nameIndex.size === 0) {
    const names = (lang: string) => {
      try {
        return new Intl.DisplayNames([lang], { type: 'language', fallback: 'none' });
      } catch {
        return undefined; // a runtime without names in this language: the others still match
      }
    };
    const common = ['en', 'nl', 'fr', 'de', 'es'].flatMap((lang) => names(lang) ?? []);
    for (const code of ISO_639_1)
      for (const display of [...common, ...(names(code) ? [names(code)!] : [])]) {
        const written = display.of(code);
        if (written) nameIndex.set(fold(written), code);
      }
    // Common spellings Intl does not give.
    for (const [written, code] of [
      ['farsi', 'fa'],
      ['bangla', 'bn'],
      ['kiswahili', 'sw'],
      ['tetun', 'tet'],
      ['tetum', 'tet'],
      ['dari', 'prs'],
      ['filipino', 'fil'],
      ['hmong', 'hmn'],
    ] as const)
      nameIndex.set(written, code);
  }
  return nameIndex.get(fold(name));
}

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();

export interface ColumnLanguage {
  /** The code the import uses. */
  code: string;
  /** How the column names it (`English`, `Nederlands (nl)`), for the report. */
  written: string;
  /** Derived from a name rather than written as a code. */
  derived: boolean;
}

/**
 * The language of a translated column's suffix: a code in brackets (`Nederlands (nl)`), a
 * code (`nl`), or a language's name in English, in itself or in a few others (`English`,
 * `Deutsch`, `français`). An unknown name becomes its first three letters (reported).
 */
export function languageOf(written: string): ColumnLanguage {
  const text = written.trim();
  const bracket = /\(([a-z]{2,3})(?:[-_][a-z0-9]+)?\)\s*$/i.exec(text);
  if (bracket) return { code: bracket[1]!.toLowerCase(), written: text, derived: false };
  const code = /^([a-z]{2,3})(?:[-_][a-z0-9]+)?$/i.exec(text);
  if (code && (ISO_639_1.includes(code[1]!.toLowerCase()) || text.length === 3))
    return { code: code[1]!.toLowerCase(), written: text, derived: false };
  const named = codeForName(text);
  if (named) return { code: named, written: text, derived: true };
  const letters = fold(text).replace(/[^a-z]/g, '');
  return { code: (letters + 'xxx').slice(0, 3), written: text, derived: true };
}
