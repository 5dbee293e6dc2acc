/**
 * Search across every codable text (issue 24): open answers, reactions, notes and transcripts.
 * A phrase is found whatever its case and accents ("coordinator" finds "Coördinator", a line
 * break counts as a space), and each hit comes with the passage a coder would code: its
 * sentence, its whole turn or answer, or just the words found.
 */
import type { Source } from './coding';
import { turnAt } from './transcripts/transcript';

export interface SearchHit {
  source: Source;
  /** The words found: [start, end) in the source's text. */
  start: number;
  end: number;
}

export interface SearchResult {
  /** The first hits, in the order of the sources given. */
  hits: SearchHit[];
  /** Every hit, the ones past the limit included. */
  total: number;
  /** How many sources hold a hit. */
  sources: number;
}

/** What a hit codes: its sentence, its turn (a transcript's) or answer, or the words found. */
export type HitExtent = 'sentence' | 'turn' | 'match';

/** Shorter queries find too much to be of use. */
export const MIN_QUERY = 2;

const ACCENTED = /[\u00C0-\u024F\u1E00-\u1EFF]/g;
const SPACE = /\s/g;
const SINGLE_QUOTE = /[\u2018\u2019\u201A\u201B]/g;
const DOUBLE_QUOTE = /[\u201C\u201D\u201E\u201F]/g;

/**
 * The text as search compares it: lower case, accents dropped, spaces and quotes alike. Of the
 * same length as the text, character for character, so a hit's place is its place in the text.
 */
export function foldForSearch(text: string): string {
  let lower = text.toLowerCase();
  // Lower-casing changes a length only for rare letters (İ): keep those as they are.
  if (lower.length !== text.length)
    lower = Array.from(text, (c) => {
      const l = c.toLowerCase();
      return l.length === c.length ? l : c;
    }).join('');
  return lower
    .replace(ACCENTED, (c) => {
      const base = c.normalize('NFD')[0]!.toLowerCase();
      return base.length === 1 ? base : c;
    })
    .replace(SPACE, ' ')
    .replace(SINGLE_QUOTE, "'")
    .replace(DOUBLE_QUOTE, '"');
}

/** Sources are searched many times while a coder types: each is folded once. */
const folded = new WeakMap<Source, string>();
function foldedOf(source: Source): string {
  let text = folded.get(source);
  if (text === undefined) folded.set(source, (text = foldForSearch(source.text)));
  return text;
}

/** The query as search compares it: folded, its spaces run together, trimmed. */
export function searchTerm(query: string): string {
  return foldForSearch(query.trim()).replace(/ +/g, ' ');
}

/** Every place `query` occurs in the sources; the first `limit` as hits, all of them counted. */
export function searchSources(
  sources: readonly Source[],
  query: string,
  limit = 1000,
): SearchResult {
  const term = searchTerm(query);
  const result: SearchResult = { hits: [], total: 0, sources: 0 };
  if (term.length < MIN_QUERY) return result;
  for (const source of sources) {
    const text = foldedOf(source);
    let at = text.indexOf(term);
    if (at < 0) continue;
    result.sources++;
    for (; at >= 0; at = text.indexOf(term, at + term.length)) {
      result.total++;
      if (result.hits.length < limit)
        result.hits.push({ source, start: at, end: at + term.length });
    }
  }
  return result;
}

/** The turn (a transcript's) or whole text a place belongs to: [start, end). */
export function unitAt(source: Source, at: number): [number, number] {
  const turn = source.turns && turnAt(source.turns, at);
  return turn ? [turn.start, turn.end] : [0, source.text.length];
}

const sentences =
  typeof Intl.Segmenter === 'function'
    ? new Intl.Segmenter(undefined, { granularity: 'sentence' })
    : undefined;

/** The passage a hit codes: [start, end) in its source's text, never beyond its turn. */
export function passageOfHit(hit: SearchHit, extent: HitExtent): [number, number] {
  if (extent === 'match') return [hit.start, hit.end];
  const [from, to] = unitAt(hit.source, hit.start);
  if (extent === 'turn' || !sentences) return [from, to];
  let start = from;
  let end = to;
  for (const part of sentences.segment(hit.source.text.slice(from, to))) {
    const partStart = from + part.index;
    const partEnd = partStart + part.segment.length;
    if (partEnd <= hit.start) start = partEnd;
    else if (partStart >= hit.end) {
      end = partStart;
      break;
    }
  }
  // A sentence's trailing spaces are not part of what was said.
  while (end > start && /\s/.test(hit.source.text[end - 1]!)) end--;
  return [start, end];
}

/** A hit in its context for a list of hits: at most `around` characters either side, within its turn. */
export function contextOfHit(
  hit: SearchHit,
  around = 60,
): { before: string; match: string; after: string } {
  const { text } = hit.source;
  const [from, to] = unitAt(hit.source, hit.start);
  const start = Math.max(from, hit.start - around);
  const end = Math.min(to, hit.end + around);
  // Cut at a space so that no word is shown in part.
  const cutStart = start === from ? start : text.indexOf(' ', start) + 1 || start;
  const space = text.lastIndexOf(' ', end);
  const cutEnd = end === to || space <= hit.end ? end : space;
  return {
    before: `${cutStart > from ? '…' : ''}${text.slice(Math.min(cutStart, hit.start), hit.start)}`,
    match: text.slice(hit.start, hit.end),
    after: `${text.slice(hit.end, cutEnd)}${cutEnd < to ? '…' : ''}`,
  };
}
