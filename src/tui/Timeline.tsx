// The run's stages and providers as a Gantt chart scaled to the window: one bar per row, the
// failing ones marked. Without timestamps it lists them in log order with their line numbers.
import { Box } from 'ink';
import type { RunInfo } from '../types.js';
import { terminalSafe } from '../util/terminal-safe.js';
import Line from './Line.js';
import { seg, type Segment } from './segments.js';
import { baseName, fit, formatDuration } from './text.js';
import { useTheme, type TextStyle, type Theme } from './theme.js';
import { drawBar, timeSpan, type RowStatus, type TimelineRow } from './timeline-rows.js';

export interface Props {
  /** The run shown; null when the logs contain none. */
  readonly run: RunInfo | null;
  /** 1-based position of the run among the report's runs, and their number. */
  readonly position: { readonly index: number; readonly count: number };
  /** The run's stages and providers (see `timelineRows`). */
  readonly rows: readonly TimelineRow[];
  /** The current row. */
  readonly selected: number;
  /** Columns available. */
  readonly width: number;
  /** Lines available; the pane always renders exactly this many. */
  readonly height: number;
}

function statusCell(row: TimelineRow, theme: Theme): { readonly text: string; readonly style: TextStyle } {
  const byStatus: Readonly<Record<RowStatus, { readonly text: string; readonly style: TextStyle }>> = {
    succeeded: { text: '✓ ok', style: theme.success },
    failed: { text: `✗ ${row.code ?? 'failed'}`, style: theme.failure },
    running: { text: '… running', style: theme.pending },
    incomplete: { text: '… incomplete', style: theme.pending },
  };
  return byStatus[row.status];
}

function runTitle(run: RunInfo, position: Props['position'], theme: Theme): Segment[] {
  return [
    seg(`run ${position.index}/${position.count}`, { bold: true }),
    seg(` · ${run.kind}`),
    ...(run.options.length > 0 ? [seg(` · ${terminalSafe(run.options.join(' '))}`)] : []),
    ...(run.mode !== null ? [seg(` · mode ${terminalSafe(run.mode)}`)] : []),
    seg(' · '),
    seg(run.outcome, theme.verdict(run.outcome)),
    ...(position.count > 1 ? [seg('  ←→ other runs', theme.dim)] : []),
  ];
}

/** `failed at pre-validate · generalize · internal · 0x80073cf2 (setupact.log:36)`, when the run failed. */
function failureLine(run: RunInfo, theme: Theme): Segment[] | null {
  const f = run.failure;
  if (f === null) return null;
  const where = [f.stage, f.pass, f.scope, f.code].filter((p): p is string => p !== null && p !== '');
  return [
    seg('failed at ', theme.failure),
    seg(terminalSafe(where.join(' · ')), theme.failure),
    seg(` (${terminalSafe(baseName(f.source))}:${f.line})`, theme.dim),
  ];
}

export default function Timeline({ run, position, rows, selected, width, height }: Props) {
  const theme = useTheme();
  const lines: { readonly segments: readonly Segment[]; readonly style?: TextStyle }[] = [];
  if (run === null) {
    lines.push({ segments: [seg('  No sysprep run or setup session was found in these logs.', theme.dim)] });
  } else {
    lines.push({ segments: runTitle(run, position, theme) });
    const failure = failureLine(run, theme);
    if (failure !== null) lines.push({ segments: failure });
    const span = timeSpan(run, rows);
    const labelWidth = Math.max(20, Math.min(50, Math.floor(width * 0.45)));
    const timeWidth = 6;
    const statusWidth = width >= 110 ? 16 : 12;
    const barWidth = Math.max(4, width - labelWidth - timeWidth - statusWidth - 3);
    if (span === null) {
      lines.push({ segments: [seg('no timestamps — stages and providers in log order', theme.pending)] });
    } else {
      const total = formatDuration(span.end - span.start);
      const started = new Date(span.start).toISOString().replace('T', ' ').slice(0, 19);
      const ended = new Date(span.end).toISOString().slice(11, 19);
      lines.push({ segments: [seg(`${started} → ${ended}`, theme.dim), seg(` · ${total}`)] });
    }
    const axis =
      span === null
        ? fit('ORDER', barWidth)
        : fit('0s', barWidth - formatDuration(span.end - span.start).length) + formatDuration(span.end - span.start);
    lines.push({
      segments: [seg(`${fit('STAGE / PROVIDER', labelWidth)} ${fit(axis, barWidth)} ${fit('TIME', timeWidth, 'right')} RESULT`, theme.dim)],
    });
    if (rows.length === 0) lines.push({ segments: [seg('  No stage was recorded for this run.', theme.dim)] });
    // The rows scroll to keep the current one visible.
    const room = Math.max(1, height - lines.length);
    const start = Math.max(0, Math.min(selected - room + 1, rows.length - room));
    rows.slice(Math.max(0, start), Math.max(0, start) + room).forEach((row, k) => {
      const i = Math.max(0, start) + k;
      const failed = row.status === 'failed';
      const label = fit(`${row.kind === 'provider' ? '  ' : ''}${row.label}`, labelWidth);
      const timed = span === null || row.start === null || row.end === null ? null : { start: row.start, end: row.end, span };
      const bar =
        timed === null
          ? fit(`line ${row.line}`, barWidth)
          : drawBar(timed.start, timed.end, timed.span.start, timed.span.end, barWidth);
      const duration = timed === null ? '—' : formatDuration(timed.end - timed.start);
      const status = statusCell(row, theme);
      const barStyle = timed === null ? theme.dim : failed ? theme.failure : row.kind === 'phase' ? theme.accent : {};
      lines.push({
        segments: [
          seg(label, failed ? theme.failure : row.kind === 'phase' ? { bold: true } : {}),
          seg(' '),
          seg(bar, barStyle),
          seg(` ${fit(duration, timeWidth, 'right')} `),
          seg(status.text, status.style),
        ],
        ...(i === selected ? { style: theme.selected } : {}),
      });
    });
  }
  return (
    <Box flexDirection="column" width={width} height={height}>
      {lines.slice(0, height).map((line, i) => (
        <Line key={i} width={width} segments={line.segments} {...(line.style === undefined ? {} : { style: line.style })} />
      ))}
    </Box>
  );
}
