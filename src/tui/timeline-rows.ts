// Pure helpers for the timeline: a run flattened to stage and provider rows, and the
// horizontal bars drawn with block characters.
import type { Phase, Provider, RunInfo } from '../types.js';
import { terminalSafe } from '../util/terminal-safe.js';
import { baseName, parseTimestamp } from './text.js';

export type RowStatus = 'succeeded' | 'failed' | 'running' | 'incomplete';

/** One line of the timeline: a stage, or a provider inside the stage above it. */
export interface TimelineRow {
  readonly kind: 'phase' | 'provider';
  /** Display label, terminal-safe: `generalize validate internal`, `AppxSysprep.dll,SysprepGeneralizeValidate`. */
  readonly label: string;
  /** Start and end in epoch ms, null when the log has no timestamp for them. */
  readonly start: number | null;
  readonly end: number | null;
  readonly status: RowStatus;
  /** The code a failing provider reported. */
  readonly code: string | null;
  /** Line in the run's source where the stage or provider starts. */
  readonly line: number;
}

function phaseLabel(phase: Phase): string {
  return terminalSafe([phase.name, phase.step, phase.scope].filter((p) => p !== undefined && p !== '').join(' '));
}

function providerLabel(provider: Provider): string {
  return terminalSafe(`${baseName(provider.module)},${provider.entryPoint}`);
}

/** The run's stages, each followed by its providers, in log order. */
export function timelineRows(run: RunInfo): TimelineRow[] {
  const rows: TimelineRow[] = [];
  for (const phase of run.phases) {
    rows.push({
      kind: 'phase',
      label: phaseLabel(phase),
      start: parseTimestamp(phase.startedAt),
      end: parseTimestamp(phase.endedAt),
      status: phase.outcome,
      code: null,
      line: phase.startLine,
    });
    for (const provider of phase.providers) {
      rows.push({
        kind: 'provider',
        label: providerLabel(provider),
        start: parseTimestamp(provider.startedAt),
        end: parseTimestamp(provider.endedAt),
        status: provider.result,
        code: provider.code === null ? null : terminalSafe(provider.code),
        line: provider.line,
      });
    }
  }
  return rows;
}

/** The time span the bars are scaled to: the run's own, else the rows' extent. Null without timestamps. */
export function timeSpan(run: RunInfo, rows: readonly TimelineRow[]): { readonly start: number; readonly end: number } | null {
  const times = rows.flatMap((r) => [r.start, r.end]).filter((t): t is number => t !== null);
  const runStart = parseTimestamp(run.startedAt);
  const runEnd = parseTimestamp(run.endedAt);
  if (runStart !== null) times.push(runStart);
  if (runEnd !== null) times.push(runEnd);
  if (times.length === 0) return null;
  return { start: Math.min(...times), end: Math.max(...times) };
}

/** Left-aligned partial blocks, 1/8 to 7/8 of a cell. */
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'] as const;

/**
 * A bar of exactly `width` cells for [start, end] on the axis [spanStart, spanEnd]: blanks up
 * to the start, full blocks, then a partial block for the last eighths. At least 1/8 cell, so
 * a provider that took less than the clock's resolution still shows.
 */
export function drawBar(start: number, end: number, spanStart: number, spanEnd: number, width: number): string {
  if (width <= 0) return '';
  const span = Math.max(spanEnd - spanStart, 1);
  const from = Math.max(0, Math.min(width - 1, Math.floor(((start - spanStart) / span) * width)));
  const endEighths = Math.round(((end - spanStart) / span) * width * 8);
  // An instant (or a clock that went backwards) is one eighth wide.
  const length = end <= start ? 1 : Math.max(1, Math.min((width - from) * 8, endEighths - from * 8));
  const body = '█'.repeat(Math.floor(length / 8)) + EIGHTHS[length % 8];
  return (' '.repeat(from) + body).padEnd(width, ' ');
}
