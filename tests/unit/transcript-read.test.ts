/**
 * Reading transcripts into speaker turns (issue 24), from files in the styles people and tools
 * write them (tests/fixtures/transcripts/README.md).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readSubtitles } from '../../src/domain/transcripts/read-subtitles';
import {
  readPastedTranscript,
  readTranscriptFile,
  textOfHtml,
} from '../../src/state/study/transcript-file';
import { docxOf, TEAMS_FOCUS_GROUP } from '../fixtures/transcripts/docx';
import {
  labelOf,
  readTranscriptText,
  secondsOf,
  type ReadTranscript,
} from '../../src/domain/transcripts/read-text';

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/transcripts/${name}`, import.meta.url), 'utf8');

function read(result: ReturnType<typeof readTranscriptText>): ReadTranscript {
  if (!('turns' in result)) throw new Error(`not read: ${JSON.stringify(result)}`);
  return result;
}

describe('a transcript typed as text', () => {
  it('reads a focus group: turns over several lines, text before the first speaker, prose with a colon', () => {
    const { turns, speakers } = read(readTranscriptText(fixture('focusgroep-sint-jozef.txt')));
    expect(speakers).toEqual(['Interviewer', 'Jan Peeters', 'Els Maes', 'Directeur Vermeulen']);
    expect(turns.map((t) => t.speaker ?? '—')).toEqual([
      '—',
      'Interviewer',
      'Jan Peeters',
      'Els Maes',
      'Interviewer',
      'Jan Peeters',
      'Directeur Vermeulen',
      'Directeur Vermeulen',
      'Els Maes',
    ]);
    expect(turns[0]!.text).toMatch(/^Focusgesprek Sint-Jozefscollege, 14 maart\nAanwezig: vijf/);
    expect(turns[2]!.text).toBe(
      'Dat welbevinden zo hoog scoort bij de leerlingen, dat had ik niet verwacht.\nZeker niet na het afstandsonderwijs.',
    );
    // A label written once, without a time, is prose: it stays in the turn it is part of.
    expect(turns[3]!.text).toMatch(/zorgteam geholpen hebben\.\n\nOpmerking: de opname viel/);
    expect(turns.at(-1)!.text).toBe('Inderdaad.');
  });

  it('reads times before the speaker, as noScribe and many typists write them', () => {
    const { turns, speakers } = read(readTranscriptText(fixture('interview-getimed.txt')));
    expect(speakers).toEqual(['Interviewer', 'Sofie De Smet']);
    expect(turns.map((t) => t.at)).toEqual([4, 9, 75, 80]);
    expect(turns[1]!.text).toBe(
      'Ik ben zorgcoördinator, al acht jaar.\nDaarvoor gaf ik les in het derde leerjaar.',
    );
  });

  it("reads Teams' export: a speaker's line with its time, the text below it", () => {
    const { turns } = read(readTranscriptText(fixture('teams-export.txt')));
    expect(turns).toEqual([
      { speaker: 'Jan Peeters', at: 3, text: 'Goedemorgen, zijn we allemaal binnen?' },
      { speaker: 'Els Maes', at: 7, text: 'Ja, ik hoor je goed.' },
      { speaker: 'Jan Peeters', at: 3735, text: 'Dan sluiten we af.' },
    ]);
  });

  it('reads pasted text with Windows line ends and a byte-order mark', () => {
    const pasted = '\uFEFFA: Hoe gaat het?\r\nB: Goed.\r\nA: Fijn.\r\nB: Tot later.';
    const { turns } = read(readTranscriptText(pasted));
    expect(turns.map((t) => `${t.speaker}|${t.text}`)).toEqual([
      'A|Hoe gaat het?',
      'B|Goed.',
      'A|Fijn.',
      'B|Tot later.',
    ]);
  });

  it('says an empty transcript is empty', () => {
    expect(readTranscriptText('')).toEqual({ code: 'empty' });
    expect(readTranscriptText(' \n\n\t\n')).toEqual({ code: 'empty' });
    expect(readTranscriptText('Jan:\nEls:\nJan:\nEls:\n')).toEqual({ code: 'empty' });
  });

  it('takes a web address or a time of day for no speaker', () => {
    expect(labelOf('https://www.kring.be/handleiding')).toBeUndefined();
    expect(secondsOf('1:02:03.5')).toBe(3723.5);
    expect(secondsOf('12:03')).toBe(723);
    expect(secondsOf('00:61')).toBeUndefined();
  });
});

describe('a transcript as subtitles', () => {
  it("reads Teams' WebVTT: voice tags, a note, cue numbers, a speaker's cues in a row as one turn", () => {
    const result = readSubtitles(fixture('focusgroep.vtt'), 'vtt');
    const { turns, speakers } = read(result);
    expect(speakers).toEqual(['Jan Peeters', 'Els Maes']);
    expect(turns).toEqual([
      {
        speaker: 'Jan Peeters',
        at: 3.12,
        text: 'Goedemorgen allemaal. We beginnen met de grafiek.',
      },
      {
        speaker: 'Els Maes',
        at: 10,
        text: 'Welbevinden & gelijke kansen, dat vind ik belangrijk.',
      },
      { speaker: 'Jan Peeters', at: 70, text: 'Dank je, Els.' },
    ]);
  });

  it("reads WhisperX's SubRip with its speaker labels", () => {
    const { turns, speakers } = read(readSubtitles(fixture('interview-whisperx.srt'), 'srt'));
    expect(speakers).toEqual(['SPEAKER_00', 'SPEAKER_01']);
    expect(turns[1]).toEqual({
      speaker: 'SPEAKER_01',
      at: 3.4,
      text: 'Zwaar. Ik zag mijn leerlingen\nalleen nog op het scherm. En dat was niet genoeg.',
    });
  });

  it('says which line holds a broken time, and that a file without its header is no WebVTT', () => {
    expect(readSubtitles(fixture('broken.vtt'), 'vtt')).toEqual({
      code: 'timestamp',
      line: 6,
      text: '00:00:04,000 --> 00:00:05.000',
    });
    expect(readSubtitles('1\n00:00:01,000 --> 00:00:02,000\nHallo', 'vtt')).toEqual({
      code: 'notSubtitles',
    });
    expect(
      readSubtitles('1\n00:00:05,000 --> 00:00:02,000\nTerug in de tijd', 'srt'),
    ).toMatchObject({
      code: 'timestamp',
      line: 2,
    });
    expect(readSubtitles('1\nHallo zonder tijd\n', 'srt')).toMatchObject({ code: 'timestamp' });
    expect(readSubtitles('WEBVTT\n\n', 'vtt')).toEqual({ code: 'empty' });
  });
});

describe('a transcript file', () => {
  it('is read by its kind, and one too large is refused before it is read', async () => {
    const file = (text: string, name: string) => new File([text], name);
    const vtt = await readTranscriptFile(
      file('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHallo', 'a.VTT'),
    );
    expect(vtt).toMatchObject({ turns: [{ at: 1, text: 'Hallo' }] });
    expect(await readTranscriptFile(file('A: ja\nB: nee\nA: ja\n', 'notes.txt'))).toMatchObject({
      speakers: ['A', 'B'],
    });
    let read = false;
    const huge = {
      name: 'opname.txt',
      size: 50 * 1024 * 1024,
      text: () => ((read = true), Promise.resolve('')),
    } as unknown as File;
    expect(await readTranscriptFile(huge)).toEqual({ code: 'tooLarge', limitMb: 4 });
    expect(read).toBe(false);
    const broken = { name: 'weg.txt', size: 10, text: () => Promise.reject(new Error('gone')) };
    expect(await readTranscriptFile(broken as unknown as File)).toEqual({ code: 'unreadable' });
    const word = new File([docxOf(TEAMS_FOCUS_GROUP) as Uint8Array<ArrayBuffer>], 'focus.docx');
    expect(await readTranscriptFile(word)).toMatchObject({
      speakers: ['Jan Peeters', 'Els Maes', 'Mieke Janssens'],
      turns: [
        { text: 'Focusgesprek De Klimop' },
        { speaker: 'Jan Peeters', at: 3 },
        {
          speaker: 'Els Maes',
          at: 15,
          text: 'Dat welbevinden zo hoog scoort.\nZeker na de lockdown.',
        },
        { speaker: 'Mieke Janssens', at: 62 },
        { speaker: 'Els Maes', at: 80, text: 'En Jan heeft de ouders gebeld.' },
      ],
    });
    expect(await readTranscriptFile(file('Dit is geen Word-bestand.', 'vals.docx'))).toEqual({
      code: 'notDocx',
    });
    expect(
      readPastedTranscript('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Els>Ja'),
    ).toMatchObject({ speakers: ['Els'] });
  });
});

describe("a Word file's text", () => {
  it('keeps paragraphs, line breaks and escaped characters as written, decoded once', () => {
    expect(
      textOfHtml(
        '<h1>Titel</h1><p>a &amp;lt; b<br />c <strong>vet</strong></p><p>&quot;d&#39;&gt;</p>',
      ),
    ).toBe('Titel\n\na &lt; b\nc vet\n\n"d\'>\n\n');
  });
});
