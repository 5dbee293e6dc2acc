/** Fills `{name}` placeholders; an unknown name stays visible as `{name}`. */
export function fillTemplate(
  template: string,
  params: Readonly<Record<string, string | number>> = {},
): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}
