/**
 * Transcripts in the study's coding (issue 24): they travel in the coding doc, so a bundle or
 * the hub brings them to another coder's laptop, and they are coded, counted and quoted by the
 * roles of whoever spoke.
 */
import { focusGroup } from '../fixtures/transcripts/focus-group';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  codedSegments,
  codingsByTurn,
  countsByCodeAndRole,
  quotesFor,
  type Coding,
} from '../../src/domain/coding';
import { cohensKappa, overlapAgreement } from '../../src/domain/coding-agreement';
import { INTERVIEWER } from '../../src/domain/transcripts/pseudonyms';
import { buildTranscript } from '../../src/domain/transcripts/transcript';
import { transcriptSource } from '../../src/state/study/coding-sources';
import { CodingDoc, TRANSCRIPTS } from '../../src/sync/coding-doc';

const transcript = focusGroup(
  ['Wat vonden jullie ervan?', 'Te veel werk.', 'Ja, dat zag ik ook.'],
  {
    title: 'Focusgroep',
    at: [],
    createdAt: 5,
  },
);

const coding = (start: number, end: number, codes = ['werkdruk']): Coding => ({
  id: `c${start}`,
  sourceKey: 'transcript/fg-1',
  start,
  end,
  codes,
  memo: '',
  coder: 'An',
  at: 1,
});

describe('transcripts in the coding doc', () => {
  it("reach another coder's doc with the coding state, and a malformed one is left out", () => {
    const anna = new CodingDoc();
    anna.putTranscript(transcript);
    const bram = new CodingDoc();
    bram.merge(anna.encode());
    bram.merge(anna.encode()); // twice: nothing doubles
    expect(bram.transcripts()).toEqual([transcript]);
    // A hostile doc's entry: turns past the end of the text.
    const hostile = new Y.Doc();
    hostile
      .getMap(TRANSCRIPTS)
      .set('bad', { ...transcript, id: 'bad', turns: [{ start: 0, end: 10_000 }] });
    bram.merge(Y.encodeStateAsUpdate(hostile));
    expect(bram.transcripts().map((t) => t.id)).toEqual(['fg-1']);
    bram.removeTranscript('fg-1');
    expect(bram.transcripts()).toEqual([]);
  });

  it('are counted and quoted by the roles of the turns a passage touches', () => {
    const source = transcriptSource(transcript);
    const sources = new Map([[source.key, source]]);
    const [, jan, mieke] = transcript.turns;
    const across = coding(jan!.start, mieke!.end);
    const quotes = quotesFor(
      'werkdruk',
      [across],
      sources,
      (r) => r,
      'anoniem',
      (names) => names.join(' en '),
    );
    expect(quotes).toEqual([
      {
        code: 'werkdruk',
        text: 'Te veel werk.\n\nJa, dat zag ik ook.',
        attribution: 'leerkracht en directie',
        school: 'Klimop',
        memo: '',
      },
    ]);
    // The interviewer's question is no one's answer: a passage of it alone is anonymous.
    const asked = coding(0, 5);
    expect(quotesFor('werkdruk', [asked], sources, (r) => r, 'anoniem')[0]!.attribution).toBe(
      'anoniem',
    );
    const counts = countsByCodeAndRole([across], sources);
    expect(Object.fromEntries(counts.get('werkdruk')!)).toEqual({ leerkracht: 1, directie: 1 });
  });

  it('name a role in the plural when several of its speakers share a passage, as the study prints it', () => {
    const exchange = transcriptSource(
      buildTranscript({
        id: 'fg-2',
        title: 'Focusgroep',
        kind: 'focusGroup',
        sessionId: 's1',
        school: 'Klimop',
        createdAt: 1,
        turns: [
          { speaker: 'Jan', text: 'De waardering bleef uit.' },
          { speaker: 'I', text: 'Herkennen jullie dat?' },
          { speaker: 'Els', text: 'Ja.' },
          { speaker: 'Mieke', text: 'Ook bij de directie.' },
          { speaker: 'Jan', text: 'Precies.' },
        ],
        speakers: new Map([
          ['I', { role: INTERVIEWER, pseudonym: 'Interviewer' }],
          ['Jan', { role: 'leerkracht', pseudonym: 'Leerkracht 1' }],
          ['Els', { role: 'leerkracht', pseudonym: 'Leerkracht 2' }],
          ['Mieke', { role: 'directie', pseudonym: 'Directie 1' }],
        ]),
        replacements: [],
      }),
    );
    const plural: Record<string, string> = { leerkracht: 'leerkrachten', directie: 'directie' };
    const attribution = (start: number, end: number) =>
      quotesFor(
        'x',
        [{ ...coding(start, end, ['x']), sourceKey: exchange.key }],
        new Map([[exchange.key, exchange]]),
        (role, several) => (several ? plural[role]! : role),
        'anoniem',
        (names) => names.join(' en '),
      )[0]!.attribution;
    const turns = exchange.turns!;
    expect(attribution(turns[0]!.start, turns[4]!.end)).toBe('leerkrachten en directie');
    // One teacher speaking twice is one teacher.
    expect(attribution(turns[3]!.start, turns[4]!.end)).toBe('directie en leerkracht');
    expect(attribution(turns[0]!.start, turns[0]!.end)).toBe('leerkracht');
  });
});

describe('agreement between coders on a transcript', () => {
  // Turns: "Vraag?" [0,6), 26 letters [8,34), 10 capitals [36,46), 10 letters [48,58).
  const text = buildTranscript({
    id: 'k',
    title: 'Kappa',
    kind: 'interview',
    school: '',
    createdAt: 1,
    turns: [
      { speaker: 'I', text: 'Vraag?' },
      { speaker: 'A', text: 'abcdefghijklmnopqrstuvwxyz' },
      { speaker: 'B', text: 'ABCDEFGHIJ' },
      { speaker: 'A', text: 'klmnopqrst' },
    ],
    speakers: new Map([
      ['I', { role: INTERVIEWER, pseudonym: 'Interviewer' }],
      ['A', { role: 'leerkracht', pseudonym: 'Leerkracht 1' }],
      ['B', { role: 'directie', pseudonym: 'Directie 1' }],
    ]),
    replacements: [],
  });
  const source = transcriptSource(text);
  const sources = new Map([[source.key, source]]);
  const by = (coder: string, start: number, end: number, code: string): Coding => ({
    id: `${coder}${start}`,
    sourceKey: source.key,
    start,
    end,
    codes: [code],
    memo: '',
    coder,
    at: 1,
  });
  const codings = [
    by('An', 10, 20, 'x'), // in turn 1
    by('An', 41, 58, 'x'), // from turn 2 into turn 3
    by('Bo', 15, 25, 'x'), // in turn 1
    by('Bo', 48, 52, 'y'), // Bo coded the transcript too, another code
  ];

  it('counts each turn as a unit: a worked example', () => {
    expect(text.turns.map((t) => [t.start, t.end])).toEqual([
      [0, 6],
      [8, 34],
      [36, 46],
      [48, 58],
    ]);
    // Four turns, both coders coded the transcript. "x": An turns 1, 2, 3; Bo turn 1.
    // Agreement on turns 0 and 1: po = 2/4. pe = 3/4 · 1/4 + 1/4 · 3/4 = 6/16.
    // κ = (8/16 − 6/16) / (1 − 6/16) = 2/10.
    expect(cohensKappa(codings, 'An', 'Bo', 'x', sources)).toBeCloseTo(0.2, 12);
    // Without turns (the transcript one unit) both gave "x": no chance correction possible.
    expect(cohensKappa(codings, 'An', 'Bo', 'x')).toBeUndefined();
  });

  it('gives the share of the characters coded alike, as MAXQDA does', () => {
    // An: [10,20) and [41,58) = 27 characters; Bo: [15,25) = 10; both: [15,20) = 5.
    // 5 / (27 + 10 − 5) = 5/32.
    expect(overlapAgreement(codings, 'An', 'Bo', 'x', sources)).toBe(5 / 32);
    expect(overlapAgreement(codings, 'An', 'Bo', 'y', sources)).toBe(0);
    expect(overlapAgreement(codings, 'An', 'Bo', 'z', sources)).toBeUndefined();
  });
});

describe('coded stretches of a text', () => {
  it('cut a range where codings begin and end, each with the codings over it', () => {
    const c = (id: string, start: number, end: number): Coding => ({
      id,
      sourceKey: 'k',
      start,
      end,
      codes: ['x'],
      memo: '',
      coder: 'An',
      at: 1,
    });
    const a = c('a', 2, 8);
    const b = c('b', 5, 20);
    const segments = codedSegments(0, 10, [a, b, c('far', 30, 40)]);
    expect(segments.map((s) => [s.start, s.end, s.codings.map((x) => x.id).join('')])).toEqual([
      [0, 2, ''],
      [2, 5, 'a'],
      [5, 8, 'ab'],
      [8, 10, 'b'],
    ]);
    expect(codedSegments(3, 3, [a])).toEqual([]);
  });

  it('group codings per turn; a turn a new coding leaves alone keeps its list (no redraw)', () => {
    const turns = transcript.turns;
    const first = coding(turns[1]!.start, turns[1]!.end);
    const across = { ...coding(turns[1]!.start + 3, turns[2]!.start + 2), id: 'across' };
    const before = codingsByTurn(turns, [first]);
    expect(before.map((list) => list.length)).toEqual([0, 1, 0]);
    const after = codingsByTurn(turns, [first, across], before);
    expect(after.map((list) => list.map((c) => c.id))).toEqual([
      [],
      [first.id, 'across'],
      ['across'],
    ]);
    expect(after[0]).toBe(before[0]); // untouched: the same array
    expect(after[1]).not.toBe(before[1]);
  });

  it('come from the doc as the same objects while unchanged, so unchanged views stay as drawn', () => {
    const doc = new CodingDoc();
    doc.putTranscript(transcript);
    doc.addCoding(coding(0, 5));
    const [held] = doc.codings();
    doc.addCoding(coding(6, 9));
    expect(doc.codings()[0]).toBe(held);
    expect(doc.transcripts()[0]).toBe(doc.transcripts()[0]);
  });
});
