/**
 * Every UI text is used somewhere: a key no code asks for is a text translators keep up for
 * nothing, or a sign that a message went missing from a page. A key counts as used when the
 * source names it in quotes, or builds it from a prefix (`problem.${kind}`).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/ui/i18n/en';
import { facilitatorEn } from '../../src/ui/i18n/facilitator-en';

const CATALOGS = /src\/ui\/i18n\/(en|nl|facilitator-en|facilitator-nl|issues-nl)\.ts$/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|svelte)$/.test(name) && !CATALOGS.test(path) ? [path] : [];
  });
}

describe('the UI texts', () => {
  it('are each used by some code (no key left behind)', () => {
    const code = sources('src')
      .map((path) => readFileSync(path, 'utf8'))
      .join('\n');
    // Literal keys, and the prefixes of keys built at run time (`study.apart.${change}`).
    const literal = new Set(code.match(/(?<=['"`])[a-zA-Z]+(?:\.[a-zA-Z0-9]+)+(?=['"`])/g));
    const prefixes = [...code.matchAll(/`([a-zA-Z]+(?:\.[a-zA-Z0-9]+)*\.)\$\{/g)].map((m) => m[1]!);
    const unused = Object.keys({ ...en, ...facilitatorEn }).filter(
      (key) => !literal.has(key) && !prefixes.some((prefix) => key.startsWith(prefix)),
    );
    expect(unused).toEqual([]);
  });
});
