/**
 * Agreement between coders (issue 5, transcripts issue 24): Cohen's kappa per code, and for
 * transcripts the share of coded characters both coders gave a code (MAXQDA's). The codings are
 * indexed once per coder (`agreementIndex`); every cell of the agreement table is then read
 * from the index, so a new coding costs one index, not one pass over all codings per cell.
 */
import type { Coding, Source } from './coding';
import { turnsTouched } from './transcripts/transcript';

type Span = [number, number];

/** What one coder coded. */
interface CoderUnits {
  /** Per text that is not a transcript: the codes given to it (empty: coded, not with these). */
  texts: Map<string, Set<string>>;
  /** Per transcript the coder coded anything in: per code, the turns its passages touch. */
  turns: Map<string, Map<string, Set<number>>>;
  /** Per transcript and code: the coded ranges, sorted and merged. */
  spans: Map<string, Map<string, Span[]>>;
}

export interface AgreementIndex {
  coders: Map<string, CoderUnits>;
  /** Each transcript's number of turns. */
  turnCount: Map<string, number>;
}

/** The codings of every coder, indexed for kappa and overlap. */
export function agreementIndex(
  codings: readonly Coding[],
  sources?: ReadonlyMap<string, Pick<Source, 'turns'>>,
): AgreementIndex {
  const coders = new Map<string, CoderUnits>();
  const turnCount = new Map<string, number>();
  for (const c of codings) {
    let units = coders.get(c.coder);
    if (!units)
      coders.set(c.coder, (units = { texts: new Map(), turns: new Map(), spans: new Map() }));
    const turns = sources?.get(c.sourceKey)?.turns;
    if (!turns) {
      const given = units.texts.get(c.sourceKey) ?? new Set<string>();
      for (const code of c.codes) given.add(code);
      units.texts.set(c.sourceKey, given);
      continue;
    }
    turnCount.set(c.sourceKey, turns.length);
    const byCode = units.turns.get(c.sourceKey) ?? new Map<string, Set<number>>();
    units.turns.set(c.sourceKey, byCode);
    const spans = units.spans.get(c.sourceKey) ?? new Map<string, Span[]>();
    units.spans.set(c.sourceKey, spans);
    const touched = [...turnsTouched(turns, c.start, c.end)];
    for (const code of c.codes) {
      const set = byCode.get(code) ?? new Set<number>();
      for (const i of touched) set.add(i);
      byCode.set(code, set);
      const list = spans.get(code) ?? [];
      list.push([c.start, c.end]);
      spans.set(code, list);
    }
  }
  for (const units of coders.values())
    for (const byCode of units.spans.values())
      for (const [code, list] of byCode) byCode.set(code, merged(list));
  return { coders, turnCount };
}

/**
 * Cohen's kappa of two coders for one code, over the units both coded. A unit is a source (an
 * open answer, a reaction, a note) that a coder did or did not give the code; in a transcript
 * it is a turn, coded with the code when a coder's passage with it overlaps the turn, and each
 * turn of a transcript a coder coded anything in is a unit that coder coded. Undefined when
 * there is nothing to compare, or when chance agreement is complete (both always, or both
 * never, gave it).
 */
export function kappaIn(
  index: AgreementIndex,
  coderA: string,
  coderB: string,
  code: string,
): number | undefined {
  const a = index.coders.get(coderA);
  const b = index.coders.get(coderB);
  if (!a || !b) return undefined;
  // Counted without listing each unit: n units, of which `aYes`, `bYes` and `both` had the code.
  let n = 0;
  let aYes = 0;
  let bYes = 0;
  let both = 0;
  for (const [key, given] of a.texts) {
    const other = b.texts.get(key);
    if (other === undefined) continue;
    const x = given.has(code);
    const y = other.has(code);
    n++;
    if (x) aYes++;
    if (y) bYes++;
    if (x && y) both++;
  }
  for (const [key, byCode] of a.turns) {
    const other = b.turns.get(key);
    if (!other) continue;
    const x = byCode.get(code);
    const y = other.get(code);
    n += index.turnCount.get(key)!;
    aYes += x?.size ?? 0;
    bYes += y?.size ?? 0;
    if (x && y) for (const turn of x) if (y.has(turn)) both++;
  }
  if (n === 0) return undefined;
  const agree = n - (aYes + bYes - 2 * both);
  const po = agree / n;
  const pe = (aYes / n) * (bYes / n) + (1 - aYes / n) * (1 - bYes / n);
  return pe === 1 ? undefined : (po - pe) / (1 - pe);
}

/**
 * How much of the text two coders gave one code agree on, as MAXQDA reports it for segments:
 * the characters both coded with it over the characters either coded with it, in the
 * transcripts both coders coded. Undefined when neither gave the code there.
 */
export function overlapIn(
  index: AgreementIndex,
  coderA: string,
  coderB: string,
  code: string,
): number | undefined {
  const a = index.coders.get(coderA);
  const b = index.coders.get(coderB);
  if (!a || !b) return undefined;
  let both = 0;
  let either = 0;
  for (const [key, byCode] of a.spans) {
    const other = b.spans.get(key);
    if (!other) continue;
    const x = byCode.get(code) ?? [];
    const y = other.get(code) ?? [];
    const shared = intersection(x, y);
    both += shared;
    either += length(x) + length(y) - shared;
  }
  return either === 0 ? undefined : both / either;
}

/** Cohen's kappa of two coders for a code (see `kappaIn`), from the codings themselves. */
export function cohensKappa(
  codings: readonly Coding[],
  coderA: string,
  coderB: string,
  code: string,
  sources?: ReadonlyMap<string, Pick<Source, 'turns'>>,
): number | undefined {
  return kappaIn(agreementIndex(codings, sources), coderA, coderB, code);
}

/** The overlap of two coders' passages with a code (see `overlapIn`), from the codings themselves. */
export function overlapAgreement(
  codings: readonly Coding[],
  coderA: string,
  coderB: string,
  code: string,
  sources: ReadonlyMap<string, Pick<Source, 'turns'>>,
): number | undefined {
  return overlapIn(agreementIndex(codings, sources), coderA, coderB, code);
}

/** Ranges sorted and merged where they overlap or touch. */
function merged(list: readonly Span[]): Span[] {
  const spans = [...list].sort((x, y) => x[0] - y[0]);
  const out: Span[] = [];
  for (const span of spans) {
    const last = out.at(-1);
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else out.push([...span]);
  }
  return out;
}

const length = (spans: readonly Span[]) => spans.reduce((n, [s, e]) => n + (e - s), 0);

/** The characters two lists of sorted, merged ranges share (one pass over both). */
function intersection(x: readonly Span[], y: readonly Span[]): number {
  let total = 0;
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const [s1, e1] = x[i]!;
    const [s2, e2] = y[j]!;
    total += Math.max(0, Math.min(e1, e2) - Math.max(s1, s2));
    if (e1 < e2) i++;
    else j++;
  }
  return total;
}
