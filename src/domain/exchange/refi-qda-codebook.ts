/**
 * A REFI-QDA codebook read into Kring's (issue 24): a `.qdc` file (`CodeBook`, namespace
 * `urn:QDA-XML:codebook:1.0`), or the codebook of a project (`project.qde`). Codes nest as
 * categories and sub-codes; Kring keeps two levels, so a code deeper down becomes a sub-code of
 * its top category (said in the outcome). A file that is no such codebook is refused whole.
 */
import { DOMParser } from '@xmldom/xmldom';
import { codeId, type Code } from '../coding';

export type CodebookReading =
  | { ok: true; codes: Code[]; flattened: number; idOfGuid: Map<string, string> }
  | { ok: false; problem: 'notXml' | 'notCodebook' | 'badCode' | 'tooMany' };

const NAMESPACES = ['urn:QDA-XML:codebook:1.0', 'urn:QDA-XML:project:1.0'];
const MAX_CODES = 500;

/** A parsed XML document; undefined when the text is no well-formed XML. */
function parsed(xml: string): Document | undefined {
  let failed = false;
  try {
    const doc = new DOMParser({
      errorHandler: (level: string) => {
        if (level !== 'warning') failed = true;
      },
    }).parseFromString(xml, 'text/xml');
    return failed || !doc.documentElement ? undefined : doc;
  } catch {
    return undefined;
  }
}

/** The root element of a REFI-QDA file; undefined when it is no well-formed XML of the standard. */
export function qdaRoot(xml: string): Element | undefined {
  const root = parsed(xml)?.documentElement;
  return root && NAMESPACES.includes(root.namespaceURI ?? '') ? root : undefined;
}

/** Kring's codes of a REFI-QDA codebook, their ids made from their names (`taken`: ids in use). */
export function readQdaCodebook(
  xml: string,
  taken: ReadonlySet<string> = new Set(),
): CodebookReading {
  const root = parsed(xml)?.documentElement;
  if (!root) return { ok: false, problem: 'notXml' };
  if (!NAMESPACES.includes(root.namespaceURI ?? '')) return { ok: false, problem: 'notCodebook' };
  const book = root.localName === 'CodeBook' ? root : childrenNamed(root, 'CodeBook')[0];
  return book ? codesOf(book, taken) : { ok: false, problem: 'notCodebook' };
}

/** The codes of a `CodeBook` element. */
export function codesOf(book: Element, taken: ReadonlySet<string>): CodebookReading {
  const codesElement = childrenNamed(book, 'Codes')[0];
  if (!codesElement) return { ok: false, problem: 'notCodebook' };
  const ids = new Set(taken);
  const codes: Code[] = [];
  const idOfGuid = new Map<string, string>();
  let flattened = 0;
  const read = (element: Element, parent: Code | undefined, depth: number): boolean => {
    const name = element.getAttribute('name')?.trim();
    const guid = element.getAttribute('guid');
    if (!name || !guid || !element.hasAttribute('isCodable')) return false;
    if (codes.length >= MAX_CODES) return false;
    const id = codeId(name, parent?.id, ids);
    ids.add(id);
    idOfGuid.set(guid.toLowerCase(), id);
    const description = childrenNamed(element, 'Description')[0]?.textContent?.trim() ?? '';
    const code: Code = {
      id,
      label: name.slice(0, 200),
      description: description.slice(0, 2000),
      color: colorOf(element.getAttribute('color')) ?? parent?.color ?? '#555555',
      ...(parent ? { parent: parent.id } : {}),
    };
    codes.push(code);
    if (depth >= 2) flattened++;
    // Kring has categories and sub-codes: deeper codes join their top category.
    const top = parent ?? code;
    return childrenNamed(element, 'Code').every((child) => read(child, top, depth + 1));
  };
  const roots = childrenNamed(codesElement, 'Code');
  if (roots.length === 0) return { ok: false, problem: 'notCodebook' };
  for (const element of roots)
    if (!read(element, undefined, 0))
      return { ok: false, problem: codes.length >= MAX_CODES ? 'tooMany' : 'badCode' };
  return { ok: true, codes, flattened, idOfGuid };
}

/** The child elements of `element` with this local name, in order. */
export function childrenNamed(element: Element, name: string): Element[] {
  const found: Element[] = [];
  for (let node = element.firstChild; node; node = node.nextSibling)
    if (node.nodeType === 1 && (node as Element).localName === name) found.push(node as Element);
  return found;
}

/** `#rrggbb` (a `#rgb` doubled out); undefined when it is no colour. */
function colorOf(value: string | null): string | undefined {
  const v = value?.trim() ?? '';
  if (/^#[0-9a-f]{6}$/i.test(v)) return v.toLowerCase();
  if (/^#[0-9a-f]{3}$/i.test(v))
    return `#${[...v.slice(1)].map((c) => c + c).join('')}`.toLowerCase();
  return undefined;
}
