// The short human summary for pipes and CI logs. Plain text, no colour; log text made terminal-safe.
import type { Finding, Report, RunInfo } from '../types.js';
import { terminalSafe } from '../util/terminal-safe.js';
import { clip } from './safe-text.js';
import { MAX_INLINE } from './view.js';

const SHELL_PROMPT: Readonly<Record<string, string>> = { powershell: 'PS> ', cmd: 'C:\\> ', none: '' };
const MAX_EVIDENCE_LINES = 12;

function safe(s: string): string {
  return terminalSafe(s);
}

/**
 * A log-derived value shown inline (culprit, hint, summary, evidence line): made terminal-safe and
 * cut, as in the Markdown and HTML reports, so a 10,000-character package name cannot swamp a CI
 * log. Remediation commands are never cut: they must run as printed. The JSON keeps every value whole.
 */
function inline(s: string, max = MAX_INLINE): string {
  return safe(clip(s, max));
}

function wrap(text: string, width: number, indent: string): string {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((l, i) => (i === 0 ? l : indent + l)).join('\n');
}

function runLabel(run: RunInfo): string {
  const when = run.startedAt ?? `line ${run.startLine}`;
  const failure = run.failure;
  const where = failure ? ` in ${[failure.pass, failure.stage, failure.scope].filter(Boolean).join(' ')}${failure.code ? ` (${failure.code})` : ''}` : '';
  return `#${run.index} ${run.kind} ${when} → ${run.outcome}${where}`;
}

function rootCauseBlock(f: Finding, lines: string[]): void {
  lines.push(`Root cause  ${f.ruleId} — ${safe(f.title)} (${f.confidence} confidence)`);
  if (f.culprit) lines.push(`  Culprit   ${inline(f.culprit)}`);
  lines.push(`  Why       ${wrap(inline(f.hint, MAX_INLINE * 2), 88, '            ')}`);
  if (f.codes.length) {
    const codes = f.codes.map((c) => `${c.value}${c.name ? ` ${c.name}` : ''} (${c.origin}${c.lossy ? ', lossy re-wrap' : ''})`);
    lines.push(`  Codes     ${codes.join('; ')}`);
  }
  if (f.remediation.length) {
    lines.push('  Fix');
    f.remediation.forEach((step, i) => {
      const tag = step.command ? (step.destructive ? ' [changes the system]' : ' [read-only]') : '';
      lines.push(`    ${i + 1}. ${wrap(safe(step.description), 84, '       ')}${tag}`);
      if (step.command) lines.push(`       ${SHELL_PROMPT[step.shell] ?? ''}${safe(step.command)}`);
    });
  }
  if (f.evidence.length) {
    lines.push('  Evidence');
    for (const e of f.evidence.slice(0, MAX_EVIDENCE_LINES)) lines.push(`    ${safe(e.source)}:${e.line}  ${inline(e.text.trim(), MAX_INLINE * 2)}`);
    if (f.evidence.length > MAX_EVIDENCE_LINES) lines.push(`    … ${f.evidence.length - MAX_EVIDENCE_LINES} more lines (see --format md or json)`);
  }
  if (f.references.length) lines.push(`  See       ${f.references[0]}`);
}

export function renderText(report: Report): string {
  const lines: string[] = [];
  lines.push(`sysprep-doctor ${report.tool.version} — ${report.verdict.toUpperCase()}${report.redacted ? ' (redacted)' : ''}`);
  lines.push(wrap(inline(report.summary, MAX_INLINE * 2), 100, ''));
  lines.push('');
  const root = report.findings.find((f) => f.rootCause);
  if (root) {
    rootCauseBlock(root, lines);
    lines.push('');
  }
  const others = report.findings.filter((f) => f !== root);
  if (others.length) {
    lines.push('Other findings');
    for (const f of others.slice(0, 20)) {
      const where = f.evidence[0] ? ` at ${safe(f.evidence[0].source)}:${f.evidence[0].line}` : '';
      lines.push(`  - ${f.ruleId}${f.culprit ? `: ${inline(f.culprit)}` : ''} (run #${f.run}${f.count > 1 ? `, ${f.count}×` : ''})${where}`);
    }
    if (others.length > 20) lines.push(`  … ${others.length - 20} more`);
    lines.push('');
  }
  if (report.runs.length) {
    lines.push('Runs');
    for (const run of report.runs) lines.push(`  ${runLabel(run)}`);
    lines.push('');
  }
  if (report.noise.count > 0) {
    const parts = Object.entries(report.noise.byRule).map(([id, n]) => `${id} ×${n}`);
    lines.push(`Noise set aside: ${report.noise.count} known-benign line(s) (${parts.join(', ')})`);
  }
  const sources = report.sources.map((s) => `${safe(s.path)} (${s.role}, ${s.encoding}, ${s.lines} lines${s.truncatedLines ? `, ${s.truncatedLines} cut` : ''})`);
  lines.push(`Read: ${sources.join('; ') || 'nothing'}`);
  for (const p of report.problems) lines.push(`Not read: ${safe(p.path)}: ${safe(p.message)}`);
  return lines.join('\n') + '\n';
}
