/**
 * Transcripts in the study's coding (issue 24): they travel in the coding doc, so a bundle or
 * the hub brings them to another coder's laptop, and they are coded, counted and quoted by the
 * roles of whoever spoke.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { countsByCodeAndRole, quotesFor, type Coding } from '../../src/domain/coding';
import { INTERVIEWER } from '../../src/domain/transcripts/pseudonyms';
import { buildTranscript } from '../../src/domain/transcripts/transcript';
import { transcriptSource } from '../../src/state/study/coding-sources';
import { CodingDoc, TRANSCRIPTS } from '../../src/sync/coding-doc';

const transcript = buildTranscript({
  id: 'fg-1',
  title: 'Focusgroep',
  kind: 'focusGroup',
  sessionId: 's1',
  school: 'Klimop',
  createdAt: 5,
  turns: [
    { speaker: 'I', text: 'Wat vonden jullie ervan?' },
    { speaker: 'Jan', text: 'Te veel werk.' },
    { speaker: 'Mieke', text: 'Ja, dat zag ik ook.' },
  ],
  speakers: new Map([
    ['I', { role: INTERVIEWER, pseudonym: 'Interviewer' }],
    ['Jan', { role: 'leerkracht', pseudonym: 'Leerkracht 1' }],
    ['Mieke', { role: 'directie', pseudonym: 'Directie 1' }],
  ]),
  replacements: [],
});

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
});
