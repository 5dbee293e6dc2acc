/**
 * The `type` column of an XLSForm in all the spellings pyxform accepts (`select_one x`,
 * `select one from x or specify other`, `select all that apply x`, `string`, `int`, …).
 */

export type RowType =
  | {
      kind: 'select_one' | 'select_multiple' | 'rank';
      list: string;
      other: boolean;
      external: boolean;
    }
  | { kind: 'from_file'; written: string }
  | { kind: 'begin' | 'end'; repeat: boolean }
  | {
      kind:
        | 'text'
        | 'integer'
        | 'decimal'
        | 'range'
        | 'note'
        | 'acknowledge'
        | 'date'
        | 'media'
        | 'metadata'
        | 'calculate'
        | 'unknown';
      written: string;
    };

const METADATA = new Set([
  'start',
  'end',
  'today',
  'deviceid',
  'subscriberid',
  'simserial',
  'phonenumber',
  'phone number',
  'username',
  'email',
  'audit',
  'imei',
  'start-geopoint',
  'background-geopoint',
]);
const CALCULATE = new Set(['calculate', 'hidden', 'xml-external', 'csv-external']);
const DATES = new Set(['date', 'time', 'datetime']);
const MEDIA = new Set([
  'geopoint',
  'geotrace',
  'geoshape',
  'image',
  'photo',
  'audio',
  'video',
  'file',
  'barcode',
  'background-audio',
  'signature',
  'osm',
]);
const ALIASES: Record<string, RowType['kind']> = {
  text: 'text',
  string: 'text',
  integer: 'integer',
  int: 'integer',
  decimal: 'decimal',
  range: 'range',
  note: 'note',
  acknowledge: 'acknowledge',
  trigger: 'acknowledge',
};

const SELECT =
  /^(select_one|select one|select_multiple|select multiple|select all that apply|select_one_external|select one external|select_multiple_external|rank)(?: from)? (\S+)(?: (or_other|or specify other))?$/;

export function readType(written: string): RowType | undefined {
  const type = written.trim().replace(/\s+/g, ' ');
  if (type === '') return undefined;
  const lower = type.toLowerCase();
  const select = SELECT.exec(lower);
  if (select) {
    const [, keyword = '', , other] = select;
    // The list's name keeps its case: choices are matched on it as written.
    const list = type.split(' ').filter((w) => !/^(from|or_other|or|specify|other)$/i.test(w));
    return {
      kind: keyword === 'rank' ? 'rank' : /one/.test(keyword) ? 'select_one' : 'select_multiple',
      list: list[list.length - 1] ?? '',
      other: other !== undefined,
      external: keyword.includes('external'),
    };
  }
  if (/^select_(one|multiple)_from_file /.test(lower)) return { kind: 'from_file', written: type };
  const boundary = /^(begin|end)[ _](group|repeat|loop)\b/.exec(lower);
  if (boundary) return { kind: boundary[1] as 'begin' | 'end', repeat: boundary[2] !== 'group' };
  if (lower.startsWith('uri:') || METADATA.has(lower)) return { kind: 'metadata', written: type };
  if (CALCULATE.has(lower)) return { kind: 'calculate', written: type };
  if (DATES.has(lower)) return { kind: 'date', written: type };
  const first = lower.split(' ')[0]!;
  if (MEDIA.has(first)) return { kind: 'media', written: type };
  const alias = ALIASES[lower];
  if (alias) return { kind: alias, written: type } as RowType;
  return { kind: 'unknown', written: type };
}

/** Whether a row of this type asks the respondent something (what the corpus figure counts). */
export function isQuestion(type: RowType): boolean {
  return !['begin', 'end', 'note', 'metadata', 'calculate'].includes(type.kind);
}
