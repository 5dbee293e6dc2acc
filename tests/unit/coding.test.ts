import { describe, expect, it } from 'vitest';
import {
  checkCodebook,
  codeId,
  cohensKappa,
  countsByCodeAndRole,
  defaultCodebook,
  passage,
  quotesFor,
  quotesMarkdown,
  type Coding,
  type Source,
} from '../../src/domain/coding';

const coding = (over: Partial<Coding>): Coding => ({
  id: 'c',
  sourceKey: 's1',
  start: 0,
  end: 0,
  codes: [],
  memo: '',
  coder: 'An',
  at: 1,
  ...over,
});

describe('coding', () => {
  it("starts from the study's framework: four categories with sub-codes", () => {
    const book = defaultCodebook();
    expect(book.filter((c) => !c.parent).map((c) => c.label)).toEqual([
      'Veranderingsprocessen',
      'Welbevinden',
      'Gelijke onderwijskansen',
      'Digitalisering',
    ]);
    expect(book.every((c) => !c.parent || book.some((p) => p.id === c.parent))).toBe(true);
    expect(new Set(book.map((c) => c.id)).size).toBe(book.length);
  });

  it("computes Cohen's kappa as in a worked example", () => {
    // 10 passages; both coded all. An gives the code to 1–5, Bert to 1–4 and 6.
    // Agreement on 1–4 (yes) and 7–10 (no): po = 0.8; pe = 0.5·0.5 + 0.5·0.5 = 0.5; κ = 0.6.
    const codings: Coding[] = [];
    for (let i = 1; i <= 10; i++) {
      codings.push(
        coding({
          id: `a${i}`,
          sourceKey: `s${i}`,
          coder: 'An',
          codes: i <= 5 ? ['welbevinden'] : ['digitalisering'],
        }),
      );
      codings.push(
        coding({
          id: `b${i}`,
          sourceKey: `s${i}`,
          coder: 'Bert',
          codes: i <= 4 || i === 6 ? ['welbevinden'] : ['digitalisering'],
        }),
      );
    }
    expect(cohensKappa(codings, 'An', 'Bert', 'welbevinden')).toBeCloseTo(0.6, 10);
    expect(cohensKappa(codings, 'An', 'Bert', 'welbevinden')).toBe(
      cohensKappa(codings, 'Bert', 'An', 'welbevinden'),
    );
    expect(cohensKappa(codings, 'An', 'Nobody', 'welbevinden')).toBeUndefined();
    // Perfect agreement is 1.
    const same = codings
      .filter((c) => c.coder === 'An')
      .flatMap((c) => [c, { ...c, id: `${c.id}x`, coder: 'Cas' }]);
    expect(cohensKappa(same, 'An', 'Cas', 'welbevinden')).toBe(1);
  });

  it('quotes a passage as the study prints it, once even when two coders coded it', () => {
    const sources = new Map<string, Source>([
      [
        's1',
        {
          key: 's1',
          kind: 'open',
          text: 'Elke week een klasgesprek. Dat hielp.',
          sessionId: 'x',
          school: 'A',
          role: 'leerkracht',
        },
      ],
      [
        's2',
        { key: 's2', kind: 'reaction', text: 'Meer tijd voor elkaar', sessionId: 'x', school: 'A' },
      ],
    ]);
    const codings = [
      coding({ id: '1', sourceKey: 's1', start: 0, end: 26, codes: ['welbevinden.gesprekken'] }),
      coding({
        id: '2',
        sourceKey: 's1',
        start: 0,
        end: 26,
        codes: ['welbevinden.gesprekken'],
        coder: 'Bert',
      }),
      coding({ id: '3', sourceKey: 's2', codes: ['welbevinden.gesprekken'] }),
    ];
    const quotes = quotesFor(
      'welbevinden.gesprekken',
      codings,
      sources,
      (r) => r,
      'deelnemer focusgesprek',
    );
    expect(quotes.map((q) => `“${q.text}” (${q.attribution})`)).toEqual([
      '“Elke week een klasgesprek.” (leerkracht)',
      '“Meer tijd voor elkaar” (deelnemer focusgesprek)',
    ]);
    expect(quotesMarkdown('Gesprekken', quotes)).toContain(
      '> “Elke week een klasgesprek.” (leerkracht)',
    );
    expect(countsByCodeAndRole(codings, sources).get('welbevinden.gesprekken')).toEqual(
      new Map([
        ['leerkracht', 2],
        ['', 1],
      ]),
    );
    expect(passage(sources.get('s1')!, { start: 5, end: 999 })).toBe(sources.get('s1')!.text);
  });
});

describe('codebook files and new codes', () => {
  it('reads back an exported codebook and refuses broken ones', () => {
    const book = defaultCodebook();
    expect(checkCodebook(JSON.parse(JSON.stringify(book)))).toEqual(book);
    expect(checkCodebook([])).toBeUndefined();
    expect(checkCodebook([{ id: 'Bad Id', label: 'x' }])).toBeUndefined();
    expect(checkCodebook([{ id: 'a.b', label: 'x', parent: 'missing' }])).toBeUndefined();
    expect(
      checkCodebook([
        { id: 'a', label: 'A' },
        { id: 'a', label: 'B' },
      ]),
    ).toBeUndefined();
  });

  it('makes ids from labels, unique within the book', () => {
    const taken = new Set(['welbevinden', 'welbevinden.rol_van_ouders']);
    expect(codeId('Rol van ouders', 'welbevinden', taken)).toBe('welbevinden.rol_van_ouders_2');
    expect(codeId('Ëérste', undefined, taken)).toBe('eerste');
    expect(codeId('123', undefined, taken)).toBe('c_123');
  });
});
