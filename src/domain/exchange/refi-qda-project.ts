/**
 * A REFI-QDA project (`project.qde` of a `.qdpx`) read into Kring's terms (issue 24): its
 * codebook, its text sources with their selections and codings (coder, codes, memo). Pictures,
 * PDF files, audio and video are left out and counted, as are codings whose code the codebook
 * lacks. A project whose structure is broken, or with a selection outside its text, is refused
 * whole: nothing of it is stored.
 */
import type { Code } from '../coding';
import { childrenNamed, codesOf, qdaRoot } from './refi-qda-codebook';

export interface QdaSelection {
  id: string;
  /** In the text's UTF-16 units (JavaScript's), converted from the standard's code points. */
  start: number;
  end: number;
  codes: string[];
  coder: string;
  memo: string;
  at: number;
}

export interface QdaTextSource {
  guid: string;
  name: string;
  text: string;
  /** The source's variables by name (`School` …), as text. */
  variables: Map<string, string>;
  selections: QdaSelection[];
}

export type LeftOutKind = 'picture' | 'pdf' | 'audio' | 'video';

export type ProjectReading =
  | {
      ok: true;
      codes: Code[];
      flattened: number;
      texts: QdaTextSource[];
      leftOut: { sources: Record<LeftOutKind, number>; codings: number };
    }
  | {
      ok: false;
      problem: 'notProject' | 'badCode' | 'broken' | 'missingText' | 'selectionOutside';
      /** The source or selection concerned. */
      where?: string;
    };

const LEFT_OUT: Record<string, LeftOutKind> = {
  PictureSource: 'picture',
  PDFSource: 'pdf',
  AudioSource: 'audio',
  VideoSource: 'video',
};

/**
 * Reads `project.qde`; `file(path)` gives a text inside the `.qdpx` (`sources/<guid>.txt`).
 * `taken`: code ids already in use.
 */
export function readQdaProject(
  xml: string,
  file: (path: string) => string | undefined,
  taken: ReadonlySet<string> = new Set(),
): ProjectReading {
  const root = qdaRoot(xml);
  if (!root || root.localName !== 'Project') return { ok: false, problem: 'notProject' };
  const book = childrenNamed(root, 'CodeBook')[0];
  const codebook = book
    ? codesOf(book, taken)
    : { ok: true as const, codes: [], flattened: 0, idOfGuid: new Map<string, string>() };
  if (!codebook.ok) return { ok: false, problem: 'badCode' };

  const users = new Map<string, string>();
  for (const users_ of childrenNamed(root, 'Users'))
    for (const user of childrenNamed(users_, 'User'))
      users.set(guidKey(user.getAttribute('guid')), user.getAttribute('name') ?? '');
  const notes = new Map<string, string>();
  for (const list of childrenNamed(root, 'Notes'))
    for (const note of childrenNamed(list, 'Note'))
      notes.set(
        guidKey(note.getAttribute('guid')),
        childrenNamed(note, 'PlainTextContent')[0]?.textContent ?? '',
      );
  const variableNames = new Map<string, string>();
  for (const list of childrenNamed(root, 'Variables'))
    for (const variable of childrenNamed(list, 'Variable'))
      variableNames.set(
        guidKey(variable.getAttribute('guid')),
        variable.getAttribute('name') ?? '',
      );

  const leftOut = { sources: { picture: 0, pdf: 0, audio: 0, video: 0 }, codings: 0 };
  const texts: QdaTextSource[] = [];
  for (const list of childrenNamed(root, 'Sources'))
    for (let node = list.firstChild; node; node = node.nextSibling) {
      if (node.nodeType !== 1) continue;
      const element = node as Element;
      const other = LEFT_OUT[element.localName ?? ''];
      if (other) {
        leftOut.sources[other]++;
        continue;
      }
      if (element.localName !== 'TextSource') continue;
      const guid = element.getAttribute('guid');
      const name = element.getAttribute('name') ?? '';
      if (!guid) return { ok: false, problem: 'broken', where: name };
      const path = element.getAttribute('plainTextPath');
      const text = path?.startsWith('internal://')
        ? file(`sources/${path.slice('internal://'.length)}`)
        : (childrenNamed(element, 'PlainTextContent')[0]?.textContent ?? undefined);
      if (text === undefined) return { ok: false, problem: 'missingText', where: name || guid };
      const selections: QdaSelection[] = [];
      for (const selection of childrenNamed(element, 'PlainTextSelection')) {
        const id = guidKey(selection.getAttribute('guid'));
        const start = integer(selection.getAttribute('startPosition'));
        const end = integer(selection.getAttribute('endPosition'));
        if (!id || start === undefined || end === undefined)
          return { ok: false, problem: 'broken', where: name };
        const length = [...text].length;
        if (start < 0 || end < start || end > length)
          return { ok: false, problem: 'selectionOutside', where: name };
        const codings = childrenNamed(selection, 'Coding');
        const codes: string[] = [];
        for (const coding of codings) {
          const ref = childrenNamed(coding, 'CodeRef')[0]?.getAttribute('targetGUID');
          const code = codebook.idOfGuid.get(guidKey(ref));
          if (code) codes.push(code);
          else leftOut.codings++;
        }
        if (codes.length === 0) continue;
        const who =
          codings[0]?.getAttribute('creatingUser') ?? selection.getAttribute('creatingUser');
        const when = Date.parse(
          codings[0]?.getAttribute('creationDateTime') ??
            selection.getAttribute('creationDateTime') ??
            '',
        );
        const memo = childrenNamed(selection, 'NoteRef')
          .map((ref) => notes.get(guidKey(ref.getAttribute('targetGUID'))) ?? '')
          .filter(Boolean)
          .join('\n');
        selections.push({
          id,
          start: unitOffset(text, start),
          end: unitOffset(text, end),
          codes: [...new Set(codes)],
          coder: users.get(guidKey(who)) || 'REFI-QDA',
          memo,
          at: Number.isFinite(when) ? when : 0,
        });
      }
      const variables = new Map<string, string>();
      for (const value of childrenNamed(element, 'VariableValue')) {
        const ref = childrenNamed(value, 'VariableRef')[0]?.getAttribute('targetGUID');
        const variable = variableNames.get(guidKey(ref));
        const text = childrenNamed(value, 'TextValue')[0]?.textContent;
        if (variable && text !== undefined && text !== null) variables.set(variable, text);
      }
      texts.push({ guid: guidKey(guid), name, text, variables, selections });
    }
  return { ok: true, codes: codebook.codes, flattened: codebook.flattened, texts, leftOut };
}

/** A GUID as a key: lower case, without braces. */
function guidKey(guid: string | null | undefined): string {
  return (guid ?? '').replace(/[{}]/g, '').toLowerCase();
}

function integer(value: string | null): number | undefined {
  return value !== null && /^\d+$/.test(value.trim()) ? Number(value) : undefined;
}

/** A position in code points (as REFI-QDA counts) as a JavaScript string offset. */
export function unitOffset(text: string, points: number): number {
  let units = 0;
  for (let seen = 0; seen < points && units < text.length; seen++) {
    const code = text.codePointAt(units)!;
    units += code > 0xffff ? 2 : 1;
  }
  return units;
}
