// The ranked findings, root cause first. The selected one is expanded: rule, culprit, codes,
// hint, remediation commands and references; the window scrolls to keep it in view.
import { Box } from 'ink';
import type { Finding, Report, ResolvedRemediation } from '../types.js';
import { terminalSafe } from '../util/terminal-safe.js';
import Line from './Line.js';
import { seg, type Segment } from './segments.js';
import { baseName, charWidth, wrap } from './text.js';
import type { Theme } from './theme.js';
import { useTheme } from './theme.js';

export interface Props {
  /** The report whose findings, noise count and input problems are listed. */
  readonly report: Report;
  /** Index of the selected (expanded) finding; -1 when there is none. */
  readonly selected: number;
  /** Columns available. */
  readonly width: number;
  /** Lines available; the pane always renders exactly this many. */
  readonly height: number;
}

/** One rendered line, and the finding it belongs to (-1 for the trailing notes). */
interface Row {
  readonly segments: readonly Segment[];
  readonly finding: number;
}

const LABEL_WIDTH = 13;
const PROMPT: Readonly<Record<ResolvedRemediation['shell'], string>> = { powershell: 'PS>', cmd: 'cmd>', none: '' };

/** Cuts `chars` into lines of `first` then `rest` columns; with `atSpaces`, a line ends after a
 * space when there is one in its second half. */
function pieces(chars: readonly string[], first: number, rest: number, atSpaces: boolean): string[] {
  const out: string[] = [];
  let remaining = chars;
  let limit = first;
  while (remaining.length > 0) {
    let take = 0;
    let used = 0;
    while (take < remaining.length && used + charWidth(remaining[take]!.codePointAt(0) ?? 0) <= limit) {
      used += charWidth(remaining[take]!.codePointAt(0) ?? 0);
      take++;
    }
    if (atSpaces && take < remaining.length) {
      const space = remaining.slice(0, take).lastIndexOf(' ');
      if (space >= take / 4) take = space + 1;
    }
    take = Math.max(1, take);
    out.push(remaining.slice(0, take).join(''));
    remaining = remaining.slice(take);
    limit = rest;
  }
  return out;
}

/**
 * A command over at most `maxLines` lines of `first` then `rest` columns: broken at spaces when
 * that fits, else cut anywhere so nothing is lost; the last line ends with `…` if it still does not fit.
 */
function chunk(command: string, first: number, rest: number, maxLines: number): string[] {
  const chars = [...command];
  const atSpaces = pieces(chars, first, rest, true);
  const out = atSpaces.length <= maxLines ? atSpaces : pieces(chars, first, rest, false);
  if (out.length <= maxLines) return out;
  const kept = out.slice(0, maxLines);
  kept[maxLines - 1] = `${[...kept[maxLines - 1]!].slice(0, -1).join('')}…`;
  return kept;
}

function label(name: string, theme: Theme): Segment {
  return seg(`    ${name}`.padEnd(LABEL_WIDTH), theme.dim);
}

function codesText(f: Finding): string {
  const named = new Set<string>();
  return f.codes
    .map((c) => {
      // Name a code once: the chain repeats the provider's name.
      const name = c.name !== null && !named.has(c.name) ? ` ${c.name}` : '';
      if (c.name !== null) named.add(c.name);
      return `${c.value}${name} (${c.origin}${c.lossy === true ? ', lossy' : ''})`;
    })
    .join(' · ');
}

function remediationRows(f: Finding, width: number, compact: boolean, theme: Theme): Segment[][] {
  const valueWidth = width - LABEL_WIDTH;
  const rows: Segment[][] = [];
  f.remediation.forEach((step, n) => {
    const head = label(n === 0 ? 'fix' : '', theme);
    const num = seg(`${n + 1}. `);
    const danger = step.destructive ? [seg('destructive ', theme.failure)] : [];
    const description = terminalSafe(step.description);
    const command = step.command === null ? null : terminalSafe(step.command);
    const prompt = PROMPT[step.shell];
    const pad = seg(' '.repeat(LABEL_WIDTH + 3));
    if (command === null || !compact) {
      const lines = wrap(description, valueWidth - 3 - (step.destructive ? 12 : 0), compact ? 1 : 2);
      rows.push([head, num, ...danger, seg(lines[0] ?? '', theme.dim)]);
      for (const more of lines.slice(1)) rows.push([pad, seg(more, theme.dim)]);
    }
    if (command !== null) {
      const promptText = prompt === '' ? '' : `${prompt} `;
      if (compact) {
        // One step per line: marker, prompt, then the command over at most two lines.
        const firstWidth = valueWidth - 3 - (step.destructive ? 12 : 0) - promptText.length;
        const [first = '', ...more] = chunk(command, firstWidth, valueWidth - 3, 2);
        rows.push([head, num, ...danger, seg(promptText, theme.dim), seg(first, theme.accent)]);
        for (const piece of more) rows.push([pad, seg(piece, theme.accent)]);
      } else {
        const pieces = chunk(command, valueWidth - 3 - promptText.length, valueWidth - 3, 3);
        pieces.forEach((piece, k) =>
          rows.push([pad, seg(k === 0 ? promptText : ' '.repeat(promptText.length), theme.dim), seg(piece, theme.accent)]),
        );
      }
    }
  });
  return rows;
}

/** The expanded lines of a finding; `extra` evidence text lines when there is room. */
function detailRows(f: Finding, width: number, compact: boolean, extra: number, theme: Theme): Segment[][] {
  const valueWidth = width - LABEL_WIDTH;
  const rows: Segment[][] = [];
  rows.push([
    label('rule', theme),
    seg(terminalSafe(f.ruleId), theme.accent),
    seg(' · '),
    seg(f.severity, theme.severity(f.severity)),
    seg(` · ${f.confidence} confidence`, theme.dim),
    ...(f.count > 1 ? [seg(` · ×${f.count}`, theme.dim)] : []),
  ]);
  if (f.culprit !== null) {
    // The culprit is what the user came for: over two lines (three with room) rather than cut.
    chunk(terminalSafe(f.culprit), valueWidth, valueWidth, compact ? 2 : 3).forEach((piece, k) =>
      rows.push([label(k === 0 ? 'culprit' : '', theme), seg(piece, { bold: true })]),
    );
  }
  if (f.codes.length > 0) rows.push([label('codes', theme), seg(terminalSafe(codesText(f)))]);
  wrap(terminalSafe(f.hint), valueWidth, compact ? 2 : 4).forEach((line, k) =>
    rows.push([label(k === 0 ? 'why' : '', theme), seg(line)]),
  );
  rows.push(...remediationRows(f, width, compact, theme));
  const refs = compact ? f.references.slice(0, 1) : f.references;
  refs.forEach((ref, k) => {
    const more = compact && f.references.length > 1 ? [seg(` (+${f.references.length - 1})`, theme.dim)] : [];
    rows.push([label(k === 0 ? 'refs' : '', theme), seg(terminalSafe(ref), theme.dim), ...more]);
  });
  const first = f.evidence[0];
  if (first !== undefined) {
    const more = f.evidence.length > 1 ? ` +${f.evidence.length - 1} more` : '';
    rows.push([
      label('evidence', theme),
      seg(`${terminalSafe(baseName(first.source))}:${first.line}`, theme.accent),
      seg(more, theme.dim),
      seg('  Enter: jump to evidence', theme.dim),
    ]);
    for (const ev of f.evidence.slice(0, extra)) {
      rows.push([seg(`${String(ev.line).padStart(LABEL_WIDTH - 3)} │ `, theme.dim), seg(terminalSafe(ev.text))]);
    }
  }
  return rows;
}

/**
 * `(run 2)`: the finding's run numbered as the timeline, the event browser and the run filter
 * number runs (1-based, oldest first), not by its internal index.
 */
function runLabel(report: Report, f: Finding): string {
  const position = report.runs.findIndex((r) => r.index === f.run);
  return ` (run ${position < 0 ? '?' : position + 1})`;
}

function headRow(f: Finding, selected: boolean, run: string | null, theme: Theme): Segment[] {
  const marker = seg(selected ? '▶ ' : '  ', theme.accent);
  const tag = f.rootCause ? seg('ROOT CAUSE', theme.rootCause) : seg(f.severity.padEnd(10), theme.severity(f.severity));
  const title = seg(` ${terminalSafe(f.title)}`, selected ? { bold: true } : {});
  const culprit = !selected && f.culprit !== null ? [seg(` — ${terminalSafe(f.culprit)}`, theme.dim)] : [];
  return [marker, tag, title, ...(run === null ? [] : [seg(run, theme.dim)]), ...culprit];
}

function noteRows(report: Report, theme: Theme): Segment[][] {
  const rows: Segment[][] = [];
  if (report.findings.length === 0 && report.sources.length === 0) {
    // Only `watch` shows the UI before any log exists.
    rows.push([seg('  No log yet. ', { bold: true }), seg('Findings appear here as the logs are written.', theme.dim)]);
  } else if (report.findings.length === 0) {
    const what =
      report.verdict === 'failed' ? 'The run failed, but no rule explains it: see the Events view.' : `Verdict: ${report.verdict}.`;
    rows.push([seg('  No finding. ', { bold: true }), seg(what, theme.dim)]);
  }
  if (report.noise.count > 0) {
    const byRule = Object.entries(report.noise.byRule)
      .map(([rule, n]) => `${terminalSafe(rule)} ×${n}`)
      .join(', ');
    rows.push([seg(`  ${report.noise.count} known-benign line${report.noise.count === 1 ? '' : 's'} set aside: ${byRule}`, theme.dim)]);
  }
  for (const problem of report.problems) {
    rows.push([seg('  ! ', theme.failure), seg(`${terminalSafe(problem.path)}: ${terminalSafe(problem.message)}`)]);
  }
  return rows;
}

/** All lines of the pane, with the selected finding expanded as fully as the height allows. */
export function findingRows(report: Report, selected: number, width: number, height: number, theme: Theme): Row[] {
  const multiRun = report.runs.length > 1;
  const notes = noteRows(report, theme).map((segments) => ({ segments, finding: -1 }));
  const build = (compact: boolean, extra: number): Row[] => {
    const rows: Row[] = [];
    report.findings.forEach((f, i) => {
      rows.push({ segments: headRow(f, i === selected, multiRun ? runLabel(report, f) : null, theme), finding: i });
      if (i === selected) {
        for (const segments of detailRows(f, width, compact, extra, theme)) rows.push({ segments, finding: i });
      }
    });
    return [...rows, ...notes];
  };
  const full = build(false, 0);
  if (full.length > height) return build(true, 0);
  // Room to spare: show the evidence lines themselves.
  const evidence = report.findings[selected]?.evidence.length ?? 0;
  return build(false, Math.min(evidence, height - full.length));
}

export default function FindingsPane({ report, selected, width, height }: Props) {
  const theme = useTheme();
  const rows = findingRows(report, selected, width, height, theme);
  // Keep the selected block in view: its first line always, its last line when it fits.
  const first = rows.findIndex((r) => r.finding === selected);
  const last = rows.length - 1 - [...rows].reverse().findIndex((r) => r.finding === selected);
  const start = first < 0 ? 0 : Math.max(0, Math.min(first, last - height + 1));
  const shown = rows.slice(start, start + height);
  return (
    <Box flexDirection="column" width={width} height={height}>
      {shown.map((row, i) => (
        <Line key={start + i} width={width} segments={row.segments} />
      ))}
    </Box>
  );
}
