// How the screen is divided for a given terminal size. Everything here is a pure function of
// the size and the report, so the views and the key handler agree on page sizes.
import type { Report, Verdict } from '../types.js';
import { terminalSafe } from '../util/terminal-safe.js';
import { wrap } from './text.js';

/** A terminal size in character cells. */
export interface Size {
  readonly columns: number;
  readonly rows: number;
}

export const DEFAULT_SIZE: Size = { columns: 80, rows: 24 };

export interface Layout {
  /** Columns used. */
  readonly width: number;
  /** Lines used: one less than the terminal, so ink never falls back to clearing the screen. */
  readonly height: number;
  /** The summary sentence, wrapped beside the verdict badge. */
  readonly summary: readonly string[];
  /** Header lines: the tool line plus the summary. */
  readonly headerHeight: number;
  /** Lines between the tab bar and the status bar. */
  readonly bodyHeight: number;
  /** Event rows in the event browser. */
  readonly eventRows: number;
  /** Lines of the current event's message in the browser's detail area (0: no detail area). */
  readonly detailLines: number;
  /** True when the window is wide enough for full timestamps and extra columns. */
  readonly wide: boolean;
}

/** The text of the verdict badge, `[ FAILED ]` style without brackets. */
export function badgeText(verdict: Verdict): string {
  return ` ${verdict.toUpperCase()} `;
}

const MIN_COLUMNS = 40;
const MIN_LINES = 10;

export function computeLayout(size: Size, report: Report): Layout {
  const width = Math.max(MIN_COLUMNS, size.columns);
  const height = Math.max(MIN_LINES, size.rows - 1);
  const maxSummary = height >= 30 ? 3 : height >= 17 ? 2 : 1;
  const summaryWidth = width - badgeText(report.verdict).length - 1;
  const wrapped = wrap(terminalSafe(report.summary), summaryWidth, maxSummary);
  const summary = wrapped.length === 0 ? [''] : wrapped;
  const headerHeight = 1 + summary.length;
  // Tab bar above the body, status bar below.
  const bodyHeight = Math.max(3, height - headerHeight - 2);
  const detailLines = bodyHeight >= 24 ? 4 : bodyHeight >= 12 ? 2 : 0;
  // Filter bar and column header, then rows, then a rule, the event's location and its message.
  const eventRows = Math.max(1, bodyHeight - 2 - (detailLines > 0 ? detailLines + 2 : 0));
  return { width, height, summary, headerHeight, bodyHeight, eventRows, detailLines, wide: width >= 110 };
}
