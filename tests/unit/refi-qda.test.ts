/**
 * The study's coding as REFI-QDA (issue 24), checked as MAXQDA, NVivo and ATLAS.ti would read
 * it: each file validated against the standard's schemas with xmllint (tests/fixtures/refi-qda),
 * and each selection, read back from its source's text by code points, is the passage coded.
 */
import { unzipSync, strFromU8 } from 'fflate';
import { focusGroup } from '../fixtures/transcripts/focus-group';
import { xmllintErrors } from '../fixtures/refi-qda/xmllint';
import { describe, expect, it } from 'vitest';
import { defaultCodebook, passage, type Coding, type Source } from '../../src/domain/coding';
import {
  codebookQdc,
  qdaProject,
  type QdaWording,
} from '../../src/domain/exchange/refi-qda-export';
import { codePointOffset, guidOf } from '../../src/domain/exchange/xml';
import { transcriptSource } from '../../src/state/study/coding-sources';
import { qdpxFile } from '../../src/state/study/qda-file';

const wording: QdaWording = {
  roleName: (role) => ({ leerkracht: 'leerkracht', directie: 'directie' })[role] ?? role,
  questionText: (id) => `Vraag ${id}?`,
  respondentName: (school, role, n) => [school, role, `antwoord ${n}`].filter(Boolean).join(' · '),
  discussionName: (school) => `Gesprek ${school}`,
  reaction: 'Reactie',
  note: 'Notitie',
  interviewer: 'interviewer',
  variables: { school: 'School', role: 'Rol', kind: 'Soort' },
  kindName: (kind) => kind,
};

function study() {
  const transcript = transcriptSource(
    focusGroup(
      [
        'Wat vonden jullie ervan? 🌳',
        'Te veel werk, echt 😩 te veel.',
        'Ja, dat zag ik ook.\nZeker in maart.',
      ],
      { title: 'Focusgroep <Klimop> & "co"' },
    ),
  );
  const open = (device: string, item: string, text: string, role: string): Source => ({
    key: `open/${device}/r1/${item}`,
    kind: 'open',
    text,
    sessionId: 's1',
    school: 'Klimop',
    itemId: item,
    role,
  });
  const sources: Source[] = [
    transcript,
    open('t1', 'acties', 'Elke week een klasgesprek.', 'leerkracht'),
    open('t1', 'digitaal', 'Laptops voor iedereen \u0007!', 'leerkracht'),
    open('t2', 'acties', 'Een werkgroep welbevinden.', 'directie'),
    {
      key: 'note/s1/n1',
      kind: 'note',
      text: 'Iedereen knikt.',
      sessionId: 's1',
      school: 'Klimop',
      role: 'directie',
    },
    {
      key: 'reaction/s1/x',
      kind: 'reaction',
      text: 'Meer pauze!',
      sessionId: 's1',
      school: 'Klimop',
    },
  ];
  const turns = transcript.turns!;
  const coding = (
    id: string,
    key: string,
    start: number,
    end: number,
    codes: string[],
    memo = '',
    coder = 'An',
  ): Coding => ({
    id,
    sourceKey: key,
    start,
    end,
    codes,
    memo,
    coder,
    at: 1_700_000_000_000,
  });
  const codings = [
    // "echt 😩 te veel" in Jan's turn: after an emoji, code points and UTF-16 differ.
    coding(
      'c1',
      transcript.key,
      turns[1]!.start + 15,
      turns[1]!.end - 1,
      ['welbevinden.werkdruk'],
      'zwaar <3',
    ),
    // From Jan's turn into Mieke's, with two codes.
    coding(
      'c2',
      transcript.key,
      turns[1]!.start,
      turns[2]!.end,
      ['welbevinden', 'welbevinden.werkdruk'],
      '',
      'Bo',
    ),
    coding('c3', sources[1]!.key, 0, 10, ['welbevinden.gesprekken']),
    coding('c4', sources[4]!.key, 0, 9, ['veranderingsprocessen']),
    coding('c5', sources[3]!.key, 4, 13, ['welbevinden']),
  ];
  return {
    sources,
    codings,
    codes: defaultCodebook(),
    name: 'Studie <SOM> 2022',
    exportedAt: 1_700_000_000_000,
    wording,
  };
}

/** The selections of a project: their source's text file, start and end, and their codes. */
function selections(project: string) {
  const found: { source: string; start: number; end: number; codes: string[] }[] = [];
  for (const source of project.matchAll(
    /<TextSource [^>]*guid="([^"]+)"[^>]*>(.*?)<\/TextSource>/gs,
  ))
    for (const s of source[2]!.matchAll(
      /<PlainTextSelection [^>]*startPosition="(\d+)" endPosition="(\d+)"[^>]*>(.*?)<\/PlainTextSelection>/gs,
    ))
      found.push({
        source: source[1]!,
        start: Number(s[1]),
        end: Number(s[2]),
        codes: [...s[3]!.matchAll(/<CodeRef targetGUID="([^"]+)"/g)].map((m) => m[1]!),
      });
  return found;
}

describe('REFI-QDA export', () => {
  it('writes a project that the standard schema accepts, its selections the passages coded', () => {
    const s = study();
    const { project, texts } = qdaProject(s);
    expect(xmllintErrors(project, 'Project.xsd')).toBe('');
    const textOf = new Map(texts.map((t) => [t.path.replace(/^sources\/|\.txt$/g, ''), t.text]));
    const found = selections(project);
    expect(found).toHaveLength(5);
    const byCode = (points: string, start: number, end: number) =>
      [...points].slice(start, end).join('');
    const [c1, c2, c3] = found;
    const transcriptText = textOf.get(c1!.source)!;
    expect(transcriptText).toBe(
      'Interviewer [0:03]: Wat vonden jullie ervan? 🌳\n\nLeerkracht 1 [1:05]: Te veel werk, echt 😩 te veel.\n\nDirectie 1: Ja, dat zag ik ook.\nZeker in maart.',
    );
    const transcript = s.sources[0]!;
    expect(byCode(transcriptText, c1!.start, c1!.end)).toBe(passage(transcript, s.codings[0]!));
    expect(byCode(transcriptText, c2!.start, c2!.end)).toBe(
      'Te veel werk, echt 😩 te veel.\n\nDirectie 1: Ja, dat zag ik ook.\nZeker in maart.',
    );
    expect(c2!.codes).toEqual([guidOf('code:welbevinden'), guidOf('code:welbevinden.werkdruk')]);
    // A respondent's answers are one source, each after its question.
    expect(textOf.get(c3!.source)).toBe(
      'Vraag acties?\nElke week een klasgesprek.\n\nVraag digitaal?\nLaptops voor iedereen \u0007!',
    );
    expect(byCode(textOf.get(c3!.source)!, c3!.start, c3!.end)).toBe('Elke week ');
    // Coders are users, memos notes, respondents cases by role, school and role variables.
    expect(project).toContain('<User guid="' + guidOf('user:An') + '" name="An"/>');
    expect(project).toMatch(
      /<Note [^>]*><PlainTextContent>zwaar &lt;3<\/PlainTextContent><\/Note>/,
    );
    expect(project).toMatch(/<Case [^>]*name="leerkracht"><SourceRef [^/]*\/><\/Case>/);
    // A transcript's speakers are cases of their own, with their role and school.
    const speaker =
      /<Case [^>]*name="Leerkracht 1 · Focusgroep &lt;Klimop&gt; &amp; &quot;co&quot;">(.*?)<\/Case>/.exec(
        project,
      );
    expect(speaker?.[1]).toContain('<TextValue>leerkracht</TextValue>');
    expect(speaker?.[1]).toContain('<TextValue>Klimop</TextValue>');
    expect(speaker?.[1]).toMatch(/<SourceRef targetGUID="[^"]+"\/>$/);
    expect(project).toMatch(
      /<Case [^>]*name="Interviewer · [^"]*"><VariableValue>.*?<TextValue>interviewer<\/TextValue>/,
    );
    expect(project).toContain('<TextValue>Klimop</TextValue>');
    // Sub-codes inside their category, with the framework's colours.
    expect(project).toMatch(
      /<Code [^>]*name="Welbevinden" isCodable="true" color="#1f78b4"><Description>[^<]*<\/Description><Code /,
    );
  });

  it('gives the same ids and file every time, and a zip with the project and each text', () => {
    const s = study();
    expect(qdaProject(s).project).toBe(qdaProject(study()).project);
    const files = unzipSync(qdpxFile(s));
    const names = Object.keys(files).sort();
    expect(names[0]).toBe('project.qde');
    expect(names.filter((n) => /^sources\/[0-9a-f-]{36}\.txt$/.test(n))).toHaveLength(
      names.length - 1,
    );
    expect(names).toHaveLength(1 + 4); // a transcript, two respondents, a discussion
    expect(xmllintErrors(strFromU8(files['project.qde']!), 'Project.xsd')).toBe('');
  });

  it('writes the codebook alone as a .qdc the codebook schema accepts', () => {
    const codes = defaultCodebook();
    codes.push({
      id: 'eigen',
      label: 'Eigen <code> & "meer"',
      description: 'Met\nregels',
      color: '#123abc',
    });
    const qdc = codebookQdc(codes);
    expect(xmllintErrors(qdc, 'Codebook.xsd')).toBe('');
    expect(qdc.match(/<Code /g)).toHaveLength(codes.length);
  });

  it('counts positions in code points, as the standard does', () => {
    expect(codePointOffset('a🌳b', 3)).toBe(2);
    expect(codePointOffset('a🌳b', 4)).toBe(3);
    expect(codePointOffset('abc', 2)).toBe(2);
  });
});
