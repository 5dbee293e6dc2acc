/**
 * A REFI-QDA project read into a fresh laptop's study (issue 24): Kring's own export comes back
 * with the same texts, turns, codes and codings; another tool's pictures and unknown codes are
 * counted as left out; a broken file stores nothing.
 */
import { focusGroup } from '../fixtures/transcripts/focus-group';
import { afterEach, describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import type { Coding, Source } from '../../src/domain/coding';
import { INTERVIEWER } from '../../src/domain/transcripts/pseudonyms';
import { transcriptSource } from '../../src/state/study/coding-sources';
import { CodingWorkspace } from '../../src/state/study/coding-workspace.svelte';
import { qdpxFile, readQdpx } from '../../src/state/study/qda-file';
import { freshDatabases } from '../fixtures/databases';
import { xmllintErrors } from '../fixtures/refi-qda/xmllint';

const database = freshDatabases('qda-import');
const open: CodingWorkspace[] = [];
afterEach(() => open.splice(0).forEach((w) => w.destroy()));

const roles: Record<string, string> = {
  interviewer: INTERVIEWER,
  leerkracht: 'leerkracht',
  directie: 'directie',
};
/** A speaker's role from its pseudonym ("Leerkracht 2" → leerkracht). */
const roleOf = (speaker: string) => roles[speaker.replace(/\s+\d+$/, '').toLowerCase()];

function exported() {
  const transcript = focusGroup([
    'Wat vonden jullie ervan? 🌳',
    'Te veel werk, echt 😩 te veel.\n\nEcht waar.',
    'Ja, dat zag ik ook.',
  ]);
  const source = transcriptSource(transcript);
  const [, jan, mieke] = transcript.turns;
  const codings: Coding[] = [
    {
      id: 'c1',
      sourceKey: source.key,
      start: jan!.start + 15,
      end: jan!.end,
      codes: ['welbevinden.werkdruk'],
      memo: 'zwaar',
      coder: 'An',
      at: 1_700_000_000_000,
    },
    {
      id: 'c2',
      sourceKey: source.key,
      start: jan!.start,
      end: mieke!.end,
      codes: ['welbevinden', 'welbevinden.werkdruk'],
      memo: '',
      coder: 'Bo',
      at: 1_700_000_001_000,
    },
  ];
  const open: Source = {
    key: 'open/t1/r1/acties',
    kind: 'open',
    text: 'Elke week een klasgesprek.',
    sessionId: 's1',
    school: 'Klimop',
    itemId: 'acties',
    role: 'leerkracht',
  };
  codings.push({
    id: 'c3',
    sourceKey: open.key,
    start: 0,
    end: 9,
    codes: ['welbevinden.gesprekken'],
    memo: '',
    coder: 'An',
    at: 1_700_000_002_000,
  });
  const bytes = qdpxFile({
    name: 'Studie',
    exportedAt: 1_700_000_000_000,
    codes: [],
    codings,
    sources: [source, open],
    wording: wordingOf(),
  });
  return { transcript, codings, bytes };
}

async function freshWorkspace() {
  const w = await CodingWorkspace.open(database());
  open.push(w);
  return w;
}

describe('a REFI-QDA project read in', () => {
  it('leaves out a coding whose code the codebook lacks, and counts it', () => {
    const project = `<Project xmlns="urn:QDA-XML:project:1.0" name="MAXQDA">
  <CodeBook><Codes><Code guid="aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa" name="Werkdruk" isCodable="true"/></Codes></CodeBook>
  <Sources><TextSource guid="11111111-1111-1111-1111-111111111111" name="Interview"><PlainTextContent>Veel 🌳 werk.</PlainTextContent>
    <PlainTextSelection guid="22222222-2222-2222-2222-222222222222" startPosition="5" endPosition="11">
      <Coding guid="33333333-3333-3333-3333-333333333333"><CodeRef targetGUID="AAAAAAAA-AAAA-AAAA-AAAA-AAAAAAAAAAAA"/></Coding>
      <Coding guid="44444444-4444-4444-4444-444444444444"><CodeRef targetGUID="bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb"/></Coding>
    </PlainTextSelection></TextSource></Sources>
</Project>`;
    const reading = readQdpx(zipSync({ 'project.qde': strToU8(project) }), new Set());
    if (!reading.ok) throw new Error('not read');
    expect(reading.leftOut.codings).toBe(1);
    const [selection] = reading.texts[0]!.selections;
    // Code points 5 to 11 ("🌳 werk") are UTF-16 units 5 to 12.
    expect(reading.texts[0]!.text.slice(selection!.start, selection!.end)).toBe('🌳 werk');
    expect(selection!.codes).toEqual(['werkdruk']);
  });

  it("with its codebook, maps the codes onto this laptop's by name, and doubles nothing when read twice", async () => {
    const { transcript, codings } = exported();
    const w0 = await freshWorkspace();
    const bytes = qdpxFileWithBook(w0.codebook);
    const w = await freshWorkspace();
    const reading = readQdpx(bytes, new Set(w.codebook.map((c) => c.id)));
    if (!reading.ok) throw new Error(JSON.stringify(reading));
    expect(await w.importQdaProject(reading, roleOf)).toEqual({ texts: 2, codings: 3, here: 0 });
    const again = readQdpx(bytes, new Set(w.codebook.map((c) => c.id)));
    if (!again.ok) throw new Error('again');
    await w.importQdaProject(again, roleOf);
    expect(w.transcripts).toHaveLength(2);
    expect(w.codings).toHaveLength(3);

    const back = w.transcripts.find((t) => t.title === 'Focusgroep Klimop')!;
    expect(back.text).toBe(transcript.text);
    expect(back.school).toBe('Klimop');
    expect(back.turns).toEqual(
      transcript.turns.map(({ start, end, speaker, role, at }) => ({
        start,
        end,
        speaker,
        role,
        ...(at === undefined ? {} : { at }),
      })),
    );
    const mine = w.codings.filter((c) => c.sourceKey === `transcript/${back.id}`);
    const shape = (list: Coding[]) =>
      list
        .map((c) => [c.start, c.end, c.codes.join(','), c.coder, c.memo, c.at])
        .sort((a, b) => Number(a[0]) - Number(b[0]));
    expect(shape(mine)).toEqual(shape(codings.slice(0, 2)));
    const answers = w.transcripts.find((t) => t !== back)!;
    const coded = w.codings.find((c) => c.sourceKey === `transcript/${answers.id}`)!;
    expect(answers.text.slice(coded.start, coded.end)).toBe('Elke week');

    function qdpxFileWithBook(codes: typeof w0.codebook) {
      return qdpxFile({
        name: 'Studie',
        exportedAt: 1,
        codes,
        codings,
        sources: [transcriptSource(transcript), ...exportedOpen()],
        wording: wordingOf(),
      });
    }
  });

  it('on the laptop that exported it, finds its own texts here and adds nothing', async () => {
    const { transcript } = exported();
    const w = await freshWorkspace();
    await w.addTranscript(transcript);
    const bytes = qdpxFile({
      name: 'Studie',
      exportedAt: 1,
      codes: w.codebook,
      codings: [],
      sources: [...w.sourcesByKey.values()],
      wording: wordingOf(),
    });
    const reading = readQdpx(bytes, new Set());
    if (!reading.ok) throw new Error('not read');
    expect(await w.importQdaProject(reading, roleOf)).toEqual({ texts: 0, codings: 0, here: 1 });
  });

  it("counts another tool's pictures and PDF files as left out", () => {
    const project = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="NVivo">
  <Sources>
    <PictureSource guid="11111111-1111-1111-1111-111111111111" name="Foto"/>
    <PDFSource guid="22222222-2222-2222-2222-222222222222" name="Verslag"/>
    <TextSource guid="33333333-3333-3333-3333-333333333333" name="Notities"><PlainTextContent>Een tekst.</PlainTextContent></TextSource>
  </Sources>
</Project>`;
    const reading = readQdpx(zipSync({ 'project.qde': strToU8(project) }), new Set());
    expect(reading).toMatchObject({
      ok: true,
      texts: [{ name: 'Notities', text: 'Een tekst.' }],
      leftOut: { sources: { picture: 1, pdf: 1, audio: 0, video: 0 } },
    });
  });

  it('refuses what is no project, a zip without project.qde, a missing text and a selection outside its text', () => {
    expect(readQdpx(strToU8('geen zip'), new Set())).toEqual({ ok: false, problem: 'notZip' });
    expect(readQdpx(zipSync({ 'x.txt': strToU8('x') }), new Set())).toEqual({
      ok: false,
      problem: 'noProject',
    });
    const project = (inner: string) =>
      zipSync({
        'project.qde': strToU8(
          `<Project xmlns="urn:QDA-XML:project:1.0" name="p"><Sources>${inner}</Sources></Project>`,
        ),
      });
    expect(
      readQdpx(
        project(
          '<TextSource guid="11111111-1111-1111-1111-111111111111" name="Weg" plainTextPath="internal://x.txt"/>',
        ),
        new Set(),
      ),
    ).toEqual({ ok: false, problem: 'missingText', where: 'Weg' });
    expect(
      readQdpx(
        project(
          '<TextSource guid="11111111-1111-1111-1111-111111111111" name="Kort"><PlainTextContent>Kort.</PlainTextContent><PlainTextSelection guid="22222222-2222-2222-2222-222222222222" startPosition="2" endPosition="50"/></TextSource>',
        ),
        new Set(),
      ),
    ).toEqual({ ok: false, problem: 'selectionOutside', where: 'Kort' });
    // A project that fails the standard's schema where the reading depends on it (xmllint
    // agrees): a source without its GUID, a selection whose place is no number.
    for (const [inner, where] of [
      [
        '<TextSource name="Zonder"><PlainTextContent>Tekst.</PlainTextContent></TextSource>',
        'Zonder',
      ],
      [
        '<TextSource guid="11111111-1111-1111-1111-111111111111" name="Plaats"><PlainTextContent>Tekst.</PlainTextContent><PlainTextSelection guid="22222222-2222-2222-2222-222222222222" startPosition="begin" endPosition="3"/></TextSource>',
        'Plaats',
      ],
    ] as const) {
      const qde = `<Project xmlns="urn:QDA-XML:project:1.0" name="p"><Sources>${inner}</Sources></Project>`;
      expect(xmllintErrors(qde, 'Project.xsd')).toMatch(/fails to validate/);
      expect(readQdpx(zipSync({ 'project.qde': strToU8(qde) }), new Set())).toEqual({
        ok: false,
        problem: 'broken',
        where,
      });
    }
    expect(readQdpx(zipSync({ 'project.qde': strToU8('<Project>') }), new Set())).toEqual({
      ok: false,
      problem: 'notProject',
    });
  });
});

function exportedOpen(): Source[] {
  return [
    {
      key: 'open/t1/r1/acties',
      kind: 'open',
      text: 'Elke week een klasgesprek.',
      sessionId: 's1',
      school: 'Klimop',
      itemId: 'acties',
      role: 'leerkracht',
    },
  ];
}

function wordingOf() {
  return {
    roleName: (r: string) => r,
    questionText: () => 'Wat deed je school?',
    respondentName: (school: string, role: string | undefined, n: number) =>
      `${school} · ${role} · ${n}`,
    discussionName: (school: string) => `Gesprek ${school}`,
    reaction: 'Reactie',
    note: 'Notitie',
    interviewer: 'interviewer',
    variables: { school: 'School', role: 'Rol', kind: 'Soort' },
    kindName: (k: string) => k,
  };
}
