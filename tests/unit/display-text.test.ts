import { describe, expect, it } from 'vitest';
import { displayText } from '../../src/domain/display-text';

describe('text a participant typed, as the screens show it', () => {
  it('takes out bidi controls, which would reorder what follows, and keeps everything else', () => {
    expect(displayText('Zie bijlage \u202egnp.exe')).toBe('Zie bijlage gnp.exe');
    expect(displayText('a\u2066b\u2069c\u200fd\u061ce\u202af')).toBe('abcdef');
    const typed = 'Meer tijd voor gesprekken. مرحبا 😀 Çok güzel\nNieuwe regel';
    expect(displayText(typed)).toBe(typed);
  });
});
