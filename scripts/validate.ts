/**
 * `npm run validate -- file.json [more.json …]`: checks survey definitions and prints every
 * problem as `path: expected …, received …` (with the line and column of a JSON syntax error).
 * A spreadsheet is an XLSForm: the facilitator page imports it and reports by row. Exits 1 when
 * any file is invalid.
 */
import { readFile } from 'node:fs/promises';
import { formatIssue, validateSurvey } from '../src/domain/survey-validate';

async function main(files: string[]): Promise<number> {
  if (files.length === 0) {
    console.error('Usage: npm run validate -- <survey.json> [more.json …]');
    return 2;
  }
  let failed = 0;
  for (const file of files) {
    let text: string;
    try {
      const bytes = await readFile(file);
      if (/\.(xlsx|xls)$/i.test(file) || isSpreadsheet(bytes)) {
        console.error(
          `✗ ${file}: this is an XLSForm (a spreadsheet), not a survey JSON file: import it on the facilitator page (Questionnaires → choose a file), which reports what it brings over by row.`,
        );
        failed++;
        continue;
      }
      text = bytes.toString('utf8');
    } catch (error) {
      console.error(
        `✗ ${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      );
      failed++;
      continue;
    }
    const result = validateSurvey(text);
    if (result.ok) {
      const items = result.survey.sections.reduce((n, s) => n + s.items.length, 0);
      console.log(
        `✓ ${file}: "${result.survey.id}" version ${result.survey.version}, ${result.survey.sections.length} sections, ${items} items`,
      );
    } else {
      failed++;
      console.error(`✗ ${file}: ${result.issues.length} problem(s)`);
      for (const issue of result.issues) console.error(`  ${formatIssue(issue)}`);
    }
  }
  return failed > 0 ? 1 : 0;
}

/** A zip (.xlsx) or an old Excel file (.xls), whatever its name. */
function isSpreadsheet(bytes: Buffer): boolean {
  const starts = (...signature: number[]) => signature.every((b, i) => bytes[i] === b);
  return starts(0x50, 0x4b, 0x03, 0x04) || starts(0xd0, 0xcf, 0x11, 0xe0);
}

process.exitCode = await main(process.argv.slice(2));
