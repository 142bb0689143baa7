// The fleet report's formats: pure functions of the FleetReport. Machine names (folder and zip
// names) and everything from the logs (titles, culprits, summaries, problem messages) are untrusted
// text: terminal-safe in text, escaped in Markdown and HTML, quoted and defused in CSV.
import { htmlDocument } from '../report/html-document.js';
import { esc } from '../report/html-escape.js';
import { mdCode, mdTable, mdText } from '../report/markdown-syntax.js';
import { clip } from '../report/safe-text.js';
import { displayWidth, truncate } from '../tui/text.js';
import { terminalSafe } from '../util/terminal-safe.js';
import { UNEXPLAINED, type FleetReport, type MachineResult } from './types.js';

export const FLEET_FORMATS = ['text', 'json', 'md', 'html', 'csv'] as const;
export type FleetFormat = (typeof FLEET_FORMATS)[number];

export const FLEET_RENDERERS: Readonly<Record<FleetFormat, (report: FleetReport) => string>> = {
  text: renderFleetText,
  json: renderFleetJson,
  md: renderFleetMarkdown,
  html: renderFleetHtml,
  csv: renderFleetCsv,
};

/** Longest culprit / summary shown inline in md and html (the JSON keeps the whole value). */
const MAX_INLINE = 300;
/** Machine names listed per cause in md and html before "+N more". */
const MAX_LISTED = 40;
/** Problem lines shown in text before pointing to the JSON. */
const MAX_TEXT_PROBLEMS = 20;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function totalsLine(report: FleetReport): string {
  const t = report.totals;
  return `${plural(t.machines, 'machine')}: ${t.failed} failed, ${t.succeeded} succeeded, ${t.incomplete} incomplete, ${t.unreadable} unreadable`;
}

function rootCauseLabel(machine: MachineResult): string {
  if (machine.rootCause) return machine.rootCause.ruleId;
  return machine.verdict === 'failed' ? `(${UNEXPLAINED})` : '';
}

// ---------------------------------------------------------------- text

/** `names` joined with ", " within `width` columns, ending with "+N more" when some do not fit. */
export function listWithin(names: readonly string[], width: number): string {
  let out = '';
  for (const [i, name] of names.entries()) {
    const piece = (i === 0 ? '' : ', ') + name;
    const rest = names.length - i - 1;
    const tail = rest > 0 ? `, +${rest} more` : '';
    if (displayWidth(out + piece + tail) <= width) {
      out += piece;
      continue;
    }
    const more = `+${names.length - i} more`;
    return out === '' ? truncate(`${name}, ${more}`, width) : `${out}, ${more}`;
  }
  return out;
}

function textTable(header: readonly string[], rows: readonly (readonly string[])[], right: ReadonlySet<number> = new Set()): string[] {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: readonly string[]) =>
    '  ' +
    cells
      .map((c, i) => {
        const pad = ' '.repeat(widths[i]! - displayWidth(c));
        if (right.has(i)) return pad + c;
        return i === cells.length - 1 ? c : c + pad;
      })
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

function cell(s: string, width: number): string {
  return truncate(terminalSafe(s), width);
}

export function renderFleetText(report: FleetReport): string {
  const lines: string[] = [`sysprep-doctor fleet — ${totalsLine(report)}`, ''];
  if (report.causes.length === 0) lines.push('No machine failed.');
  else {
    lines.push('Causes, by machines hit');
    lines.push(
      ...textTable(
        ['COUNT', 'RULE', 'TITLE', 'MACHINES'],
        report.causes.map((c) => [String(c.count), cell(c.ruleId, 40), cell(c.title, 48), listWithin(c.machines.map((m) => terminalSafe(m)), 56)]),
        new Set([0]),
      ),
    );
  }
  lines.push('', 'Machines');
  lines.push(
    ...textTable(
      ['MACHINE', 'VERDICT', 'ROOT CAUSE', 'CULPRIT'],
      report.machines.map((m) => [cell(m.name, 40), m.verdict, cell(rootCauseLabel(m), 40), cell(m.rootCause?.culprit ?? '', 64)]),
    ),
  );
  const problems = report.machines.flatMap((m) => m.problems.map((p) => `${terminalSafe(m.name)}: ${terminalSafe(p.path)}: ${terminalSafe(p.message)}`));
  if (problems.length > 0) {
    lines.push('', 'Problems');
    for (const p of problems.slice(0, MAX_TEXT_PROBLEMS)) lines.push(`  ${p}`);
    if (problems.length > MAX_TEXT_PROBLEMS) lines.push(`  … ${problems.length - MAX_TEXT_PROBLEMS} more (see --format json)`);
  }
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------- json

export function renderFleetJson(report: FleetReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}

// ---------------------------------------------------------------- markdown

function listed<T>(items: readonly T[], max: number): { shown: readonly T[]; more: number } {
  return { shown: items.slice(0, max), more: Math.max(0, items.length - max) };
}

export function renderFleetMarkdown(report: FleetReport): string {
  const parts: string[] = ['# sysprep-doctor fleet report', '', `**${mdText(totalsLine(report))}**`, ''];
  parts.push('## Causes, by machines hit', '');
  if (report.causes.length === 0) parts.push('No machine failed.');
  else
    parts.push(
      mdTable(
        ['Count', 'Rule', 'Title', 'Machines'],
        report.causes.map((c) => {
          const { shown, more } = listed(c.machines, MAX_LISTED);
          return [String(c.count), mdCode(c.ruleId, true), mdText(c.title), shown.map(mdText).join(', ') + (more ? `, +${more} more` : '')];
        }),
        ['r', 'l', 'l', 'l'],
      ),
    );
  parts.push('', '## Machines', '');
  parts.push(
    mdTable(
      ['Machine', 'Verdict', 'Root cause', 'Culprit', 'Summary'],
      report.machines.map((m) => [
        mdText(m.name),
        m.verdict,
        m.rootCause ? mdCode(m.rootCause.ruleId, true) : m.verdict === 'failed' ? `*${UNEXPLAINED}*` : '',
        m.rootCause?.culprit ? mdCode(clip(m.rootCause.culprit, MAX_INLINE), true) : '',
        mdText(clip(m.summary, MAX_INLINE)),
      ]),
    ),
  );
  const problems = report.machines.flatMap((m) => m.problems.map((p) => `- ${mdText(m.name)}: ${mdCode(p.path)}: ${mdText(p.message)}`));
  if (problems.length > 0) parts.push('', '## Problems', '', ...problems);
  return parts.join('\n') + '\n';
}

// ---------------------------------------------------------------- html

const CSP = "default-src 'none'; style-src 'unsafe-inline'";

const STYLE = `
:root { --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --line: #eaeef2; --soft: #f6f8fa;
  --red: #cf222e; --green: #1a7f37; --amber: #9a6700; --bar: #cf222e;
  --mono: ui-monospace, SFMono-Regular, "SF Mono", "Cascadia Mono", Menlo, Consolas, monospace;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--fg); background: #fff; font: 15px/1.5 var(--sans); }
main { max-width: 1440px; margin: 0 auto; padding: 28px 24px 48px; }
h1 { font-size: 24px; margin: 0 0 6px; }
h2 { font-size: 18px; margin: 34px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--border); }
.totals { color: var(--muted); margin: 0; }
.totals b { color: var(--fg); }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; vertical-align: top; padding: 6px 10px; border-bottom: 1px solid var(--line); }
th { border-bottom: 1px solid var(--border); font-weight: 600; white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
code { font-family: var(--mono); font-size: 13px; background: var(--soft); border: 1px solid var(--line); border-radius: 4px; padding: 0 4px; overflow-wrap: anywhere; }
.bar { width: 160px; height: 12px; background: var(--soft); border: 1px solid var(--line); border-radius: 3px; margin-top: 4px; }
.bar > span { display: block; height: 100%; background: var(--bar); border-radius: 2px; }
.bar.unexplained > span { background: var(--amber); }
.names { overflow-wrap: anywhere; min-width: 14em; }
.scroll { overflow-x: auto; }
code.rule, td.machine { white-space: nowrap; }
td.culprit { min-width: 12em; max-width: 26em; }
td.summary { min-width: 16em; overflow-wrap: anywhere; }
.verdict { font-weight: 600; white-space: nowrap; }
.verdict-failed { color: var(--red); }
.verdict-succeeded { color: var(--green); }
.verdict-incomplete, .verdict-unreadable { color: var(--amber); }
.muted { color: var(--muted); }
ul.problems { padding-left: 20px; }
footer { margin-top: 40px; color: var(--muted); font-size: 13px; }
@media print { .bar > span { background: #555; } }
`;

function htmlCauses(report: FleetReport): string {
  if (report.causes.length === 0) return '<p>No machine failed.</p>';
  const total = Math.max(1, report.totals.machines);
  const top = Math.max(1, ...report.causes.map((c) => c.count));
  const rows = report.causes.map((c) => {
    const percent = ((100 * c.count) / total).toFixed(1);
    const width = ((100 * c.count) / top).toFixed(1); // the most frequent cause fills the bar
    const { shown, more } = listed(c.machines, MAX_LISTED);
    const names = shown.map(esc).join(', ') + (more ? `, <span class="muted">+${more} more</span>` : '');
    return [
      '<tr>',
      `<td class="num">${c.count}<div class="bar${c.ruleId === UNEXPLAINED ? ' unexplained' : ''}" title="${percent}% of the machines"><span style="width: ${width}%"></span></div></td>`,
      `<td><code class="rule">${esc(c.ruleId)}</code></td>`,
      `<td>${esc(c.title)}</td>`,
      `<td class="names">${names}</td>`,
      '</tr>',
    ].join('');
  });
  return ['<div class="scroll">', '<table>', '<thead><tr><th>Machines hit</th><th>Rule</th><th>Title</th><th>Which</th></tr></thead>', '<tbody>', ...rows, '</tbody>', '</table>', '</div>'].join('\n');
}

function htmlMachines(report: FleetReport): string {
  const rows = report.machines.map((m) => {
    const root = m.rootCause ? `<code class="rule">${esc(m.rootCause.ruleId)}</code>` : m.verdict === 'failed' ? `<em>${UNEXPLAINED}</em>` : '<span class="muted">—</span>';
    const culprit = m.rootCause?.culprit ? `<code>${esc(clip(m.rootCause.culprit, MAX_INLINE))}</code>` : '<span class="muted">—</span>';
    return [
      '<tr>',
      `<td class="machine">${esc(m.name)}</td>`,
      `<td class="verdict verdict-${m.verdict}">${m.verdict}</td>`,
      `<td>${root}</td>`,
      `<td class="culprit">${culprit}</td>`,
      `<td class="summary">${esc(clip(m.summary, MAX_INLINE))}</td>`,
      '</tr>',
    ].join('');
  });
  return ['<div class="scroll">', '<table>', '<thead><tr><th>Machine</th><th>Verdict</th><th>Root cause</th><th>Culprit</th><th>Summary</th></tr></thead>', '<tbody>', ...rows, '</tbody>', '</table>', '</div>'].join('\n');
}

export function renderFleetHtml(report: FleetReport): string {
  const t = report.totals;
  const problems = report.machines.flatMap((m) => m.problems.map((p) => `<li>${esc(m.name)}: <code>${esc(p.path)}</code>: ${esc(p.message)}</li>`));
  return htmlDocument({
    title: `Fleet: ${t.failed} of ${t.machines} failed · sysprep-doctor`,
    csp: CSP,
    style: STYLE,
    version: report.tool.version,
    body: [
      '<h1>sysprep-doctor fleet report</h1>',
      `<p class="totals"><b>${plural(t.machines, 'machine')}</b>: ${t.failed} failed, ${t.succeeded} succeeded, ${t.incomplete} incomplete, ${t.unreadable} unreadable</p>`,
      '<h2>Causes, by machines hit</h2>',
      htmlCauses(report),
      '<h2>Machines</h2>',
      htmlMachines(report),
      ...(problems.length > 0 ? ['<h2>Problems</h2>', '<ul class="problems">', ...problems, '</ul>'] : []),
      `<footer>Generated by sysprep-doctor ${esc(report.tool.version)} · fleet report schema ${report.schemaVersion} · self-contained file, no scripts</footer>`,
    ],
  });
}

// ---------------------------------------------------------------- csv

/**
 * One CSV field (RFC 4180): a value a spreadsheet would run as a formula (starting with `=`, `+`,
 * `-`, `@`, tab or CR) gets a leading `'`; a value with a comma, quote or line break is quoted with
 * its quotes doubled.
 */
export function csvField(value: string): string {
  const defused = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(defused) ? `"${defused.replace(/"/g, '""')}"` : defused;
}

export const CSV_HEADER = ['machine', 'verdict', 'exit_code', 'root_cause', 'culprit', 'summary'] as const;

/** One row per machine, CRLF line breaks (RFC 4180), header first. */
export function renderFleetCsv(report: FleetReport): string {
  const rows = [CSV_HEADER.join(',')];
  for (const m of report.machines) {
    rows.push([m.name, m.verdict, String(m.exitCode), m.rootCause?.ruleId ?? '', m.rootCause?.culprit ?? '', m.summary].map(csvField).join(','));
  }
  return rows.join('\r\n') + '\r\n';
}
