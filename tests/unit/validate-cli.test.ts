/** `npm run validate`: what a researcher sees for a broken JSON file and for an XLSForm. */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'kring-validate-'));

async function validate(file: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'scripts/validate.ts', file]);
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

describe('npm run validate', () => {
  it('names the line and column of a JSON syntax error', async () => {
    const file = join(dir, 'kapot.json');
    writeFileSync(file, '{\n  "format": "kring-survey"\n  "id": "x"\n}\n');
    const { code, out } = await validate(file);
    expect(code).toBe(1);
    expect(out).toMatch(/expected valid JSON \(the error is at line 3, column 3\)/);
  });

  it('sends an XLSForm to the facilitator page, whatever its name', async () => {
    const xlsx = join(import.meta.dirname, '../fixtures/xlsform/pyxform-group.xlsx');
    const renamed = join(dir, 'vragenlijst.json');
    writeFileSync(renamed, await import('node:fs').then((fs) => fs.readFileSync(xlsx)));
    for (const file of [xlsx, renamed]) {
      const { code, out } = await validate(file);
      expect(code).toBe(1);
      expect(out).toMatch(/this is an XLSForm .*import it on the facilitator page/);
    }
  });
});
