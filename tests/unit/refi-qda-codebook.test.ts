/**
 * REFI-QDA codebooks read into Kring's (issue 24): Kring's own `.qdc` back again, a deeper
 * codebook as MAXQDA writes one, and files that are no codebook refused whole.
 */
import { describe, expect, it } from 'vitest';
import { defaultCodebook } from '../../src/domain/coding';
import { readQdaCodebook } from '../../src/domain/exchange/refi-qda-codebook';
import { codebookQdc } from '../../src/domain/exchange/refi-qda-export';

describe('a REFI-QDA codebook', () => {
  it("reads Kring's own .qdc back: the same codes, hierarchy, colours and descriptions", () => {
    const book = defaultCodebook();
    const reading = readQdaCodebook(codebookQdc(book));
    expect(reading).toMatchObject({ ok: true, flattened: 0 });
    if (!reading.ok) return;
    const shape = (codes: typeof book) =>
      codes.map((c) => [
        c.label,
        c.color,
        c.description,
        codes.find((p) => p.id === c.parent)?.label,
      ]);
    expect(shape(reading.codes)).toEqual(shape(book));
  });

  it('reads a deeper codebook under its top categories, #rgb colours, names already taken', () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="MAXQDA 2022">
  <Codes>
    <Code guid="11111111-1111-1111-1111-111111111111" name="Welbevinden" isCodable="true" color="#1f78b4">
      <Description>Van leerlingen en leraren</Description>
      <Code guid="22222222-2222-2222-2222-222222222222" name="Werkdruk" isCodable="true">
        <Code guid="33333333-3333-3333-3333-333333333333" name="Planlast" isCodable="true" color="#f00"/>
      </Code>
    </Code>
    <Code guid="44444444-4444-4444-4444-444444444444" name="Rol van ouders" isCodable="false"/>
  </Codes>
</CodeBook>`;
    const reading = readQdaCodebook(xml, new Set(['welbevinden']));
    expect(reading.ok && reading.idOfGuid.get('33333333-3333-3333-3333-333333333333')).toBe(
      'welbevinden_2.planlast',
    );
    expect(reading).toMatchObject({
      ok: true,
      flattened: 1,
      codes: [
        {
          id: 'welbevinden_2',
          label: 'Welbevinden',
          description: 'Van leerlingen en leraren',
          color: '#1f78b4',
        },
        {
          id: 'welbevinden_2.werkdruk',
          label: 'Werkdruk',
          description: '',
          color: '#1f78b4',
          parent: 'welbevinden_2',
        },
        {
          id: 'welbevinden_2.planlast',
          label: 'Planlast',
          description: '',
          color: '#ff0000',
          parent: 'welbevinden_2',
        },
        { id: 'rol_van_ouders', label: 'Rol van ouders', description: '', color: '#555555' },
      ],
    });
  });

  it('refuses what is no codebook, and changes nothing', () => {
    expect(readQdaCodebook('{"codes": []}')).toEqual({ ok: false, problem: 'notXml' });
    expect(readQdaCodebook('<CodeBook><Codes>')).toEqual({ ok: false, problem: 'notXml' });
    expect(readQdaCodebook('<html xmlns="http://www.w3.org/1999/xhtml"/>')).toEqual({
      ok: false,
      problem: 'notCodebook',
    });
    const missing = `<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code name="Zonder guid" isCodable="true"/></Codes></CodeBook>`;
    expect(readQdaCodebook(missing)).toEqual({ ok: false, problem: 'badCode' });
    const empty = `<Project xmlns="urn:QDA-XML:project:1.0" name="p"/>`;
    expect(readQdaCodebook(empty)).toEqual({ ok: false, problem: 'notCodebook' });
  });
});
