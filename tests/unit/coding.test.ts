import { describe, expect, it } from 'vitest';
import {
  checkCodebook,
  codeId,
  codingsOn,
  countsByCodeAndRole,
  roundedKappa,
  defaultCodebook,
  passage,
  quotesFor,
  quotesMarkdown,
  type Coding,
  type Source,
} from '../../src/domain/coding';
import { cohensKappa } from '../../src/domain/coding-agreement';

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
    // Coded texts, not codings: s1, coded by An and Bert, counts once.
    expect(countsByCodeAndRole(codings, sources).get('welbevinden.gesprekken')).toEqual(
      new Map([
        ['leerkracht', 1],
        ['', 1],
      ]),
    );
    expect(passage(sources.get('s1')!, { start: 5, end: 999 })).toBe(sources.get('s1')!.text);
  });
});

describe('two coders on the same texts', () => {
  const sources = new Map<string, Source>(
    ['s1', 's2', 's3'].map((key) => [
      key,
      { key, kind: 'open', text: `Tekst ${key}`, sessionId: 'x', school: 'A', role: 'leerkracht' },
    ]),
  );
  // An and Bert agree on s1 (gesprekken), disagree on s2; only An coded s3.
  const codings = [
    coding({ id: '1', sourceKey: 's1', codes: ['welbevinden.gesprekken'] }),
    coding({ id: '2', sourceKey: 's1', codes: ['welbevinden.gesprekken'], coder: 'Bert' }),
    coding({ id: '3', sourceKey: 's2', codes: ['welbevinden.werkdruk'] }),
    coding({ id: '4', sourceKey: 's2', codes: ['digitalisering.middelen'], coder: 'Bert' }),
    coding({ id: '5', sourceKey: 's3', codes: ['welbevinden.werkdruk'] }),
  ];
  const count = (basis: Parameters<typeof codingsOn>[1], code: string) =>
    countsByCodeAndRole(codingsOn(codings, basis), sources).get(code)?.get('leerkracht') ?? 0;

  it('counts and quotes the codes the coders agree on, never both sides of a disagreement', () => {
    const agreed = { kind: 'agreed' } as const;
    expect(count(agreed, 'welbevinden.gesprekken')).toBe(1);
    expect(count(agreed, 'welbevinden.werkdruk')).toBe(1); // s3 only: s2 is disputed
    expect(count(agreed, 'digitalisering.middelen')).toBe(0);
    const quotes = quotesFor(
      'welbevinden.werkdruk',
      codingsOn(codings, agreed),
      sources,
      (r) => r,
      '-',
    );
    expect(quotes.map((q) => q.text)).toEqual(['Tekst s3']);
  });

  it('or follows one coder as the reference', () => {
    const bert = { kind: 'coder', coder: 'Bert' } as const;
    expect(count(bert, 'digitalisering.middelen')).toBe(1);
    expect(count(bert, 'welbevinden.werkdruk')).toBe(0);
    expect(count({ kind: 'coder', coder: 'An' }, 'welbevinden.werkdruk')).toBe(2);
  });

  it('shows a kappa that rounds to zero as 0, never as -0', () => {
    expect(Object.is(roundedKappa(-0.001), 0)).toBe(true);
    expect(String(roundedKappa(-0.004))).toBe('0');
    expect(roundedKappa(0.6049)).toBe(0.6);
    expect(roundedKappa(-0.25)).toBe(-0.25);
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
