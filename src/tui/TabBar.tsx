// The view switcher: Findings / Timeline / Events, with counts.
import Line from './Line.js';
import { seg, segmentsWidth, type Segment } from './segments.js';
import type { View } from './state.js';
import { useTheme } from './theme.js';

export interface Props {
  /** The active view. */
  readonly view: View;
  /** Number of findings, shown on the first tab. */
  readonly findings: number;
  /** Number of events passing the filters, and in total, shown on the third tab. */
  readonly events: { readonly shown: number; readonly total: number };
  /** Columns available. */
  readonly width: number;
}

export default function TabBar({ view, findings, events, width }: Props) {
  const theme = useTheme();
  const tabs: readonly [View, string][] = [
    ['findings', `1 Findings (${findings})`],
    ['timeline', '2 Timeline'],
    ['events', `3 Events (${events.shown === events.total ? events.total : `${events.shown}/${events.total}`})`],
  ];
  const left: Segment[] = tabs.flatMap(([v, label]) => [
    seg(` ${label} `, v === view ? { ...theme.accent, inverse: true } : theme.dim),
    seg(' '),
  ]);
  const right = [seg('? help  q quit', theme.dim)];
  const gap = width - segmentsWidth(left) - segmentsWidth(right);
  return <Line width={width} segments={gap >= 1 ? [...left, seg(' '.repeat(gap)), ...right] : left} />;
}
