// `{{name}}` placeholders in hints, culprits and commands, filled from a match's named groups.

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export function fillTemplate(template: string, values: Readonly<Record<string, string | undefined>>): string {
  return template.replace(PLACEHOLDER, (_, name: string) => values[name] ?? `<${name}>`);
}

/** The placeholder names a template uses. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/** True when every placeholder of the template has a value. */
export function canFill(template: string, values: Readonly<Record<string, string | undefined>>): boolean {
  return placeholdersOf(template).every((name) => values[name] !== undefined && values[name] !== '');
}
