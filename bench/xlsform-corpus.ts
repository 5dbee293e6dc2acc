/**
 * The XLSForm corpus (tests/fixtures/xlsform/, sources in SOURCES.md): how many forms import
 * into a valid Kring survey and how many of their questions are brought over. Run on its own
 * with `npx tsx bench/xlsform-corpus.ts`; `npm run bench` prints it for docs/BENCHMARKS.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromXlsForm } from '../src/domain/authoring/xlsform';
import { validateSurvey } from '../src/domain/survey-validate';
import { readXlsForm } from '../src/state/study/xlsform-file';

export const CORPUS = join(import.meta.dirname, '../tests/fixtures/xlsform');

export interface CorpusForm {
  file: string;
  /** Why the file is not read as an XLSForm at all (no survey sheet, …). */
  unreadable?: string;
  valid: boolean;
  total: number;
  brought: number;
  leftOut: number;
  changed: number;
  /** Validation problems, when the definition is not valid. */
  issues: string[];
}

export async function importCorpus(): Promise<CorpusForm[]> {
  const forms: CorpusForm[] = [];
  for (const file of readdirSync(CORPUS)
    .filter((f) => f.endsWith('.xlsx'))
    .sort()) {
    const bytes = readFileSync(join(CORPUS, file));
    const read = await readXlsForm(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    );
    if (!read.ok) {
      forms.push({
        file,
        unreadable: read.reason,
        valid: false,
        total: 0,
        brought: 0,
        leftOut: 0,
        changed: 0,
        issues: [],
      });
      continue;
    }
    const imported = fromXlsForm(read.form, { fileName: file, language: 'en' });
    const checked = validateSurvey(imported.definition);
    forms.push({
      file,
      valid: checked.ok,
      total: imported.questions.total,
      brought: checked.ok ? imported.questions.brought : 0,
      leftOut: imported.report.filter((n) => n.kind === 'left-out').length,
      changed: imported.report.filter((n) => n.kind === 'changed').length,
      issues: checked.ok
        ? []
        : checked.issues.map((i) => `${i.path}: ${i.code} ${i.received ?? ''}`),
    });
  }
  return forms;
}

/** The figure: forms that import, and questions brought over, out of the XLSForms in the corpus. */
export function corpusFigure(forms: CorpusForm[]) {
  const xlsforms = forms.filter((f) => !f.unreadable);
  const imported = xlsforms.filter((f) => f.valid);
  const total = xlsforms.reduce((n, f) => n + f.total, 0);
  const brought = xlsforms.reduce((n, f) => n + f.brought, 0);
  return {
    forms: xlsforms.length,
    imported: imported.length,
    total,
    brought,
    notForms: forms.length - xlsforms.length,
  };
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const forms = await importCorpus();
  for (const f of forms)
    console.log(
      `${f.file.padEnd(48)} ${f.unreadable ?? (f.valid ? 'ok' : 'INVALID')} ${f.brought}/${f.total} left-out ${f.leftOut} changed ${f.changed} ${f.issues.slice(0, 3).join(' | ')}`,
    );
  console.log(corpusFigure(forms));
}
