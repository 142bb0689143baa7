// The UI state owned by App, what is derived from it for one render, and the key handler.
// Positions are stored as identities (a finding's rule/run/culprit, an event's source/line)
// so a live update that adds findings or events does not move the user's selection.
import type { Key } from 'ink';
import type { Finding, LogEvent, RunInfo } from '../types.js';
import { maxHelpTop } from './HelpOverlay.js';
import type { Layout } from './layout.js';
import {
  NO_FILTER,
  componentsOf,
  cycleValue,
  filterEvents,
  findEventAt,
  findEvidenceIndex,
  findMatch,
  nextLevelFilter,
  passesOf,
  type EventFilter,
  type TuiModel,
} from './model.js';
import { timelineRows, type TimelineRow } from './timeline-rows.js';

export type View = 'findings' | 'timeline' | 'events';
export const VIEWS: readonly View[] = ['findings', 'timeline', 'events'];

/** An event's identity. */
export interface EventKey {
  readonly source: number;
  readonly line: number;
}

export interface UiState {
  readonly view: View;
  readonly help: boolean;
  /** First line of the help shown, when the help is taller than the window. */
  readonly helpTop: number;
  /** Identity of the selected finding; null: the first one (the root cause). */
  readonly findingKey: string | null;
  /** Index of the selected finding, used when its identity is gone. */
  readonly findingIndex: number;
  /** The run shown in the timeline (`RunInfo.index`); null: the root cause's run, else the latest. */
  readonly run: number | null;
  /** The current timeline row. */
  readonly timelineRow: number;
  readonly filter: EventFilter;
  /** The current event; null: the first one, or the last one while following. */
  readonly cursor: EventKey | null;
  /** Position (in the filtered list) of the first event row shown. */
  readonly top: number;
  /** The committed search. */
  readonly query: string;
  /** The search being typed after `/`; null when not typing. */
  readonly draft: string | null;
  /** A one-shot note for the status bar, cleared by the next key. */
  readonly message: string | null;
}

export const INITIAL_STATE: UiState = {
  view: 'findings',
  help: false,
  helpTop: 0,
  findingKey: null,
  findingIndex: 0,
  run: null,
  timelineRow: 0,
  filter: NO_FILTER,
  cursor: null,
  top: 0,
  query: '',
  draft: null,
  message: null,
};

/** What one render needs, computed from the model, the state and the layout. */
export interface Derived {
  readonly layout: Layout;
  /** Index of the selected finding in `report.findings`, -1 when there is none. */
  readonly findingIndex: number;
  /** Indexes (into `events`) passing the filter. */
  readonly visible: readonly number[];
  /** Position of the current event in `visible`, -1 when nothing is visible. */
  readonly cursorPos: number;
  /** Position of the first event row shown. */
  readonly top: number;
  /** The run the timeline shows, if any. */
  readonly run: RunInfo | null;
  readonly timeline: readonly TimelineRow[];
  readonly timelineRow: number;
}

export function findingKey(f: Finding): string {
  return `${f.ruleId}\u0000${f.run}\u0000${f.culprit ?? ''}`;
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, n));
}

/** First position in the ascending `visible` whose index is >= `index`. */
function lowerBound(visible: readonly number[], index: number): number {
  let lo = 0;
  let hi = visible.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (visible[mid]! < index) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The default run: the root cause's, else the latest failing one, else the latest. */
function defaultRun(model: TuiModel): RunInfo | null {
  const runs = model.report.runs;
  const root = model.report.findings.find((f) => f.rootCause);
  return (
    (root === undefined ? undefined : runs.find((r) => r.index === root.run)) ??
    [...runs].reverse().find((r) => r.outcome === 'failed') ??
    runs[runs.length - 1] ??
    null
  );
}

function resolveCursor(model: TuiModel, state: UiState, visible: readonly number[]): number {
  const n = visible.length;
  if (n === 0) return -1;
  if (state.cursor === null) return model.following === true ? n - 1 : 0;
  const index = findEventAt(model.events, state.cursor.source, state.cursor.line);
  if (index < 0) return 0;
  return Math.min(lowerBound(visible, index), n - 1);
}

/** Scrolls as little as possible to keep `pos` inside a window of `rows` rows. */
function scrollTo(top: number, pos: number, rows: number, n: number): number {
  return clamp(clamp(top, pos - rows + 1, pos), 0, Math.max(0, n - rows));
}

export function derive(model: TuiModel, state: UiState, layout: Layout, visible: readonly number[]): Derived {
  const findings = model.report.findings;
  let findingIndex = -1;
  if (findings.length > 0) {
    const byKey = state.findingKey === null ? 0 : findings.findIndex((f) => findingKey(f) === state.findingKey);
    findingIndex = byKey >= 0 ? byKey : clamp(state.findingIndex, 0, findings.length - 1);
  }
  const cursorPos = resolveCursor(model, state, visible);
  const top = cursorPos < 0 ? 0 : scrollTo(state.top, cursorPos, layout.eventRows, visible.length);
  const run = (state.run === null ? null : model.report.runs.find((r) => r.index === state.run)) ?? defaultRun(model);
  const timeline = run === null ? [] : timelineRows(run);
  const timelineRow = clamp(state.timelineRow, 0, Math.max(0, timeline.length - 1));
  return { layout, findingIndex, visible, cursorPos, top, run, timeline, timelineRow };
}

export interface KeyResult {
  readonly state: UiState;
  /** True when the key asks to leave the UI. */
  readonly exit: boolean;
}

const keyOf = (e: LogEvent): EventKey => ({ source: e.source, line: e.line });

/** Puts the cursor on position `pos` of `visible`, scrolling minimally (or centring, for jumps). */
function placeCursor(
  model: TuiModel,
  state: UiState,
  visible: readonly number[],
  pos: number,
  rows: number,
  top: number,
  centre = false,
): UiState {
  const n = visible.length;
  if (n === 0) return state;
  const p = clamp(pos, 0, n - 1);
  // While following, the last row means "stay on the tail as lines arrive".
  const cursor = model.following === true && p === n - 1 ? null : keyOf(model.events[visible[p]!]!);
  const wanted = centre ? p - Math.floor(rows / 3) : top;
  return { ...state, cursor, top: scrollTo(wanted, p, rows, n) };
}

/** Switches to the events view, filters cleared, on `line` of the source at `path`. */
function jumpToLine(model: TuiModel, state: UiState, path: string, line: number, rows: number): UiState {
  const index = findEvidenceIndex(model, path, line);
  if (index < 0) return { ...state, message: `line ${line} of ${path} is not among the kept events` };
  const visible = filterEvents(model.events, NO_FILTER);
  const moved = placeCursor(model, { ...state, view: 'events', filter: NO_FILTER }, visible, index, rows, 0, true);
  const found = model.events[index]!.line;
  return found === line ? moved : { ...moved, message: `line ${line} was not kept; showing line ${found}` };
}

function withFilter(model: TuiModel, state: UiState, d: Derived, filter: EventFilter): UiState {
  // Keep the current event (or the nearest one after it) under the cursor.
  const current = d.cursorPos < 0 ? null : keyOf(model.events[d.visible[d.cursorPos]!]!);
  const visible = filterEvents(model.events, filter);
  const next: UiState = { ...state, filter, cursor: current };
  if (visible.length === 0) return { ...next, message: 'no event matches these filters (x clears them)' };
  const index = current === null ? 0 : findEventAt(model.events, current.source, current.line);
  const pos = Math.min(lowerBound(visible, Math.max(0, index)), visible.length - 1);
  return placeCursor(model, next, visible, pos, d.layout.eventRows, 0, true);
}

function searchFrom(model: TuiModel, state: UiState, d: Derived, query: string, dir: 1 | -1): UiState {
  if (query === '') return state;
  const from = d.cursorPos < 0 ? -1 : d.cursorPos;
  const pos = findMatch(model.events, d.visible, from, query, dir);
  if (pos < 0) return { ...state, query, message: `no match for "${query}"` };
  const moved = placeCursor(model, { ...state, query }, d.visible, pos, d.layout.eventRows, d.top);
  // Scroll minimally when the match is near, centre it when it is far.
  const far = pos < d.top || pos >= d.top + d.layout.eventRows;
  return far ? placeCursor(model, { ...state, query }, d.visible, pos, d.layout.eventRows, d.top, true) : moved;
}

function typeSearch(model: TuiModel, state: UiState, d: Derived, input: string, key: Key): UiState {
  const draft = state.draft ?? '';
  if (key.return) return searchFrom(model, { ...state, draft: null, view: 'events' }, d, draft, 1);
  if (key.escape) return { ...state, draft: null };
  if (key.backspace || key.delete) return { ...state, draft: [...draft].slice(0, -1).join('') };
  if (key.ctrl || key.meta || key.tab || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow) return state;
  // Typed or pasted text; control characters never reach the query.
  const printable = [...input].filter((ch) => ch >= ' ' && ch !== '\u007f').join('');
  return { ...state, draft: draft + printable };
}

function moveFinding(model: TuiModel, state: UiState, to: number): UiState {
  const findings = model.report.findings;
  if (findings.length === 0) return state;
  const i = clamp(to, 0, findings.length - 1);
  return { ...state, findingKey: findingKey(findings[i]!), findingIndex: i };
}

function findingsKey(model: TuiModel, state: UiState, d: Derived, input: string, key: Key): UiState {
  const i = d.findingIndex;
  if (key.downArrow || input === 'j') return moveFinding(model, state, i + 1);
  if (key.upArrow || input === 'k') return moveFinding(model, state, i - 1);
  if (key.home || input === 'g') return moveFinding(model, state, 0);
  if (key.end || input === 'G') return moveFinding(model, state, model.report.findings.length - 1);
  if (key.return || input === 'e') {
    const finding = model.report.findings[i];
    const first = finding?.evidence[0];
    if (first === undefined) return { ...state, message: 'this finding has no evidence line' };
    return jumpToLine(model, state, first.source, first.line, d.layout.eventRows);
  }
  return state;
}

function timelineKey(model: TuiModel, state: UiState, d: Derived, input: string, key: Key): UiState {
  const runs = model.report.runs;
  const runPos = d.run === null ? -1 : runs.indexOf(d.run);
  const rows = d.timeline.length;
  if (key.downArrow || input === 'j') return { ...state, timelineRow: clamp(d.timelineRow + 1, 0, Math.max(0, rows - 1)) };
  if (key.upArrow || input === 'k') return { ...state, timelineRow: clamp(d.timelineRow - 1, 0, Math.max(0, rows - 1)) };
  if (key.home || input === 'g') return { ...state, timelineRow: 0 };
  if (key.end || input === 'G') return { ...state, timelineRow: Math.max(0, rows - 1) };
  if (key.leftArrow || key.rightArrow || input === '[' || input === ']') {
    const dir = key.leftArrow || input === '[' ? -1 : 1;
    const next = runs[clamp(runPos + dir, 0, runs.length - 1)];
    return next === undefined ? state : { ...state, run: next.index, timelineRow: 0 };
  }
  if (key.return) {
    const row = d.timeline[d.timelineRow];
    if (row === undefined || d.run === null) return state;
    return jumpToLine(model, state, d.run.source, row.line, d.layout.eventRows);
  }
  return state;
}

function eventsKey(model: TuiModel, state: UiState, d: Derived, input: string, key: Key): UiState {
  const rows = d.layout.eventRows;
  const move = (pos: number): UiState => placeCursor(model, state, d.visible, pos, rows, d.top);
  const f = state.filter;
  if (key.downArrow || input === 'j') return move(d.cursorPos + 1);
  if (key.upArrow || input === 'k') return move(d.cursorPos - 1);
  if (key.pageDown || input === ' ' || (key.ctrl && input === 'd')) return move(d.cursorPos + rows);
  if (key.pageUp || input === 'b' || (key.ctrl && input === 'u')) return move(d.cursorPos - rows);
  if (key.home || input === 'g') return move(0);
  if (key.end || input === 'G') return move(d.visible.length - 1);
  if (input === 'l') return withFilter(model, state, d, { ...f, level: nextLevelFilter(f.level) });
  if (input === 'c') return withFilter(model, state, d, { ...f, component: cycleValue(componentsOf(model.events), f.component) });
  if (input === 'p') return withFilter(model, state, d, { ...f, pass: cycleValue(passesOf(model.events), f.pass) });
  if (input === 'r') {
    const runs = model.report.runs.map((r) => r.index);
    return withFilter(model, state, d, { ...f, run: cycleValue(runs, f.run) });
  }
  if (input === 'x') return withFilter(model, { ...state, query: '' }, d, NO_FILTER);
  if (input === 'n') return searchFrom(model, state, d, state.query, 1);
  if (input === 'N') return searchFrom(model, state, d, state.query, -1);
  if (key.escape) return { ...state, query: '' };
  return state;
}

/** While the help is shown: Esc closes it, the movement keys scroll it when it does not fit. */
function helpKey(state: UiState, d: Derived, input: string, key: Key): UiState {
  if (key.escape) return { ...state, help: false };
  const { width, bodyHeight } = d.layout;
  const max = maxHelpTop(width, bodyHeight);
  const page = Math.max(1, bodyHeight - 1);
  let top = state.helpTop;
  if (key.downArrow || input === 'j') top += 1;
  else if (key.upArrow || input === 'k') top -= 1;
  else if (key.pageDown || input === ' ') top += page;
  else if (key.pageUp || input === 'b') top -= page;
  else if (key.home || input === 'g') top = 0;
  else if (key.end || input === 'G') top = max;
  top = clamp(top, 0, max);
  return top === state.helpTop ? state : { ...state, helpTop: top };
}

/** Applies one key to the state. `d` is what the last render derived from the same state. */
export function reduceKey(model: TuiModel, state: UiState, d: Derived, input: string, key: Key): KeyResult {
  if (key.ctrl && input === 'c') return { state, exit: true };
  const s: UiState = state.message === null ? state : { ...state, message: null };
  if (s.draft !== null) return { state: typeSearch(model, s, d, input, key), exit: false };
  if (input === 'q') return { state: s, exit: true };
  if (input === '?') return { state: { ...s, help: !s.help, helpTop: 0 }, exit: false };
  if (s.help) return { state: helpKey(s, d, input, key), exit: false };
  const viewPos = VIEWS.indexOf(s.view);
  if (input === '1' || input === '2' || input === '3') return { state: { ...s, view: VIEWS[Number(input) - 1]! }, exit: false };
  if (key.tab) {
    const next = VIEWS[(viewPos + (key.shift ? VIEWS.length - 1 : 1)) % VIEWS.length]!;
    return { state: { ...s, view: next }, exit: false };
  }
  if (input === '/') return { state: { ...s, view: 'events', draft: '' }, exit: false };
  switch (s.view) {
    case 'findings':
      return { state: findingsKey(model, s, d, input, key), exit: false };
    case 'timeline':
      return { state: timelineKey(model, s, d, input, key), exit: false };
    case 'events':
      return { state: eventsKey(model, s, d, input, key), exit: false };
  }
}
