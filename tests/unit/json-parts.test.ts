/**
 * The splitter a large bundle is read with (src/shared/json-parts.ts): whatever the document
 * and wherever its chunks break, its fields and its array's elements come out as JSON.parse
 * reads them, and a broken structure is said with where.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonParts, JsonPartsError } from '../../src/shared/json-parts';

/** Feeds `text` as UTF-8 in chunks cut at `cuts` (bytes); returns the fields and elements, parsed. */
function split(text: string, cuts: number[] = []) {
  const fields: Record<string, unknown> = {};
  const elements: unknown[] = [];
  const parts = new JsonParts('responses', {
    field: (key, value) => (fields[key] = JSON.parse(value) as unknown),
    element: (value) => elements.push(JSON.parse(value) as unknown),
  });
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    parts.push(bytes.subarray(at, cut));
    at = cut;
  }
  parts.push(bytes.subarray(at));
  parts.end();
  return { fields, elements };
}

// Text with everything that could fool a splitter: quotes, backslashes, brackets, commas.
const tricky = fc.string({
  unit: fc.constantFrom('"', '\\', '{', '}', '[', ']', ',', ':', ' ', 'a', 'é', '’', '\n'),
});
const value = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    tricky,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(tricky, tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('a JSON document split into its fields and its array’s elements', () => {
  it('gives back every field and element, wherever the chunks break and however it is spaced', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          tricky.filter((k) => k !== 'responses'),
          value,
          { maxKeys: 5 },
        ),
        fc.array(value, { maxLength: 6 }),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 8 }),
        (fields, elements, indented, cuts) => {
          const document = { ...fields, responses: elements };
          const text = JSON.stringify(document, null, indented ? 2 : undefined);
          const size = new TextEncoder().encode(text).length;
          const got = split(
            text,
            cuts.map((c) => c % (size + 1)),
          );
          expect(got.elements).toEqual(JSON.parse(JSON.stringify(elements)));
          expect(got.fields).toEqual(JSON.parse(JSON.stringify(fields)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads a document cut into single bytes, with a byte-order mark and the array first', () => {
    const text =
      '\uFEFF { "responses" : [ {"a":"}\\"] é’🌳"} , 12 , [ ] ] , "n" : -1.5e3 , "t":true}';
    const got = split(
      text,
      [...new TextEncoder().encode(text)].map((_, i) => i),
    );
    expect(got.elements).toEqual([{ a: '}"] é’🌳' }, 12, []]);
    expect(got.fields).toEqual({ n: -1500, t: true });
  });

  it('hands over an array field that is not an array as a field', () => {
    expect(split('{"responses": null, "x": []}')).toEqual({
      fields: { responses: null, x: [] },
      elements: [],
    });
  });

  it('says where the structure breaks, and whether the document was an object at all', () => {
    const broken = (text: string) => {
      try {
        split(text);
      } catch (error) {
        return error as JsonPartsError;
      }
      throw new Error(`no error for ${text}`);
    };
    expect(broken('[1, 2]')).toMatchObject({ atStart: true, offset: 0 });
    expect(broken('  ')).toMatchObject({ atStart: true });
    expect(broken('{"a" 1}')).toMatchObject({ atStart: false, offset: 5 });
    expect(broken('{"a": 1 "b": 2}').message).toMatch(/Expected "," or "}" at character 8/);
    expect(broken('{"responses": [1 2]}').message).toMatch(/Expected "," or "]"/);
    expect(broken('{"a": 1} x').message).toMatch(/after the document/);
    expect(broken('{"a": [1, 2').message).toMatch(/ends too early/);
    expect(broken('{"a": ,}').message).toMatch(/Expected a value/);
    expect(broken('{"responses": [1, 2], "b": "open').message).toMatch(/ends too early/);
  });
});
