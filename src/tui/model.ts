// The data the terminal UI renders, and the pure selectors the views use on it.
import type { Level, LogEvent, Report } from '../types.js';

/** What the TUI shows: a ready report plus the events kept for browsing. */
export interface TuiModel {
  readonly report: Report;
  /** The kept events, in source/line order; `events[i].source` indexes `report.sources`. */
  readonly events: readonly LogEvent[];
  /** Live mode (`watch`): new events and findings keep arriving. */
  readonly following?: boolean;
  /** Paths being watched in live mode. */
  readonly watching?: readonly string[];
}

/** The level filter steps: every event, warnings and worse, errors and worse. */
export type LevelFilter = 'all' | 'warning' | 'error';

/** The event browser's filters; `null` means "any". */
export interface EventFilter {
  readonly level: LevelFilter;
  readonly component: string | null;
  /** A run index (`RunInfo.index`). */
  readonly run: number | null;
  /** A configuration pass or sysprep stage (`LogEvent.phase`). */
  readonly pass: string | null;
  /** Case-insensitive substring of the line; empty for none. */
  readonly text: string;
}

export const NO_FILTER: EventFilter = { level: 'all', component: null, run: null, pass: null, text: '' };

const LEVEL_RANK: Readonly<Record<Level, number>> = {
  Info: 0,
  Unknown: 0,
  Warning: 1,
  Error: 2,
  'Fatal Error': 2,
};

const FILTER_RANK: Readonly<Record<LevelFilter, number>> = { all: 0, warning: 1, error: 2 };

/** all → warning+ → error+ → all. */
export function nextLevelFilter(level: LevelFilter): LevelFilter {
  return level === 'all' ? 'warning' : level === 'warning' ? 'error' : 'all';
}

/** True when no filter narrows the events. */
export function isUnfiltered(filter: EventFilter): boolean {
  return (
    filter.level === 'all' && filter.component === null && filter.run === null && filter.pass === null && filter.text === ''
  );
}

/** Case-insensitive substring match on the whole physical line. An empty query matches nothing. */
export function matchesText(event: LogEvent, query: string): boolean {
  if (query === '') return false;
  return event.text.toLowerCase().includes(query.toLowerCase());
}

/** True when `event` passes every filter. Events without a level only pass the `all` level filter. */
export function passesFilter(event: LogEvent, filter: EventFilter): boolean {
  if (filter.level !== 'all') {
    const rank = event.level === undefined ? 0 : LEVEL_RANK[event.level];
    if (rank < FILTER_RANK[filter.level]) return false;
  }
  if (filter.component !== null && event.component !== filter.component) return false;
  if (filter.run !== null && event.run !== filter.run) return false;
  if (filter.pass !== null && event.phase !== filter.pass) return false;
  if (filter.text !== '' && !matchesText(event, filter.text)) return false;
  return true;
}

/** Indexes (into `events`) of the events passing `filter`, in order. */
export function filterEvents(events: readonly LogEvent[], filter: EventFilter): number[] {
  const out: number[] = [];
  for (let i = 0; i < events.length; i++) if (passesFilter(events[i]!, filter)) out.push(i);
  return out;
}

/** The distinct component tags, sorted. */
export function componentsOf(events: readonly LogEvent[]): string[] {
  const set = new Set<string>();
  for (const e of events) if (e.component !== undefined && e.component !== '') set.add(e.component);
  return [...set].sort();
}

/** The distinct passes/stages, in order of first appearance. */
export function passesOf(events: readonly LogEvent[]): string[] {
  const set = new Set<string>();
  for (const e of events) if (e.phase !== undefined && e.phase !== '') set.add(e.phase);
  return [...set];
}

/** The next value of a filter that cycles through `values`: any → first → ... → last → any. */
export function cycleValue<T>(values: readonly T[], current: T | null): T | null {
  if (values.length === 0) return null;
  if (current === null) return values[0]!;
  const i = values.indexOf(current);
  return i < 0 || i === values.length - 1 ? null : values[i + 1]!;
}

/** Index of `path` in `report.sources`, or -1. */
export function sourceIndex(report: Report, path: string): number {
  return report.sources.findIndex((s) => s.path === path);
}

function compare(event: LogEvent, source: number, line: number): number {
  return event.source !== source ? event.source - source : event.line - line;
}

/**
 * Index of the event at `line` of source number `source`. When that line was not kept, the
 * nearest kept event of the same source (the following one on a tie). -1 when the source has
 * no kept event. Binary search on source/line order, then a linear scan in case the order differs.
 */
export function findEventAt(events: readonly LogEvent[], source: number, line: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compare(events[mid]!, source, line) < 0) lo = mid + 1;
    else hi = mid;
  }
  if (lo < events.length && compare(events[lo]!, source, line) === 0) return lo;
  let best = -1;
  let bestDistance = Infinity;
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (e.source !== source) continue;
    if (e.line === line) return i;
    // Prefer the following line on equal distance: the cascade continues downwards.
    const distance = Math.abs(e.line - line) - (e.line > line ? 0.5 : 0);
    if (distance < bestDistance) {
      best = i;
      bestDistance = distance;
    }
  }
  return best;
}

/** Index of the event for an evidence line (`EvidenceLine.source` is a path), or -1. */
export function findEvidenceIndex(model: TuiModel, sourcePath: string, line: number): number {
  const source = sourceIndex(model.report, sourcePath);
  return source < 0 ? -1 : findEventAt(model.events, source, line);
}

/**
 * The next (`dir` 1) or previous (`dir` -1) position in `visible` (indexes into `events`) whose
 * event matches `query`, starting after/before position `from` and wrapping around. -1 when none.
 */
export function findMatch(
  events: readonly LogEvent[],
  visible: readonly number[],
  from: number,
  query: string,
  dir: 1 | -1,
): number {
  const n = visible.length;
  if (query === '' || n === 0) return -1;
  for (let step = 1; step <= n; step++) {
    const pos = (((from + dir * step) % n) + n) % n;
    if (matchesText(events[visible[pos]!]!, query)) return pos;
  }
  return -1;
}
