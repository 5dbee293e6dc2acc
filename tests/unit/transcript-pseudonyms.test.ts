/**
 * Names never reach a report (issue 24): speakers by pseudonym, names in the text replaced, and
 * a transcript as another laptop's doc gives it checked field by field.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  applyReplacements,
  INTERVIEWER,
  namesLeft,
  pseudonymsOf,
  speakerReplacements,
  type Replacement,
} from '../../src/domain/transcripts/pseudonyms';
import { readTranscriptText, type ReadTranscript } from '../../src/domain/transcripts/read-text';
import {
  buildTranscript,
  checkTranscript,
  rolesIn,
  TURN_BREAK,
  transcriptOfText,
  type Transcript,
} from '../../src/domain/transcripts/transcript';

const labels: Record<string, string> = {
  leerkracht: 'Leerkracht',
  directie: 'Directie',
  [INTERVIEWER]: 'Interviewer',
};
const roleLabel = (role: string) => labels[role] ?? role;

function focusGroup(): {
  read: ReadTranscript;
  transcript: Transcript;
  replacements: Replacement[];
} {
  const text = readFileSync(
    new URL('../fixtures/transcripts/focusgroep-sint-jozef.txt', import.meta.url),
    'utf8',
  );
  const read = readTranscriptText(text) as ReadTranscript;
  const roleOf = new Map([
    ['Interviewer', INTERVIEWER],
    ['Jan Peeters', 'leerkracht'],
    ['Els Maes', 'leerkracht'],
    ['Directeur Vermeulen', 'directie'],
  ]);
  const pseudonyms = pseudonymsOf(read.speakers, roleOf, roleLabel);
  const replacements = [
    ...speakerReplacements(pseudonyms),
    { find: 'Sint-Jozefscollege', replace: '[school]' },
  ];
  const transcript = buildTranscript({
    id: 'fg-1',
    title: 'Focusgroep school 3',
    kind: 'focusGroup',
    sessionId: 'session-3',
    school: 'School 3',
    createdAt: 1,
    turns: read.turns,
    speakers: new Map(
      read.speakers.map((s) => [s, { role: roleOf.get(s)!, pseudonym: pseudonyms.get(s)! }]),
    ),
    replacements,
  });
  return { read, transcript, replacements };
}

describe('pseudonyms', () => {
  it('numbers speakers per role in the order they first speak; one interviewer is just that', () => {
    const roleOf = new Map([
      ['Jan', 'leerkracht'],
      ['Els', 'leerkracht'],
      ['Mieke', 'directie'],
    ]);
    const names = pseudonymsOf(['Interviewer', 'Jan', 'Mieke', 'Els'], roleOf, roleLabel);
    expect([...names]).toEqual([
      ['Interviewer', 'Interviewer'],
      ['Jan', 'Leerkracht 1'],
      ['Els', 'Leerkracht 2'],
      ['Mieke', 'Directie 1'],
    ]);
  });

  it("puts speakers' names and their parts on the replacement list, not a tool's labels", () => {
    const list = speakerReplacements(
      new Map([
        ['Jan Peeters', 'Leerkracht 1'],
        ['SPEAKER_01', 'Leerkracht 2'],
        ['Interviewer', 'Interviewer'],
        ['Bo', 'Leerling 1'],
      ]),
    );
    expect(list).toEqual([
      { find: 'Jan Peeters', replace: 'Leerkracht 1' },
      { find: 'Jan', replace: 'Leerkracht 1' },
      { find: 'Peeters', replace: 'Leerkracht 1' },
      { find: 'Bo', replace: 'Leerling 1' },
    ]);
  });

  it('replaces whole words in any case, the longest name first, never part of another word', () => {
    const list = [
      { find: 'Jan', replace: 'Leerkracht 1' },
      { find: 'Jan Peeters', replace: 'Leerkracht 1' },
      { find: 'Sint-Jozef', replace: '[school]' },
      { find: 'Zoë', replace: 'Leerling 1' },
    ];
    expect(
      applyReplacements(
        'Jan  Peeters en JAN belden met Jansen van Sint-Jozef; zoë niet (Jan.)',
        list,
      ),
    ).toBe(
      'Leerkracht 1 en Leerkracht 1 belden met Jansen van [school]; Leerling 1 niet (Leerkracht 1.)',
    );
    expect(applyReplacements('Geen namen.', [])).toBe('Geen namen.');
  });
});

describe('a transcript', () => {
  it('keeps each turn as a range of its text, with its pseudonym and role', () => {
    const { read, transcript } = focusGroup();
    expect(transcript.turns).toHaveLength(read.turns.length);
    const said = transcript.turns.map((t) => transcript.text.slice(t.start, t.end));
    expect(said[2]).toBe(
      'Dat welbevinden zo hoog scoort bij de leerlingen, dat had ik niet verwacht.\nZeker niet na het afstandsonderwijs.',
    );
    expect(transcript.text).toBe(said.join(TURN_BREAK));
    expect(transcript.turns.map((t) => t.speaker ?? '—')).toEqual([
      '—',
      'Interviewer',
      'Leerkracht 1',
      'Leerkracht 2',
      'Interviewer',
      'Leerkracht 1',
      'Directie 1',
      'Directie 1',
      'Leerkracht 2',
    ]);
  });

  it('holds no replaced name anywhere, not in its text nor its speakers', () => {
    const { transcript, replacements } = focusGroup();
    const stored = JSON.stringify(transcript);
    for (const name of ['Jan', 'Peeters', 'Els', 'Maes', 'Vermeulen', 'Sint-Jozefscollege'])
      expect(stored).not.toContain(name);
    expect(namesLeft(transcript.text, replacements)).toEqual([]);
    expect(transcript.text).toContain('met Leerkracht 1 en met het zorgteam');
    expect(transcript.text).toContain("de collega's van het [school]");
  });

  it("names the roles of a passage's speakers, across turns, the interviewer left out", () => {
    const { transcript } = focusGroup();
    const [, , jan, , , , directie] = transcript.turns;
    expect(rolesIn(transcript, jan!.start + 4, jan!.end - 2)).toEqual(['leerkracht']);
    expect(rolesIn(transcript, transcript.turns[4]!.start, directie!.end)).toEqual([
      'leerkracht',
      'directie',
    ]);
  });

  it("from another laptop's doc: kept when well formed, else left out whole", () => {
    const { transcript } = focusGroup();
    expect(checkTranscript(JSON.parse(JSON.stringify(transcript)))).toEqual(transcript);
    expect(checkTranscript({ ...transcript, extra: '<script>' })).toEqual(transcript);
    const turns = transcript.turns;
    const bad: unknown[] = [
      null,
      'text',
      { ...transcript, id: '../../etc' },
      { ...transcript, kind: 'podcast' },
      { ...transcript, text: '' },
      { ...transcript, turns: [] },
      { ...transcript, turns: [{ ...turns[0], end: transcript.text.length + 1 }] },
      { ...transcript, turns: [turns[1], turns[0]] }, // out of order
      { ...transcript, turns: [{ ...turns[0], end: turns[0]!.start }] },
      { ...transcript, turns: [{ ...turns[0], speaker: 'x'.repeat(81) }] },
      { ...transcript, turns: [{ ...turns[0], at: -1 }] },
      { ...transcript, createdAt: Infinity },
    ];
    for (const raw of bad) expect(checkTranscript(raw)).toBeUndefined();
  });
});

describe("another tool's text as a transcript", () => {
  it('reads speakers from their lines, keeps a one-off label as text, and places offsets', () => {
    const given =
      'Leerkracht 1 [1:05]: Te veel werk.\n\nOpmerking: de opname viel weg.\n\nDirectie 1: Ja.';
    const roleOf = (speaker: string) =>
      ({ 'Leerkracht 1': 'leerkracht', 'Directie 1': 'directie' })[speaker];
    const { transcript, place } = transcriptOfText(
      { id: 'q', title: 'T', school: 'S', text: given, createdAt: 1 },
      roleOf,
    );
    expect(transcript.text).toBe('Te veel werk.\n\nOpmerking: de opname viel weg.\n\nJa.');
    expect(transcript.turns).toEqual([
      { start: 0, end: 45, speaker: 'Leerkracht 1', role: 'leerkracht', at: 65 },
      { start: 47, end: 50, speaker: 'Directie 1', role: 'directie' },
    ]);
    const at = (needle: string) => given.indexOf(needle);
    expect(transcript.text.slice(place(at('veel')), place(at('veel') + 4))).toBe('veel');
    expect(transcript.text.slice(place(at('opname')), place(at('Ja.') + 3))).toBe(
      'opname viel weg.\n\nJa.',
    );
    // An offset inside a speaker's label lands where the turn's text begins.
    expect(place(at('Directie'))).toBe(47);
  });
});
