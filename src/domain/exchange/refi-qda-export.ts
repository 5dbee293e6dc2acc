/**
 * A study's coding as REFI-QDA (issue 24), the exchange standard of MAXQDA, NVivo, ATLAS.ti,
 * QualCoder and Transana: a project (`project.qde` in a `.qdpx` zip, its texts under
 * `sources/`) and a codebook alone (`.qdc`).
 *
 * What becomes a text source (docs/export-formats.md):
 * - a transcript: its turns, each on its own lines after its speaker's pseudonym (and time);
 * - a respondent's open answers: one source per response, each question and its answer;
 * - a session's discussion: its reactions and notes, one paragraph each.
 * Each source carries its school, role (a respondent's) and kind as variables; respondents are
 * cases by role, a transcript's speakers cases of their own. A coding becomes a plain-text selection (code points, as the standard counts)
 * with one coding per code, its coder a user, its memo a note.
 */
import type { Code, Coding, Source } from '../coding';
import type { TranscriptTurn } from '../transcripts/transcript';
import { INTERVIEWER } from '../transcripts/pseudonyms';
import { clockOf } from '../transcripts/transcript';
import { attributes, codePointOffset, dateTime, guidOf, xmlText } from './xml';

export interface QdaWording {
  roleName(role: string): string;
  questionText(itemId: string): string;
  /** "Klimop · leerkracht · antwoord 3" */
  respondentName(school: string, role: string | undefined, n: number): string;
  /** "Gesprek Klimop" */
  discussionName(school: string): string;
  reaction: string;
  note: string;
  /** The interviewer of a transcript, as its speakers' role. */
  interviewer: string;
  variables: { school: string; role: string; kind: string };
  kindName(kind: Source['kind']): string;
}

export interface QdaStudy {
  name: string;
  exportedAt: number;
  codes: readonly Code[];
  codings: readonly Coding[];
  sources: readonly Source[];
  wording: QdaWording;
}

/** The files of a `.qdpx`: `project.qde` and each source's text (paths within the zip). */
export interface QdaProject {
  project: string;
  texts: { path: string; text: string }[];
}

const PROJECT_NS = 'urn:QDA-XML:project:1.0';
const CODEBOOK_NS = 'urn:QDA-XML:codebook:1.0';

/** A text source being put together from Kring sources, with where each one's text went. */
class QdaText {
  text = '';
  readonly guid: string;
  readonly #places = new Map<string, (offset: number) => number>();

  constructor(
    readonly key: string,
    readonly name: string,
    readonly vars: { school: string; role?: string; kind: Source['kind'] },
  ) {
    this.guid = guidOf(`source:${key}`);
  }

  /** Appends a paragraph: `lead` (a speaker, a question) then the source's text. */
  add(source: Source, lead: string): void {
    if (this.text) this.text += '\n\n';
    this.text += lead;
    const base = this.text.length;
    this.text += source.text;
    this.#places.set(
      source.key,
      (offset) => base + Math.min(Math.max(offset, 0), source.text.length),
    );
  }

  /** Appends a transcript, a paragraph per turn after its speaker (and time). */
  addTranscript(source: Source, turns: readonly TranscriptTurn[]): void {
    const bases: number[] = [];
    for (const turn of turns) {
      if (this.text) this.text += '\n\n';
      const time = turn.at === undefined ? '' : ` [${clockOf(turn.at)}]`;
      if (turn.speaker) this.text += `${turn.speaker}${time}: `;
      bases.push(this.text.length);
      this.text += source.text.slice(turn.start, turn.end);
    }
    this.#places.set(source.key, (offset) => {
      // Within a turn (its end included), or else at the start of the next one.
      const i = turns.findIndex((t) => offset <= t.end);
      if (i < 0) return this.text.length;
      const turn = turns[i]!;
      return bases[i]! + Math.max(0, offset - turn.start);
    });
  }

  /** Where a Kring source's offset is in this text, in code points. */
  position(sourceKey: string, offset: number): number | undefined {
    const place = this.#places.get(sourceKey);
    return place ? codePointOffset(this.text, place(offset)) : undefined;
  }

  has(sourceKey: string): boolean {
    return this.#places.has(sourceKey);
  }
}

/** Kring's sources as REFI-QDA text sources, in order. */
function textsOf(sources: readonly Source[], wording: QdaWording): QdaText[] {
  const texts: QdaText[] = [];
  const respondents = new Map<string, QdaText>();
  const discussions = new Map<string, QdaText>();
  for (const source of sources) {
    if (source.kind === 'transcript') {
      const text = new QdaText(source.key, source.title ?? source.key, {
        school: source.school,
        kind: source.kind,
      });
      text.addTranscript(source, source.turns ?? [{ start: 0, end: source.text.length }]);
      texts.push(text);
    } else if (source.kind === 'open') {
      // `open/<device>/<response>/<item>`: a respondent's answers together.
      const respondent = source.key.slice(0, source.key.lastIndexOf('/'));
      let text = respondents.get(respondent);
      if (!text) {
        const name = wording.respondentName(
          source.school,
          source.role && wording.roleName(source.role),
          respondents.size + 1,
        );
        text = new QdaText(respondent, name, {
          school: source.school,
          ...(source.role ? { role: source.role } : {}),
          kind: source.kind,
        });
        respondents.set(respondent, text);
        texts.push(text);
      }
      text.add(source, `${wording.questionText(source.itemId ?? '')}\n`);
    } else {
      let text = discussions.get(source.sessionId);
      if (!text) {
        text = new QdaText(
          `discussion/${source.sessionId}`,
          wording.discussionName(source.school),
          {
            school: source.school,
            kind: source.kind,
          },
        );
        discussions.set(source.sessionId, text);
        texts.push(text);
      }
      const who = source.role ? ` (${wording.roleName(source.role)})` : '';
      text.add(source, `${source.kind === 'note' ? wording.note : wording.reaction}${who}: `);
    }
  }
  return texts;
}

/** The codebook's codes as nested `Code` elements (sub-codes inside their category). */
function codesXml(codes: readonly Code[]): string {
  const ids = new Set(codes.map((c) => c.id));
  const codeXml = (code: Code): string =>
    `<Code${attributes({ guid: guidOf(`code:${code.id}`), name: code.label, isCodable: true, color: code.color })}>` +
    (code.description ? `<Description>${xmlText(code.description)}</Description>` : '') +
    codes
      .filter((c) => c.parent === code.id)
      .map(codeXml)
      .join('') +
    '</Code>';
  const roots = codes.filter((c) => !c.parent || !ids.has(c.parent));
  return `<Codes>${roots.map(codeXml).join('')}</Codes>`;
}

/** A codebook alone, as a `.qdc` file. */
export function codebookQdc(codes: readonly Code[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<CodeBook${attributes({ xmlns: CODEBOOK_NS, origin: 'Kring' })}>${codesXml(codes)}</CodeBook>\n`;
}

/**
 * A transcript's speakers as cases, each by its pseudonym and transcript ("Leerkracht 2 ·
 * Focusgroep Klimop"), with its role and school, referring to the transcript's text.
 */
function speakerCases(
  sources: readonly Source[],
  textOf: ReadonlyMap<string, QdaText>,
  wording: QdaWording,
  value: (name: string, text: string) => string,
): string {
  let xml = '';
  for (const source of sources) {
    const text = textOf.get(source.key);
    if (source.kind !== 'transcript' || !text) continue;
    const speakers = new Map<string, string | undefined>();
    for (const turn of source.turns ?? [])
      if (turn.speaker && !speakers.has(turn.speaker)) speakers.set(turn.speaker, turn.role);
    for (const [speaker, role] of speakers)
      xml +=
        `<Case${attributes({ guid: guidOf(`case:speaker:${source.key}:${speaker}`), name: `${speaker} · ${text.name}` })}>` +
        (role
          ? value('role', role === INTERVIEWER ? wording.interviewer : wording.roleName(role))
          : '') +
        (source.school ? value('school', source.school) : '') +
        `<SourceRef${attributes({ targetGUID: text.guid })}/>` +
        '</Case>';
  }
  return xml;
}

/** A study's sources, codes and codings as a REFI-QDA project. */
export function qdaProject(study: QdaStudy): QdaProject {
  const { wording } = study;
  const texts = textsOf(study.sources, wording);
  const textOf = new Map<string, QdaText>();
  for (const text of texts)
    for (const source of study.sources) if (text.has(source.key)) textOf.set(source.key, text);
  const known = new Set(study.codes.map((c) => c.id));
  const codings = study.codings.filter((c) => textOf.has(c.sourceKey));
  const coders = [...new Set(codings.map((c) => c.coder))].sort();
  const userGuid = (coder: string) => guidOf(`user:${coder}`);
  const noteGuid = (coding: Coding) => guidOf(`memo:${coding.id}`);

  const variable = (name: string) => guidOf(`variable:${name}`);
  const variables = [
    ['school', wording.variables.school],
    ['role', wording.variables.role],
    ['kind', wording.variables.kind],
  ] as const;
  const value = (name: string, text: string) =>
    `<VariableValue><VariableRef${attributes({ targetGUID: variable(name) })}/><TextValue>${xmlText(text)}</TextValue></VariableValue>`;

  const selectionsOf = (text: QdaText) =>
    codings
      .filter((c) => textOf.get(c.sourceKey) === text)
      .map((coding) => {
        const start = text.position(coding.sourceKey, coding.start)!;
        const end = text.position(coding.sourceKey, coding.end)!;
        const when = dateTime(coding.at);
        const codes = coding.codes.filter((id) => known.has(id));
        return (
          `<PlainTextSelection${attributes({ guid: guidOf(`selection:${coding.id}`), name: coding.codes.join(', '), startPosition: start, endPosition: Math.max(start, end), creatingUser: userGuid(coding.coder), creationDateTime: when })}>` +
          codes
            .map(
              (id) =>
                `<Coding${attributes({ guid: guidOf(`coding:${coding.id}:${id}`), creatingUser: userGuid(coding.coder), creationDateTime: when })}><CodeRef${attributes({ targetGUID: guidOf(`code:${id}`) })}/></Coding>`,
            )
            .join('') +
          (coding.memo ? `<NoteRef${attributes({ targetGUID: noteGuid(coding) })}/>` : '') +
          '</PlainTextSelection>'
        );
      })
      .join('');

  const sourcesXml = texts
    .map(
      (text) =>
        `<TextSource${attributes({ guid: text.guid, name: text.name, plainTextPath: `internal://${text.guid}.txt`, creationDateTime: dateTime(study.exportedAt) })}>` +
        selectionsOf(text) +
        value('school', text.vars.school) +
        (text.vars.role ? value('role', wording.roleName(text.vars.role)) : '') +
        value('kind', wording.kindName(text.vars.kind)) +
        '</TextSource>',
    )
    .join('');

  // Respondents as cases, one per role.
  const byRole = new Map<string, QdaText[]>();
  for (const text of texts)
    if (text.vars.role) byRole.set(text.vars.role, [...(byRole.get(text.vars.role) ?? []), text]);
  const casesXml =
    [...byRole]
      .map(
        ([role, members]) =>
          `<Case${attributes({ guid: guidOf(`case:${role}`), name: wording.roleName(role) })}>` +
          members.map((m) => `<SourceRef${attributes({ targetGUID: m.guid })}/>`).join('') +
          '</Case>',
      )
      .join('') + speakerCases(study.sources, textOf, wording, value);

  const memos = codings.filter((c) => c.memo);
  const notesXml = memos
    .map(
      (coding) =>
        `<Note${attributes({ guid: noteGuid(coding), name: 'Memo', creatingUser: userGuid(coding.coder), creationDateTime: dateTime(coding.at) })}><PlainTextContent>${xmlText(coding.memo)}</PlainTextContent></Note>`,
    )
    .join('');

  const project =
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    `<Project${attributes({ xmlns: PROJECT_NS, name: study.name, origin: 'Kring', creationDateTime: dateTime(study.exportedAt) })}>` +
    (coders.length > 0
      ? `<Users>${coders.map((c) => `<User${attributes({ guid: userGuid(c), name: c })}/>`).join('')}</Users>`
      : '') +
    (study.codes.length > 0 ? `<CodeBook>${codesXml(study.codes)}</CodeBook>` : '') +
    `<Variables>${variables.map(([name, label]) => `<Variable${attributes({ guid: variable(name), name: label, typeOfVariable: 'Text' })}/>`).join('')}</Variables>` +
    (casesXml ? `<Cases>${casesXml}</Cases>` : '') +
    (sourcesXml ? `<Sources>${sourcesXml}</Sources>` : '') +
    (notesXml ? `<Notes>${notesXml}</Notes>` : '') +
    '</Project>\n';
  return { project, texts: texts.map((t) => ({ path: `sources/${t.guid}.txt`, text: t.text })) };
}
