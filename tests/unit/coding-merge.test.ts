import { afterEach, describe, expect, it } from 'vitest';
import type { ResponseRecord } from '../../src/domain/response';
import { KringDb } from '../../src/storage/db';
import { exportBundle, importBundle } from '../../src/state/study/bundles';
import { CodingWorkspace } from '../../src/state/study/coding-workspace.svelte';
import { createSession } from '../../src/state/facilitator/sessions';
import { studyJson } from '../fixtures/surveys';
import { freshDatabases } from '../fixtures/databases';
import { putCollected } from '../../src/storage/collected-store';
import { focusGroup } from '../fixtures/transcripts/focus-group';

const database = freshDatabases('coding');
const open: { close(): void }[] = [];
afterEach(() => open.splice(0).forEach((x) => x.close()));

async function studyWithAnswers() {
  const db = database();
  const session = await createSession(db, {
    definition: JSON.stringify(studyJson()),
    title: 'T',
    school: 'Sint-Jozef',
  });
  const texts = [
    'Elke week een klasgesprek.',
    'Meer tablets voor wie er thuis geen heeft.',
    'Wandelen met de klas.',
  ];
  for (const [i, text] of texts.entries()) {
    const response: ResponseRecord = {
      id: `r${i}`.padEnd(21, 'x'),
      surveyId: 'som_na_corona',
      surveyVersion: 1,
      status: 'submitted',
      language: 'nl',
      startedAt: 1,
      updatedAt: 2,
      submittedAt: 2,
      answers: { 'profiel.role': 'leerkracht', welbevinden_acties: text },
    };
    await putCollected(db, {
      key: `d${i}/${response.id}`,
      sessionId: session.id,
      deviceId: `d${i}`,
      responseId: response.id,
      status: 'valid',
      response,
      receivedAt: 1,
    });
  }
  await db.notes.put({
    sessionId: session.id,
    id: 'n1',
    text: 'De directie wil een werkgroep.',
    role: 'directie',
    at: 3,
  });
  return { db, session };
}

async function workspace(db: KringDb, coder: string) {
  const w = await CodingWorkspace.open(db);
  open.push({ close: () => w.destroy() });
  await w.setCoder(coder);
  return w;
}

describe('coding by several coders', () => {
  it('two coders code offline on two laptops; bundles merge to the union of their codings', async () => {
    const first = await studyWithAnswers();
    const second = database();
    await importBundle(second, JSON.stringify(await exportBundle(first.db, [first.session.id])));

    const an = await workspace(first.db, 'An');
    const bert = await workspace(second, 'Bert');
    expect(an.context.sources).toHaveLength(4); // three open answers and a note
    expect(bert.context.sources.map((s) => s.key)).toEqual(an.context.sources.map((s) => s.key));

    for (const [w, codes] of [
      [an, ['welbevinden', 'gelijke_kansen', 'welbevinden']],
      [bert, ['welbevinden', 'welbevinden', 'welbevinden']],
    ] as const) {
      for (const [i, source] of w.context.sources.slice(0, 3).entries())
        await w.code(source, 0, source.text.length, [codes[i]!]);
    }
    expect(an.codings).toHaveLength(3);

    // Exchange: each laptop imports the other's bundle (twice, to be sure nothing doubles).
    const fromAn = JSON.stringify(await exportBundle(first.db, [first.session.id]));
    const fromBert = JSON.stringify(await exportBundle(second, [first.session.id]));
    for (const [db, text] of [
      [second, fromAn],
      [first.db, fromBert],
      [first.db, fromBert],
    ] as const)
      expect((await importBundle(db, text)).ok).toBe(true);

    const anAfter = await workspace(first.db, 'An');
    const bertAfter = await workspace(second, 'Bert');
    expect(anAfter.codings).toHaveLength(6);
    expect(bertAfter.codings.map((c) => c.id).sort()).toEqual(
      anAfter.codings.map((c) => c.id).sort(),
    );
    expect(anAfter.coders).toEqual(['An', 'Bert']);
    // Agreement on "welbevinden": An yes/no/yes, Bert yes/yes/yes → po 2/3, pe 2/3 → κ 0.
    expect(anAfter.kappa('An', 'Bert', 'welbevinden')).toBeCloseTo(0, 10);
    // Coded texts, not codings: the two texts both coders gave "welbevinden" (the agreed
    // basis), or the three Bert gave it when he is the reference.
    expect(anAfter.counts.get('welbevinden')?.get('leerkracht')).toBe(2);
    anAfter.basis = { kind: 'coder', coder: 'Bert' };
    expect(anAfter.counts.get('welbevinden')?.get('leerkracht')).toBe(3);
  });

  it('filters sources by code, role, kind and school', async () => {
    const { db } = await studyWithAnswers();
    const w = await workspace(db, 'An');
    const note = w.context.sources.find((s) => s.kind === 'note')!;
    await w.code(note, 4, 12, ['veranderingsprocessen.beleid'], 'werkgroep');
    w.filter = { code: 'veranderingsprocessen' };
    expect(w.visible.map((s) => s.kind)).toEqual(['note']);
    w.filter = { role: 'leerkracht' };
    expect(w.visible).toHaveLength(3);
    w.filter = { kind: 'open', school: 'Elders' };
    expect(w.visible).toHaveLength(0);
  });

  it('adds the codes of a .qdc from another tool, updating those it already has by name', async () => {
    const db = database();
    const w = await workspace(db, 'An');
    const before = w.codebook.length;
    const qdc = `<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
  <Code guid="11111111-1111-1111-1111-111111111111" name="welbevinden" isCodable="true" color="#00ff00">
    <Code guid="22222222-2222-2222-2222-222222222222" name="Planlast" isCodable="true"/>
    <Code guid="33333333-3333-3333-3333-333333333333" name="Werkdruk van leraren" isCodable="true"/>
  </Code>
</Codes></CodeBook>`;
    expect(await w.importQdaCodebook(qdc)).toEqual({
      ok: true,
      added: 1,
      updated: 2,
      flattened: 0,
    });
    expect(w.codebook).toHaveLength(before + 1);
    expect(w.codebook.find((c) => c.id === 'welbevinden')?.color).toBe('#00ff00');
    expect(w.codebook.find((c) => c.label === 'Planlast')?.parent).toBe('welbevinden');
    expect(w.codebook.filter((c) => c.label === 'Werkdruk van leraren')).toHaveLength(1);
    expect(await w.importQdaCodebook('<niet>')).toEqual({ ok: false });
    expect(w.codebook).toHaveLength(before + 1);
  });

  it("keeps a transcript's original text only when asked, on this laptop only: never in a bundle", async () => {
    const { db, session } = await studyWithAnswers();
    const w = await workspace(db, 'An');
    const original = 'Jan Vandermeulen: Te veel werk in het Sint-Gummaruscollege.';
    const transcript = focusGroup(['Hoe was het?', 'Te veel werk in [school].', 'Ja.']);
    await w.addTranscript(
      { ...transcript, sessionId: session.id },
      { text: original, fileName: 'fg.txt' },
    );
    await w.addTranscript({ ...transcript, id: 'fg-2', sessionId: session.id });
    expect([...w.originals]).toEqual(['fg-1']);
    expect((await w.original('fg-1'))?.text).toBe(original);
    expect(await w.original('fg-2')).toBeUndefined();

    const bundle = JSON.stringify(await exportBundle(db, [session.id]));
    expect(bundle).not.toContain('Vandermeulen');
    expect(bundle).not.toContain('Gummarus');
    // Another laptop gets the transcript, not its original.
    const other = database();
    await importBundle(other, bundle);
    const there = await workspace(other, 'Bo');
    expect(there.transcripts.map((t) => t.id).sort()).toEqual(['fg-1', 'fg-2']);
    expect(there.originals.size).toBe(0);

    // Kept across a reload; removed with its transcript.
    const again = await workspace(db, 'An');
    expect([...again.originals]).toEqual(['fg-1']);
    await again.removeTranscript('fg-1');
    expect(await again.original('fg-1')).toBeUndefined();
    expect(await db.transcriptOriginals.count()).toBe(0);
  });
});
