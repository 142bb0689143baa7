// The key list, shown instead of the current view while `?` is on.
import { Box } from 'ink';
import Line from './Line.js';
import { seg, type Segment } from './segments.js';
import { useTheme } from './theme.js';

export interface Props {
  /** Columns available. */
  readonly width: number;
  /** Lines available; the overlay always renders exactly this many. */
  readonly height: number;
}

/** Key groups: a title, then [keys, what they do]. */
export const KEYS: readonly (readonly [string, readonly (readonly [string, string])[]])[] = [
  [
    'Everywhere',
    [
      ['1 2 3  Tab', 'Findings / Timeline / Events (Shift-Tab: back)'],
      ['/', 'search the events (Enter runs it, Esc cancels)'],
      ['?  q  Ctrl-C', 'this help / quit / quit'],
    ],
  ],
  [
    'Findings',
    [
      ['↑ ↓  j k', 'select (the selected finding is expanded)'],
      ['Enter  e', 'jump to its first evidence line in Events'],
    ],
  ],
  [
    'Timeline',
    [
      ['↑ ↓  j k', 'move between stages and providers'],
      ['← →  [ ]', 'previous / next run'],
      ['Enter', 'show that line in Events'],
    ],
  ],
  [
    'Events',
    [
      ['↑ ↓ PgUp PgDn', 'move; g G (Home End): first / last'],
      ['l', 'level: all → warning+ → error+'],
      ['c  r  p', 'cycle the component / run / pass filter'],
      ['x', 'clear filters and search'],
      ['n  N', 'next / previous search match'],
      ['◆  *', 'evidence of the selected finding / search match'],
    ],
  ],
];

export default function HelpOverlay({ width, height }: Props) {
  const theme = useTheme();
  const keyWidth = 18;
  const lines: Segment[][] = [];
  for (const [title, keys] of KEYS) {
    lines.push([seg(title, { bold: true })]);
    for (const [k, what] of keys) lines.push([seg(`  ${k}`.padEnd(keyWidth), theme.accent), seg(what)]);
  }
  // When the list is taller than the window, the second half moves to a right-hand column.
  const columns = lines.length > height && width >= 100 ? 2 : 1;
  const perColumn = Math.ceil(lines.length / columns);
  const columnWidth = Math.floor(width / columns);
  return (
    <Box flexDirection="row" width={width} height={height}>
      {Array.from({ length: columns }, (_, c) => (
        <Box key={c} flexDirection="column" width={columnWidth} height={height}>
          {lines.slice(c * perColumn, (c + 1) * perColumn).slice(0, height).map((segments, i) => (
            <Line key={i} width={columnWidth} segments={segments} />
          ))}
        </Box>
      ))}
    </Box>
  );
}
