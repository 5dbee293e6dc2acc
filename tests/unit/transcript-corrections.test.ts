/**
 * The facilitator's corrections of a transcript's turns before it is stored (issue 24): what
 * the reading took for a speaker, missed, joined or cut wrongly.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readTranscriptText, type ReadTranscript } from '../../src/domain/transcripts/read-text';
import {
  asSpeaker,
  cutsOf,
  mergeWithPrevious,
  notASpeaker,
  splitTurn,
} from '../../src/domain/transcripts/turn-corrections';

function read(text: string): ReadTranscript {
  const result = readTranscriptText(text);
  if (!('turns' in result)) throw new Error(`not read: ${JSON.stringify(result)}`);
  return result;
}
const shown = (r: ReadTranscript) => r.turns.map((t) => `${t.speaker ?? '—'}: ${t.text}`);

describe('correcting the turns read from a transcript', () => {
  it('a label that is no speaker becomes text of the turn before it, its label kept', () => {
    const r = read(
      [
        'Jan: Eerst dit.',
        'Let op: dit is een notitie.',
        'Els: En dan dat.',
        'Let op: nog een notitie.',
      ].join('\n'),
    );
    expect(r.speakers).toEqual(['Jan', 'Let op', 'Els']);
    const fixed = notASpeaker(r, 'Let op');
    expect(fixed.speakers).toEqual(['Jan', 'Els']);
    expect(shown(fixed)).toEqual([
      'Jan: Eerst dit.\nLet op: dit is een notitie.',
      'Els: En dan dat.\nLet op: nog een notitie.',
    ]);
    // The reading it came from is left as it was (the import's undo goes back to it).
    expect(r.speakers).toEqual(['Jan', 'Let op', 'Els']);
    // A first turn of such a label stays, as a turn of no one.
    expect(shown(notASpeaker(read('Noot: begin.\nNoot: nog.\nJan: Ja.'), 'Noot'))).toEqual([
      '—: Noot: begin.\nNoot: nog.',
      'Jan: Ja.',
    ]);
  });

  it('a speaker the reading missed starts its own turns, with its time', () => {
    const text = readFileSync(
      new URL('../fixtures/transcripts/focusgroep-sint-jozef.txt', import.meta.url),
      'utf8',
    );
    const r = read(text);
    expect(r.speakers).not.toContain('Opmerking');
    const fixed = asSpeaker(r, 'Opmerking');
    expect(fixed.speakers).toContain('Opmerking');
    expect(shown(fixed)).toContain('Opmerking: de opname viel hier even weg.');
    expect(fixed.turns).toHaveLength(r.turns.length + 1);
    const timed = asSpeaker(
      read('Jan: Ja.\n\n[00:01:02] Moderator: Goed.\n\nJan: Nee.'),
      'Moderator',
    );
    expect(timed.turns[1]).toEqual({ speaker: 'Moderator', at: 62, text: 'Goed.' });
  });

  it('two turns joined, one turn cut in two at a sentence or a line', () => {
    const r = read('Jan: Eén. Twee.\nDrie.\nJan: Vier.');
    expect(shown(mergeWithPrevious(r, 1))).toEqual(['Jan: Eén. Twee.\nDrie.\nVier.']);
    expect(mergeWithPrevious(r, 0)).toBe(r);
    const cuts = cutsOf(r.turns[0]!.text);
    expect(cuts.map((c) => c.opening)).toEqual(['Twee.\nDrie.', 'Drie.']);
    const split = splitTurn(r, 0, cuts[1]!.at, 'Els');
    expect(shown(split)).toEqual(['Jan: Eén. Twee.', 'Els: Drie.', 'Jan: Vier.']);
    expect(split.speakers).toEqual(['Jan', 'Els']);
    // A cut at an end, or for no one, changes nothing.
    expect(splitTurn(r, 0, 0, 'Els')).toBe(r);
    expect(splitTurn(r, 0, cuts[0]!.at, '  ')).toBe(r);
  });
});
