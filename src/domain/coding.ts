/**
 * Qualitative coding (issue 5): a codebook — by default the study's analysis framework, four
 * categories with sub-codes — and codings: a passage of a source (an open answer, a discussion
 * reaction, a note, a transcript) with one or more codes, a memo, and its coder. From these:
 * counts per code and role, Cohen's kappa between two coders, and quotes attributed as the
 * study prints them.
 */
import {
  rolesIn,
  speakersByRole,
  turnsTouched,
  type TranscriptTurn,
} from './transcripts/transcript';
import { sameItems } from '../shared/same-items';

/** A kappa as a table shows it: two decimals, and never "-0" for a value that rounds to zero. */
export function roundedKappa(kappa: number): number {
  return Math.round(kappa * 100) / 100 + 0;
}

export interface Code {
  id: string;
  label: string;
  description: string;
  color: string;
  /** The category a sub-code belongs to. */
  parent?: string;
}

export type SourceKind = 'open' | 'reaction' | 'note' | 'transcript';

/** A text that can be coded, with what is known of who said it. */
export interface Source {
  key: string;
  kind: SourceKind;
  text: string;
  sessionId: string;
  school: string;
  /** A role id of the survey; none for anonymous reactions. */
  role?: string;
  /** The question an open answer answers. */
  itemId?: string;
  /** A transcript's title. */
  title?: string;
  /** A transcript's turns: who said which range of its text (the roles are theirs). */
  turns?: TranscriptTurn[];
}

/** The roles of whoever said a coded passage: its turns' for a transcript, else its source's. */
export function rolesOf(
  source: Pick<Source, 'role' | 'turns'>,
  coding: Pick<Coding, 'start' | 'end'>,
): string[] {
  if (source.turns) return rolesIn({ turns: source.turns }, coding.start, coding.end);
  return source.role ? [source.role] : [];
}

export interface Coding {
  id: string;
  sourceKey: string;
  /** The coded passage: [start, end) in the source text. */
  start: number;
  end: number;
  codes: string[];
  memo: string;
  coder: string;
  at: number;
}

/** The study's framework: veranderingsprocessen, welbevinden, gelijke onderwijskansen, digitalisering. */
export function defaultCodebook(): Code[] {
  const category = (id: string, label: string, description: string, color: string): Code => ({
    id,
    label,
    description,
    color,
  });
  const sub = (parent: string, id: string, label: string, color: string): Code => ({
    id: `${parent}.${id}`,
    label,
    description: '',
    color,
    parent,
  });
  return [
    category(
      'veranderingsprocessen',
      'Veranderingsprocessen',
      'Hoe de school en de leraren veranderden en willen veranderen: veranderingsbekwaamheid, beleid, teamwerking.',
      '#6a3d9a',
    ),
    sub('veranderingsprocessen', 'beleid', 'Schoolbeleid en visie', '#6a3d9a'),
    sub('veranderingsprocessen', 'teamwerking', 'Teamwerking en samenwerking', '#6a3d9a'),
    sub('veranderingsprocessen', 'professionalisering', 'Professionalisering', '#6a3d9a'),
    category(
      'welbevinden',
      'Welbevinden',
      'Het welbevinden van leerlingen en van leraren.',
      '#1f78b4',
    ),
    sub('welbevinden', 'gesprekken', 'Tijd voor individuele gesprekken', '#1f78b4'),
    sub('welbevinden', 'groepsactiviteiten', 'Verbindende klas- en groepsactiviteiten', '#1f78b4'),
    sub('welbevinden', 'feedback', 'Aanmoediging en positieve feedback', '#1f78b4'),
    sub('welbevinden', 'zorg', 'Samenwerking met zorg en CLB', '#1f78b4'),
    sub('welbevinden', 'zelfredzaamheid', 'Zelfredzaamheid van leerlingen', '#1f78b4'),
    sub('welbevinden', 'werkdruk', 'Werkdruk van leraren', '#1f78b4'),
    sub('welbevinden', 'waardering', 'Waardering voor leraren', '#1f78b4'),
    category(
      'gelijke_kansen',
      'Gelijke onderwijskansen',
      'Kansen en drempels voor kwetsbare leerlingen.',
      '#33a02c',
    ),
    sub('gelijke_kansen', 'toegang', 'Toegang tot leermiddelen en internet', '#33a02c'),
    sub('gelijke_kansen', 'thuissituatie', 'Thuissituatie en ondersteuning', '#33a02c'),
    sub('gelijke_kansen', 'differentiatie', 'Differentiatie en remediëring', '#33a02c'),
    category(
      'digitalisering',
      'Digitalisering',
      'Digitaal en hybride leren, ICT-middelen en -vaardigheden.',
      '#e6550d',
    ),
    sub('digitalisering', 'middelen', 'ICT-middelen en platformen', '#e6550d'),
    sub('digitalisering', 'vaardigheden', 'Digitale vaardigheden', '#e6550d'),
    sub('digitalisering', 'hybride', 'Hybride en afstandsonderwijs', '#e6550d'),
  ];
}

/** The passage a coding marks (the whole source when the bounds are off). */
export function passage(
  source: Pick<Source, 'text'>,
  coding: Pick<Coding, 'start' | 'end'>,
): string {
  const { start, end } = coding;
  if (start < 0 || end > source.text.length || start >= end) return source.text;
  return source.text.slice(start, end).trim();
}

/**
 * Whose codings count when several coders coded the same texts: the codes they `agreed` on
 * (a text counts for a code when every coder who coded that text gave it the code), or one
 * `coder` taken as the reference. With one coder both are that coder's codings.
 */
export type CodingBasis = { kind: 'agreed' } | { kind: 'coder'; coder: string };

/** The codings that count on a basis; a coding keeps only its codes that count. */
export function codingsOn(codings: readonly Coding[], basis: CodingBasis): Coding[] {
  if (basis.kind === 'coder') return codings.filter((c) => c.coder === basis.coder);
  const byText = new Map<string, Map<string, Set<string>>>(); // text → coder → codes
  for (const c of codings) {
    const coders = byText.get(c.sourceKey) ?? new Map<string, Set<string>>();
    const codes = coders.get(c.coder) ?? new Set<string>();
    for (const code of c.codes) codes.add(code);
    coders.set(c.coder, codes);
    byText.set(c.sourceKey, coders);
  }
  return codings.flatMap((c) => {
    const coders = [...byText.get(c.sourceKey)!.values()];
    const codes = c.codes.filter((code) => coders.every((given) => given.has(code)));
    if (codes.length === c.codes.length) return [c]; // all agreed: the coding as it is
    return codes.length > 0 ? [{ ...c, codes }] : [];
  });
}

/** Coded texts per code and role: a text counts once per code, however many codings mark it. */
export function countsByCodeAndRole(
  codings: readonly Coding[],
  sources: ReadonlyMap<string, Source>,
): Map<string, Map<string, number>> {
  const texts = new Map<string, Map<string, Set<string>>>(); // code → role → texts
  for (const coding of codings) {
    const source = sources.get(coding.sourceKey);
    const roles = source ? rolesOf(source, coding) : [];
    for (const code of coding.codes)
      for (const role of roles.length > 0 ? roles : ['']) {
        const byRole = texts.get(code) ?? new Map<string, Set<string>>();
        const keys = byRole.get(role) ?? new Set<string>();
        keys.add(coding.sourceKey);
        byRole.set(role, keys);
        texts.set(code, byRole);
      }
  }
  return new Map(
    [...texts].map(([code, byRole]) => [
      code,
      new Map([...byRole].map(([role, keys]) => [role, keys.size])),
    ]),
  );
}

export interface Quote {
  code: string;
  text: string;
  attribution: string;
  school: string;
  memo: string;
}

/** A role's name in an attribution: `several` when the passage holds more than one speaker of it. */
export type RoleName = (role: string, several?: boolean) => string;

/**
 * The quotes of one code, as the study prints them: `“…” (leerkracht)`. A passage coded by
 * several coders is quoted once. `roleName` gives the plain lower-case name of a role
 * ("leerkracht", or for several speakers of it "leerkrachten"); a passage of a transcript that
 * runs over speakers of several roles names each (`join`: "leerkrachten en directie"); a
 * source without a role is attributed to `anonymous`.
 */
export function quotesFor(
  code: string,
  codings: readonly Coding[],
  sources: ReadonlyMap<string, Source>,
  roleName: RoleName,
  anonymous: string,
  join: (names: string[]) => string = (names) => names.join(' & '),
): Quote[] {
  const seen = new Set<string>();
  const quotes: Quote[] = [];
  for (const coding of codings) {
    if (!coding.codes.includes(code)) continue;
    const source = sources.get(coding.sourceKey);
    if (!source) continue;
    const text = passage(source, coding);
    const id = `${source.key}\u0000${text}`;
    if (seen.has(id)) continue;
    seen.add(id);
    quotes.push({
      code,
      text,
      attribution: attributionOf(namesOf(source, coding, roleName), anonymous, join),
      school: source.school,
      memo: coding.memo,
    });
  }
  return quotes;
}

/** Who said a passage, by role: a transcript's roles in order, plural where several spoke. */
function namesOf(source: Source, coding: Coding, roleName: RoleName): string[] {
  if (!source.turns) return source.role ? [roleName(source.role)] : [];
  return [...speakersByRole({ turns: source.turns }, coding.start, coding.end)].map(
    ([role, speakers]) => roleName(role, speakers > 1),
  );
}

function attributionOf(names: string[], anonymous: string, join: (names: string[]) => string) {
  if (names.length === 0) return anonymous;
  return names.length === 1 ? names[0]! : join(names);
}

/** Quotes as Markdown, ready for the report: one block quote each, attributed. */
export function quotesMarkdown(title: string, quotes: Quote[]): string {
  return [
    `## ${title}`,
    '',
    ...quotes.flatMap((q) => [`> “${q.text.replace(/\n+/g, ' ')}” (${q.attribution})`, '']),
  ].join('\n');
}

const CODE_ID = /^[a-z][a-z0-9_]{0,39}(\.[a-z0-9_]{1,40})?$/;
const COLOR = /^#[0-9a-fA-F]{6}$/;

/** One code as a file or another coder's doc gives it, copied field by field; undefined if malformed. */
export function parseCode(raw: unknown): Code | undefined {
  const c = raw as Partial<Record<keyof Code, unknown>> | null;
  if (typeof c !== 'object' || c === null) return undefined;
  if (typeof c.id !== 'string' || !CODE_ID.test(c.id)) return undefined;
  if (typeof c.label !== 'string' || !c.label.trim() || c.label.length > 200) return undefined;
  const description = typeof c.description === 'string' ? c.description.slice(0, 2000) : '';
  const color = typeof c.color === 'string' && COLOR.test(c.color) ? c.color : '#555555';
  const code: Code = { id: c.id, label: c.label.trim(), description, color };
  if (typeof c.parent === 'string' && CODE_ID.test(c.parent)) code.parent = c.parent;
  return code;
}

const SHORT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * A coding as another coder's doc gives it (the hub, a bundle), copied field by field;
 * undefined when malformed, so that it is left out rather than breaking a view.
 */
export function checkCoding(raw: unknown): Coding | undefined {
  const c = raw as Partial<Record<keyof Coding, unknown>> | null;
  if (typeof c !== 'object' || c === null) return undefined;
  const { id, sourceKey, start, end, codes, memo, coder, at } = c;
  if (typeof id !== 'string' || !SHORT_ID.test(id)) return undefined;
  if (typeof sourceKey !== 'string' || sourceKey.length > 400) return undefined;
  const offset = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0;
  if (!offset(start) || !offset(end) || end < start) return undefined;
  if (!Array.isArray(codes) || codes.length === 0 || codes.length > 50) return undefined;
  if (!codes.every((x): x is string => typeof x === 'string' && CODE_ID.test(x))) return undefined;
  if (typeof coder !== 'string' || !coder.trim() || coder.length > 100) return undefined;
  if (typeof at !== 'number' || !Number.isFinite(at)) return undefined;
  return {
    id,
    sourceKey,
    start,
    end,
    codes: [...codes],
    memo: typeof memo === 'string' ? memo.slice(0, 5000) : '',
    coder,
    at,
  };
}

/** A codebook file (a JSON list of codes), checked; undefined when it is not one. */
export function checkCodebook(raw: unknown): Code[] | undefined {
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > 500) return undefined;
  const codes: Code[] = [];
  for (const entry of raw as unknown[]) {
    const code = parseCode(entry);
    if (!code) return undefined;
    codes.push(code);
  }
  const ids = new Set(codes.map((c) => c.id));
  if (ids.size !== codes.length || codes.some((c) => c.parent && !ids.has(c.parent)))
    return undefined;
  return codes;
}

/** An id for a new code from its label ("Rol van ouders" → `rol_van_ouders`), unique in the book. */
export function codeId(
  label: string,
  parent: string | undefined,
  taken: ReadonlySet<string>,
): string {
  const base =
    label
      .toLowerCase()
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 30) || 'code';
  const start = /^[a-z]/.test(base) ? base : `c_${base}`;
  let id = parent ? `${parent}.${start}` : start;
  for (let n = 2; taken.has(id); n++) id = `${parent ? `${parent}.` : ''}${start}_${n}`;
  return id;
}

/** A stretch of a text, and the codings that mark all of it (none: not coded). */
export interface CodedSegment {
  start: number;
  end: number;
  codings: Coding[];
}

/** The range [start, end) cut where codings begin and end, each piece with its codings. */
export function codedSegments(
  start: number,
  end: number,
  codings: readonly Coding[],
): CodedSegment[] {
  const inside = codings.filter((c) => c.start < end && start < c.end);
  const cuts = [...new Set([start, end, ...inside.flatMap((c) => [c.start, c.end])])]
    .filter((at) => at >= start && at <= end)
    .sort((a, b) => a - b);
  const segments: CodedSegment[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [from, to] = [cuts[i]!, cuts[i + 1]!];
    segments.push({
      start: from,
      end: to,
      codings: inside.filter((c) => c.start <= from && to <= c.end),
    });
  }
  return segments;
}

/**
 * Per turn of a transcript, the codings that touch it (in the order given). `last` is the
 * previous grouping: a turn whose codings did not change keeps its list, the same array, so
 * a new coding redraws only the turns it codes.
 */
export function codingsByTurn(
  turns: readonly TranscriptTurn[],
  codings: readonly Coding[],
  last: readonly (readonly Coding[])[] = [],
): (readonly Coding[])[] {
  const byTurn: Coding[][] = turns.map(() => []);
  for (const coding of codings)
    for (const i of turnsTouched(turns, coding.start, coding.end)) byTurn[i]!.push(coding);
  return byTurn.map((list, i) => {
    const before = last[i];
    return before && sameItems(before, list) ? before : list;
  });
}
