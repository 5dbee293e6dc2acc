import { describe, expect, it } from 'vitest';
import type { Source } from '../../src/domain/coding';
import {
  contextOfHit,
  foldForSearch,
  passageOfHit,
  searchSources,
} from '../../src/domain/coding-search';
import { focusGroup } from '../fixtures/transcripts/focus-group';
import { transcriptSource } from '../../src/state/study/coding-sources';

const answer = (key: string, text: string): Source => ({
  key,
  kind: 'open',
  text,
  sessionId: 's1',
  school: 'Klimop',
  role: 'leerkracht',
  itemId: 'open1',
});

const transcript = transcriptSource(
  focusGroup([
    'Hoe ging het met de laptops?',
    'Slecht. De zorgcoördinator had geen tijd.\nDe laptops kwamen te laat! Daarna ging het beter.',
    'Wij hebben de Laptops zelf rondgebracht.',
  ]),
);

describe('search across sources', () => {
  it('folds case, accents, spaces and quotes without changing a length', () => {
    const text = 'De Zorgcoördinator zei:\n‘Één’ “idee” İstanbul';
    const folded = foldForSearch(text);
    expect(folded).toHaveLength(text.length);
    expect(folded).toBe(`de zorgcoordinator zei: 'een' "idee" istanbul`);
  });

  it('finds a phrase in every kind of source, whatever its case and accents, in source order', () => {
    const sources = [transcript, answer('open/a', 'Te weinig LAPTOPS op school.')];
    const result = searchSources(sources, '  laptops ');
    expect(result.total).toBe(4);
    expect(result.sources).toBe(2);
    expect(result.hits.map((h) => h.source.text.slice(h.start, h.end))).toEqual([
      'laptops',
      'laptops',
      'Laptops',
      'LAPTOPS',
    ]);
    // Accents and a line break: "coordinator" finds "coördinator"; "tijd de laptops" spans a line.
    expect(searchSources(sources, 'zorgcoordinator').total).toBe(1);
    expect(searchSources(sources, 'tijd. de laptops').total).toBe(1);
  });

  it('counts every hit but keeps only the first ones, and ignores a query too short', () => {
    const many = answer('open/b', 'ja '.repeat(3000));
    const result = searchSources([many], 'ja', 100);
    expect(result.total).toBe(3000);
    expect(result.hits).toHaveLength(100);
    expect(searchSources([many], 'j').total).toBe(0);
    expect(searchSources([many], '   ').total).toBe(0);
  });

  it('gives the sentence of a hit, its turn, or the words, never beyond the turn', () => {
    const [hit] = searchSources([transcript], 'kwamen').hits;
    const coded = (extent: 'sentence' | 'turn' | 'match') => {
      const [start, end] = passageOfHit(hit!, extent);
      return transcript.text.slice(start, end);
    };
    expect(coded('match')).toBe('kwamen');
    expect(coded('sentence')).toBe('De laptops kwamen te laat!');
    expect(coded('turn')).toBe(
      'Slecht. De zorgcoördinator had geen tijd.\nDe laptops kwamen te laat! Daarna ging het beter.',
    );
    // The first sentence of a turn starts at the turn, the last one ends at it.
    const [first] = searchSources([transcript], 'rondgebracht').hits;
    expect(transcript.text.slice(...passageOfHit(first!, 'sentence'))).toBe(
      'Wij hebben de Laptops zelf rondgebracht.',
    );
    // An open answer is one unit: "turn" is the whole answer.
    const open = answer('open/c', 'Eerst goed. Toen niet meer. Nu weer wel.');
    const [middle] = searchSources([open], 'toen').hits;
    expect(open.text.slice(...passageOfHit(middle!, 'sentence'))).toBe('Toen niet meer.');
    expect(open.text.slice(...passageOfHit(middle!, 'turn'))).toBe(open.text);
  });

  it('shows a hit in its context, cut at words and within its turn', () => {
    const [hit] = searchSources([transcript], 'geen tijd').hits;
    const context = contextOfHit(hit!, 12);
    expect(context.match).toBe('geen tijd');
    expect(context.before).toBe('…had ');
    expect(context.after).toBe('.\nDe laptops…');
    // The interviewer's question is in another turn: never shown before the teacher's words.
    const [start] = searchSources([transcript], 'slecht').hits;
    expect(contextOfHit(start!, 40).before).toBe('');
  });
});
