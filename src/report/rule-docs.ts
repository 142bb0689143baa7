// A rule rendered for people (`rules show`, `rules list`) and as JSON (`rules list --format json`).
import type { Rule } from '../types.js';

export function ruleToJson(rule: Rule) {
  return {
    id: rule.id,
    catalogue: rule.catalogue ?? null,
    title: rule.title,
    severity: rule.severity,
    confidence: rule.confidence,
    role: rule.role,
    noise: rule.role === 'noise',
    fatal: rule.fatal ?? false,
    observable: rule.docs.unobservable === undefined,
    unobservable: rule.docs.unobservable ?? null,
    pattern: rule.pattern.source,
    culprit: rule.culprit ?? null,
    hint: rule.hint,
    meaning: rule.docs.meaning,
    cause: rule.docs.cause,
    remediation: rule.remediation.map((s) => ({ description: s.description, command: s.command ?? null, shell: s.shell, destructive: s.destructive })),
    references: [...rule.references],
    codes: (rule.codes ?? []).map((c) => '0x' + (c >>> 0).toString(16).toUpperCase().padStart(8, '0')),
    origin: rule.origin,
  };
}

export function renderRuleTable(rules: readonly Rule[]): string {
  const rows = [...rules].sort((a, b) => (a.role === 'noise' ? 1 : 0) - (b.role === 'noise' ? 1 : 0) || a.id.localeCompare(b.id));
  const idWidth = Math.max(...rows.map((r) => r.id.length), 2);
  const lines = [`${'ID'.padEnd(idWidth)}  ${'ROLE'.padEnd(11)} ${'SEVERITY'.padEnd(8)} ${'CONF'.padEnd(6)} TITLE`];
  for (const r of rows) {
    const flag = r.docs.unobservable ? ' (not visible in logs)' : '';
    lines.push(`${r.id.padEnd(idWidth)}  ${r.role.padEnd(11)} ${r.severity.padEnd(8)} ${r.confidence.padEnd(6)} ${r.title}${flag}`);
  }
  const noise = rules.filter((r) => r.role === 'noise').length;
  lines.push('', `${rules.length} rules (${rules.length - noise} signatures, ${noise} noise). \`sysprep-doctor rules show <id>\` for one rule's documentation.`);
  return lines.join('\n') + '\n';
}

export function renderRuleDoc(rule: Rule): string {
  const lines: string[] = [];
  lines.push(`${rule.id}${rule.catalogue ? `  (${rule.catalogue})` : ''}`);
  lines.push(rule.title);
  lines.push(`role ${rule.role} · severity ${rule.severity} · confidence ${rule.confidence}${rule.fatal ? ' · proves failure' : ''}${rule.origin !== 'builtin' ? ` · from ${rule.origin}` : ''}`);
  lines.push('');
  lines.push('What it means', `  ${rule.docs.meaning}`, '', 'Why it happens', `  ${rule.docs.cause}`);
  if (rule.docs.unobservable) lines.push('', 'Not visible in logs', `  ${rule.docs.unobservable}`);
  lines.push('', 'Hint shown in reports', `  ${rule.hint}`);
  if (rule.remediation.length) {
    lines.push('', 'How to fix');
    rule.remediation.forEach((step, i) => {
      const tag = step.command ? (step.destructive ? ' [changes the system]' : ' [read-only]') : '';
      lines.push(`  ${i + 1}. ${step.description}${tag}`);
      if (step.command) lines.push(`     ${step.shell === 'cmd' ? 'cmd>' : step.shell === 'powershell' ? 'PS>' : ''} ${step.command}`);
    });
  }
  if (rule.codes?.length) lines.push('', `Codes: ${rule.codes.map((c) => '0x' + (c >>> 0).toString(16).toUpperCase()).join(', ')}`);
  if (rule.references.length) lines.push('', 'References', ...rule.references.map((r) => `  ${r}`));
  lines.push('', `Matches (message pattern): /${rule.pattern.source}/${rule.pattern.flags}`);
  lines.push('', 'Sample lines that match', ...rule.samples.matches.map((s) => `  ${s}`));
  lines.push('', 'Sample lines that must not match', ...rule.samples.ignores.map((s) => `  ${s}`));
  return lines.join('\n') + '\n';
}
