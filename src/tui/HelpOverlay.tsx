// The key list, shown instead of the current view while `?` is on; it scrolls when the window
// is too short for it.
import { Box } from 'ink';
import Line from './Line.js';
import { seg, type Segment } from './segments.js';
import { useTheme } from './theme.js';

export interface Props {
  /** Columns available. */
  readonly width: number;
  /** Lines available; the overlay always renders exactly this many. */
  readonly height: number;
  /** First line shown when the list does not fit (clamped); 0 by default. */
  readonly top?: number;
}

/** Key groups: a title, then [keys, what they do]. Every key the views read is here. */
export const KEYS: readonly (readonly [string, readonly (readonly [string, string])[]])[] = [
  [
    'Everywhere',
    [
      ['1 2 3  Tab', 'Findings / Timeline / Events (Shift-Tab: back)'],
      ['/  n N', 'search the events; next / previous match'],
      ['?  q  Ctrl-C', 'this help / quit / quit'],
    ],
  ],
  [
    'Findings',
    [
      ['↑ ↓  j k', 'select (expanded); g G: first / last'],
      ['Enter  e', 'jump to its first evidence line in Events'],
    ],
  ],
  [
    'Timeline',
    [
      ['↑ ↓  j k', 'move between stages and providers; g G'],
      ['← →  [ ]', 'previous / next run'],
      ['Enter', 'show that line in Events'],
    ],
  ],
  [
    'Events',
    [
      ['↑ ↓  j k', 'move; PgUp PgDn (b Space): by page'],
      ['g G  Home End', 'first / last'],
      ['l', 'level: all → warning+ → error+'],
      ['c  r  p', 'cycle the component / run / pass filter'],
      ['x  Esc', 'clear filters and search / the search only'],
      ['◆  *', 'evidence of the selected finding / search match'],
    ],
  ],
];

const KEY_WIDTH = 18;

/** The overlay's lines, one column. */
function helpLines(theme: ReturnType<typeof useTheme>): Segment[][] {
  const lines: Segment[][] = [];
  for (const [title, keys] of KEYS) {
    lines.push([seg(title, { bold: true })]);
    for (const [k, what] of keys) lines.push([seg(`  ${k}`.padEnd(KEY_WIDTH), theme.accent), seg(what)]);
  }
  return lines;
}

/** Number of lines of the key list in one column. */
export const HELP_LINES = KEYS.reduce((n, [, keys]) => n + 1 + keys.length, 0);

/** The largest useful `top` for a window of `height` lines and `width` columns. */
export function maxHelpTop(width: number, height: number): number {
  if (twoColumns(width, height)) return 0;
  return HELP_LINES <= height ? 0 : HELP_LINES - (height - 1);
}

function twoColumns(width: number, height: number): boolean {
  return HELP_LINES > height && width >= 100 && Math.ceil(HELP_LINES / 2) <= height;
}

export default function HelpOverlay({ width, height, top = 0 }: Props) {
  const theme = useTheme();
  const lines = helpLines(theme);
  if (twoColumns(width, height)) {
    // Short and wide: the second half moves to a right-hand column.
    const perColumn = Math.ceil(lines.length / 2);
    const columnWidth = Math.floor(width / 2);
    return (
      <Box flexDirection="row" width={width} height={height}>
        {[0, 1].map((c) => (
          <Box key={c} flexDirection="column" width={columnWidth} height={height}>
            {lines.slice(c * perColumn, (c + 1) * perColumn).map((segments, i) => (
              <Line key={i} width={columnWidth} segments={segments} />
            ))}
          </Box>
        ))}
      </Box>
    );
  }
  let shown = lines;
  if (lines.length > height) {
    // Too short: a window on the list, its last line saying what is hidden and how to see it.
    const start = Math.max(0, Math.min(top, maxHelpTop(width, height)));
    const room = Math.max(0, height - 1);
    const below = lines.length - start - room;
    shown = [
      ...lines.slice(start, start + room),
      [seg(below > 0 ? `  ↓ ${below} more (↑ ↓ j k scroll)` : `  ↑ ${start} above (↑ ↓ j k scroll)`, theme.dim)],
    ];
  }
  return (
    <Box flexDirection="column" width={width} height={height}>
      {shown.map((segments, i) => (
        <Line key={i} width={width} segments={segments} />
      ))}
    </Box>
  );
}
