/** A language's name for people ("Frans", "French") from its code; the code when unknown. */
export function languageName(code: string, inLanguage: string): string {
  try {
    const name = new Intl.DisplayNames([inLanguage], { type: 'language', fallback: 'none' }).of(
      code,
    );
    return name ?? code.toUpperCase();
  } catch {
    return code.toUpperCase();
  }
}

/** A language's own name ("français", "Türkçe"): what a participant looks for. */
export function ownLanguageName(code: string): string {
  return languageName(code, code);
}
