// A scrollable window on the kept events: line, time, level, component and message, cut to
// the width; the current line highlighted and shown in full below.
import { Box } from 'ink';
import { useMemo } from 'react';
import type { Level, LogEvent, Report } from '../types.js';
import { terminalSafe } from '../util/terminal-safe.js';
import type { Layout } from './layout.js';
import Line from './Line.js';
import { matchesText, type EventFilter } from './model.js';
import { seg, type Segment } from './segments.js';
import { baseName, fit, shortNames, wrap } from './text.js';
import { useTheme, type Theme } from './theme.js';

export interface Props {
  /** The report, for source names and run numbers. */
  readonly report: Report;
  /** All kept events. */
  readonly events: readonly LogEvent[];
  /** Indexes (into `events`) passing the filters, in order. */
  readonly visible: readonly number[];
  /** Position of the current event in `visible`, -1 when none. */
  readonly cursor: number;
  /** Position of the first row shown. */
  readonly top: number;
  /** The active filters, shown in the filter bar. */
  readonly filter: EventFilter;
  /** The committed search; matching rows are marked. */
  readonly query: string;
  /** `source:line` keys of the selected finding's evidence, marked with ◆. */
  readonly evidence: ReadonlySet<string>;
  /** Sizes: `width`, `bodyHeight`, `eventRows`, `detailLines`, `wide`. */
  readonly layout: Layout;
}

const LEVEL_SHORT: Readonly<Record<Level, string>> = {
  Info: 'Info',
  Warning: 'Warn',
  Error: 'Error',
  'Fatal Error': 'Fatal',
  Unknown: '?',
};

/**
 * Short tags for sources when there are several: `act`, `err`, or the file name; where two would
 * be alike, prefixed with the start of the folder that tells them apart (`Roll/err`), else numbered.
 */
export function sourceTags(report: Report): string[] {
  const names = shortNames(report.sources.map((s) => s.path));
  const tags = report.sources.map((s, i) => {
    const base = s.flavor === 'setupact' ? 'act' : s.flavor === 'setuperr' ? 'err' : baseName(s.path).slice(0, 6);
    const folders = names[i]!.split('/').slice(0, -1);
    const folder = folders[folders.length - 1];
    return terminalSafe(folder === undefined ? base : `${folder.slice(0, 4)}/${base}`);
  });
  return tags.map((tag, i) => (tags.indexOf(tag) === tags.lastIndexOf(tag) ? tag : `${tag}#${i + 1}`));
}

/** Widths of the line-number and component columns, from all events (a loop: there may be millions). */
function columnWidths(events: readonly LogEvent[]): { readonly lineWidth: number; readonly compWidth: number } {
  let maxLine = 0;
  let maxComp = 4;
  for (const e of events) {
    if (e.line > maxLine) maxLine = e.line;
    if (e.component !== undefined && e.component.length > maxComp) maxComp = e.component.length;
  }
  return { lineWidth: Math.max(4, String(maxLine).length), compWidth: Math.min(8, maxComp) };
}

function filterBar(props: Props, theme: Theme): Segment[] {
  const { filter, visible, events, query, report } = props;
  const item = (name: string, value: string | null): Segment[] => [
    seg(`${name} `, theme.dim),
    seg(value ?? 'all', value === null ? {} : theme.accent),
    seg('  '),
  ];
  const level = filter.level === 'all' ? null : `${filter.level}+`;
  const run = filter.run === null ? null : String(report.runs.findIndex((r) => r.index === filter.run) + 1);
  return [
    ...item('level', level),
    ...item('comp', filter.component === null ? null : terminalSafe(filter.component)),
    ...item('run', run),
    ...item('pass', filter.pass === null ? null : terminalSafe(filter.pass)),
    seg(`${visible.length}/${events.length} events`, theme.dim),
    ...(query === '' ? [] : [seg('  /', theme.dim), seg(terminalSafe(query), theme.accent)]),
  ];
}

export default function EventBrowser(props: Props) {
  const { report, events, visible, cursor, top, query, evidence, layout } = props;
  const theme = useTheme();
  const { width, eventRows, detailLines, wide } = layout;
  const multiSource = report.sources.length > 1;
  const tags = sourceTags(report);
  const tagWidth = multiSource ? Math.max(...tags.map((t) => t.length)) + 1 : 0;
  const { lineWidth, compWidth } = useMemo(() => columnWidths(events), [events, events.length]);
  const timeWidth = wide ? 19 : 8;
  const fixed = 1 + tagWidth + lineWidth + 1 + timeWidth + 1 + 5 + 1 + compWidth + 1;
  const messageWidth = Math.max(8, width - fixed);

  const header = [
    seg(' '),
    seg(`${multiSource ? fit('SRC', tagWidth) : ''}${fit('LINE', lineWidth, 'right')} ${fit('TIME', timeWidth)} LEVEL ${fit('COMP', compWidth)} MESSAGE`, theme.dim),
  ];

  const rows = visible.slice(top, top + eventRows).map((index, k) => {
    const e = events[index]!;
    const pos = top + k;
    const time = e.timestamp === undefined ? '' : wide ? e.timestamp : e.timestamp.slice(11, 19);
    const isEvidence = evidence.has(`${e.source}:${e.line}`);
    const isMatch = matchesText(e, query);
    const gutter = isEvidence ? seg('◆', theme.rootCause) : isMatch ? seg('*', theme.accent) : seg(' ');
    const message = terminalSafe(e.kind === 'record' ? e.message : e.message === '' ? e.text : e.message);
    const segments: Segment[] = [
      gutter,
      ...(multiSource ? [seg(fit(tags[e.source] ?? '?', tagWidth), theme.dim)] : []),
      seg(fit(String(e.line), lineWidth, 'right'), theme.dim),
      seg(` ${fit(terminalSafe(time), timeWidth)} `, theme.dim),
      seg(fit(e.level === undefined ? '' : LEVEL_SHORT[e.level], 5), theme.level(e.level)),
      seg(` ${fit(terminalSafe(e.component ?? ''), compWidth)} `),
      seg(fit(message, messageWidth), isMatch ? theme.accent : {}),
    ];
    return { segments, selected: pos === cursor };
  });
  const empty = events.length === 0 ? '  no event yet' : '  no event matches these filters (x clears them)';
  while (rows.length < eventRows) {
    rows.push({ segments: [seg(rows.length === 0 && visible.length === 0 ? empty : '', theme.dim)], selected: false });
  }

  const detail: Segment[][] = [];
  const current = cursor < 0 ? undefined : events[visible[cursor]!];
  if (detailLines > 0) {
    detail.push([seg('─'.repeat(width), theme.dim)]);
    if (current === undefined) {
      detail.push([seg('')]);
      for (let i = 0; i < detailLines; i++) detail.push([seg('')]);
    } else {
      const src = report.sources[current.source];
      const runPos = report.runs.findIndex((r) => r.index === current.run);
      const meta = [
        // The file's short name: `Rollback/setuperr.log` where another source is a `setuperr.log` too.
        `${terminalSafe(src === undefined ? '?' : (shortNames(report.sources.map((x) => x.path))[current.source] ?? baseName(src.path)))}:${current.line}`,
        current.timestamp,
        current.level,
        current.messageId === undefined ? undefined : `[${current.messageId}]`,
        current.component,
        current.process,
        runPos < 0 ? undefined : `run ${runPos + 1}`,
        current.phase,
        current.kind === 'record' ? undefined : current.kind,
        current.truncated === true ? 'truncated' : undefined,
      ]
        .filter((p): p is string => p !== undefined && p !== '')
        .map(terminalSafe)
        .join(' · ');
      detail.push([seg(meta, theme.accent)]);
      const text = terminalSafe(current.message === '' ? current.text : current.message);
      const lines = wrap(text, width, detailLines);
      for (let i = 0; i < detailLines; i++) detail.push([seg(lines[i] ?? '')]);
    }
  }

  return (
    <Box flexDirection="column" width={width} height={layout.bodyHeight}>
      <Line width={width} segments={filterBar(props, theme)} />
      <Line width={width} segments={header} />
      {rows.map((row, i) => (
        <Line key={`r${i}`} width={width} segments={row.segments} {...(row.selected ? { style: theme.selected } : {})} />
      ))}
      {detail.map((segments, i) => (
        <Line key={`d${i}`} width={width} segments={segments} />
      ))}
    </Box>
  );
}
