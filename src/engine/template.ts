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

interface TemplatedRule {
  readonly pattern: RegExp;
  readonly hint: string;
  readonly culprit?: string;
  readonly remediation: readonly { readonly command?: string }[];
}

/** Placeholders a rule's templates use that its pattern does not capture (`{{culprit}}` is always there). */
export function unknownPlaceholders(rule: TemplatedRule): { field: string; name: string }[] {
  const groups = new Set([...rule.pattern.source.matchAll(/\(\?<([A-Za-z_]\w*)>/g)].map((m) => m[1]!));
  groups.add('culprit');
  const fields: [string, string | undefined][] = [
    ['hint', rule.hint],
    ['culprit', rule.culprit],
    ...rule.remediation.map((step, i): [string, string | undefined] => [`remediation.${i}.command`, step.command]),
  ];
  return fields.flatMap(([field, template]) =>
    template === undefined ? [] : placeholdersOf(template).filter((name) => !groups.has(name)).map((name) => ({ field, name })),
  );
}
