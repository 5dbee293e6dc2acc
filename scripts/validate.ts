/**
 * `npm run validate -- file.json [more.json …]`: checks survey definitions and prints every
 * problem as `path: expected …, received …`. Exits 1 when any file is invalid.
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
      text = await readFile(file, 'utf8');
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

process.exitCode = await main(process.argv.slice(2));
