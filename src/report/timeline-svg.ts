// An inline SVG timeline of one run: a bar per stage and, under it, a bar per provider, on a time
// axis, or on a log-line axis when the timestamps cannot place them. Styled by the page's CSS.
import type { Phase, Provider, RunInfo } from '../types.js';
import { esc } from './html-escape.js';
import { clockMillis, formatClock } from './time.js';
import { phaseLabel, providerLabel } from './view.js';

const WIDTH = 960;
const LABEL_X = 10;
const PROVIDER_INDENT = 18;
const CHART_LEFT = 330;
/** The space right of the chart holds the failure label of a bar that ends at the far right. */
const CHART_RIGHT = WIDTH - 180;
const TOP = 8;
const PHASE_ROW = 30;
const PROVIDER_ROW = 22;
const AXIS_HEIGHT = 50;
const MIN_BAR = 4;
const MAX_LABEL = 42;
const MAX_TICKS = 7;

type Status = Provider['result'] | Phase['outcome'];

interface Row {
  readonly kind: 'phase' | 'provider';
  readonly label: string;
  readonly detail: string;
  readonly status: Status;
  readonly from: number;
  readonly to: number;
  readonly note: string | null;
}

interface Axis {
  readonly min: number;
  readonly max: number;
  readonly title: string;
  readonly ticks: readonly { readonly at: number; readonly label: string }[];
}

/** The SVG for `run`, or null when the run has no stage markers to draw. */
export function renderTimelineSvg(run: RunInfo): string | null {
  if (run.phases.length === 0) return null;
  const timed = hasUsableTimes(run.phases);
  const rows = run.phases.flatMap((phase) => phaseRows(phase, timed, run));
  const axis = timed ? timeAxis(rows) : lineAxis(rows);
  const height = TOP + rows.reduce((h, r) => h + rowHeight(r), 0) + AXIS_HEIGHT;
  const x = (v: number) => CHART_LEFT + ((v - axis.min) / (axis.max - axis.min)) * (CHART_RIGHT - CHART_LEFT);
  const id = `timeline-run-${run.index}`;

  const parts: string[] = [];
  let y = TOP;
  rows.forEach((row, i) => {
    if (row.kind === 'phase' && i > 0) parts.push(`<line class="tl-sep" x1="0" x2="${WIDTH}" y1="${y}" y2="${y}"/>`);
    parts.push(rowSvg(row, y, x));
    y += rowHeight(row);
  });
  const chartBottom = y;
  const grid = axis.ticks.map((t) => {
    const tx = round(x(t.at));
    return (
      `<line class="tl-grid" x1="${tx}" x2="${tx}" y1="${TOP}" y2="${chartBottom}"/>` +
      `<line class="tl-tick" x1="${tx}" x2="${tx}" y1="${chartBottom}" y2="${chartBottom + 5}"/>` +
      `<text class="tl-tick-label" x="${tx}" y="${chartBottom + 18}" text-anchor="middle">${esc(t.label)}</text>`
    );
  });
  const axisLine = `<line class="tl-axis" x1="${CHART_LEFT}" x2="${CHART_RIGHT}" y1="${chartBottom}" y2="${chartBottom}"/>`;
  const axisTitle = `<text class="tl-axis-title" x="${(CHART_LEFT + CHART_RIGHT) / 2}" y="${chartBottom + 38}" text-anchor="middle">${esc(axis.title)}</text>`;

  return [
    `<svg class="timeline" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-labelledby="${id}-title" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="${id}-title">Stages and providers of run ${run.index} (${run.outcome})</title>`,
    ...grid,
    ...parts,
    axisLine,
    axisTitle,
    legend(chartBottom + 18),
    '</svg>',
  ].join('\n');
}

/** Colour key under the row labels. */
function legend(y: number): string {
  const entries: Array<[Status, string]> = [
    ['succeeded', 'succeeded'],
    ['failed', 'failed'],
    ['running', 'running / incomplete'],
  ];
  let x = LABEL_X;
  const items = entries.map(([status, label]) => {
    const item = `<rect class="tl-${status}" x="${x}" y="${y - 9}" width="10" height="10" rx="2"/><text x="${x + 15}" y="${y}">${label}</text>`;
    x += 26 + label.length * 6.5;
    return item;
  });
  return `<g class="tl-legend">${items.join('')}</g>`;
}

function rowHeight(row: Row): number {
  return row.kind === 'phase' ? PHASE_ROW : PROVIDER_ROW;
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}

/** Time placement needs every start and end, and some time passing; otherwise bars follow lines. */
function hasUsableTimes(phases: readonly Phase[]): boolean {
  const stamps = phases.flatMap((p) => [p.startedAt, p.endedAt, ...p.providers.flatMap((v) => [v.startedAt, v.endedAt])]);
  const millis = stamps.map(clockMillis);
  if (millis.some((m) => m === null)) return false;
  const values = millis as number[];
  return Math.max(...values) > Math.min(...values);
}

function phaseRows(phase: Phase, timed: boolean, run: RunInfo): Row[] {
  const failedProvider = phase.providers.some((p) => p.result === 'failed');
  const phaseNote = phase.outcome === 'failed' ? (failedProvider || !run.failure?.code ? 'failed' : `failed · ${run.failure.code}`) : null;
  const head: Row = {
    kind: 'phase',
    label: phaseLabel(phase),
    detail: `${phase.startedAt ?? '?'} → ${phase.endedAt ?? '?'}, lines ${phase.startLine}–${phase.endLine}, ${phase.outcome}`,
    status: phase.outcome,
    from: timed ? clockMillis(phase.startedAt)! : phase.startLine,
    to: timed ? clockMillis(phase.endedAt)! : phase.endLine,
    note: phaseNote,
  };
  const providers = phase.providers.map((p, i): Row => {
    // A provider logs one line when it starts; in line placement it lasts until the next one starts.
    const nextLine = phase.providers[i + 1]?.line ?? phase.endLine;
    return {
      kind: 'provider',
      label: providerLabel(p),
      detail: `${p.module},${p.entryPoint}: ${p.result}${p.code ? ` ${p.code}` : ''}, line ${p.line}`,
      status: p.result,
      from: timed ? clockMillis(p.startedAt)! : p.line,
      to: timed ? clockMillis(p.endedAt)! : Math.max(p.line, nextLine),
      note: p.result === 'failed' ? `failed${p.code ? ` · ${p.code}` : ''}` : null,
    };
  });
  return [head, ...providers];
}

function rowSvg(row: Row, top: number, x: (v: number) => number): string {
  const height = rowHeight(row);
  const barHeight = row.kind === 'phase' ? 16 : 10;
  const barY = top + (height - barHeight) / 2;
  const textY = top + height / 2 + 4;
  const x1 = round(x(row.from));
  const width = round(Math.max(MIN_BAR, x(row.to) - x(row.from)));
  const labelX = row.kind === 'phase' ? LABEL_X : LABEL_X + PROVIDER_INDENT;
  const label = row.label.length > MAX_LABEL ? `${row.label.slice(0, MAX_LABEL - 1)}…` : row.label;
  const out = [
    `<g class="tl-row tl-${row.kind} tl-${row.status}">`,
    `<title>${esc(row.detail)}</title>`,
    `<text class="tl-label" x="${labelX}" y="${textY}">${esc(label)}</text>`,
    `<rect class="tl-bar" x="${x1}" y="${barY}" width="${width}" height="${barHeight}" rx="3"/>`,
  ];
  if (row.note) out.push(`<text class="tl-note" x="${round(x1 + width + 6)}" y="${textY}">✕ ${esc(row.note)}</text>`);
  out.push('</g>');
  return out.join('');
}

const TIME_STEPS_S = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 21600, 43200, 86400];

function timeAxis(rows: readonly Row[]): Axis {
  const min = Math.min(...rows.map((r) => r.from));
  const max = Math.max(...rows.map((r) => r.to));
  const stepS = TIME_STEPS_S.find((s) => (max - min) / (s * 1000) <= MAX_TICKS - 1) ?? 86400 * Math.ceil((max - min) / 86400000 / 6);
  const step = stepS * 1000;
  const ticks = ticksBetween(min, max, step, formatClock);
  const first = new Date(min).toISOString().slice(0, 10);
  const last = new Date(max).toISOString().slice(0, 10);
  const day = first === last ? `on ${first}` : `from ${first} to ${last}`;
  return { min, max, ticks, title: `Time as logged ${day} (the log has no time zone)` };
}

function lineAxis(rows: readonly Row[]): Axis {
  const min = Math.min(...rows.map((r) => r.from));
  const max = Math.max(min + 1, ...rows.map((r) => r.to));
  const step = niceStep(max - min);
  const ticks = ticksBetween(min, max, step, (at) => `line ${at}`);
  return { min, max, ticks, title: 'Log line number: timestamps are missing or identical, so bars follow the order of the lines' };
}

/** The smallest 1, 2 or 5 × 10ⁿ that divides `span` into at most MAX_TICKS - 1 steps. */
function niceStep(span: number): number {
  if (!Number.isFinite(span) || span <= 0) return 1;
  for (let scale = 1; ; scale *= 10) {
    for (const factor of [1, 2, 5]) if (span / (factor * scale) <= MAX_TICKS - 1) return factor * scale;
  }
}

/** Round ticks every `step`, plus the two ends of the axis where no round tick sits close to them. */
function ticksBetween(min: number, max: number, step: number, label: (at: number) => string): Axis['ticks'] {
  const at: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max; v += step) at.push(v);
  const room = (max - min) * 0.16;
  if (at.length === 0 || at[0]! - min > room) at.unshift(min);
  if (max - at[at.length - 1]! > room) at.push(max);
  return at.map((v) => ({ at: v, label: label(v) }));
}
