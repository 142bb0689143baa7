// Bottom line: the search prompt while typing, a one-shot message, or the keys of the view.
import { terminalSafe } from '../util/terminal-safe.js';
import Line from './Line.js';
import { seg } from './segments.js';
import { displayWidth } from './text.js';
import type { View } from './state.js';
import { useTheme } from './theme.js';

export interface Props {
  /** The active view, for its key hints. */
  readonly view: View;
  /** The search being typed; null when not typing. */
  readonly draft: string | null;
  /** A one-shot message; shown instead of the hints. */
  readonly message: string | null;
  /** True while the help overlay is open. */
  readonly help: boolean;
  /** Columns available. */
  readonly width: number;
}

/** The keys of each view, most useful first; `? help` is always shown, at the end. */
const HINTS: Readonly<Record<View, readonly string[]>> = {
  findings: ['↑↓ jk select', 'Enter jump to evidence', '1 2 3 Tab views', '/ search'],
  timeline: ['↑↓ jk move', '←→ run', 'Enter show line in events', '1 2 3 Tab views'],
  events: ['↑↓ PgUp PgDn', 'l level', 'c comp', 'r run', 'p pass', 'x clear', '/ n N search'],
};
const HELP_HINTS: readonly string[] = ['↑↓ scroll', '? or Esc close help', 'q quit'];

/** As many hints as fit in `width` columns, whole, two spaces apart, then `last`. */
export function hintLine(hints: readonly string[], last: string, width: number): string {
  let line = '';
  for (const hint of hints) {
    const next = line === '' ? hint : `${line}  ${hint}`;
    if (displayWidth(`${next}  ${last}`) > width) break;
    line = next;
  }
  return line === '' ? last : `${line}  ${last}`;
}

export default function StatusBar({ view, draft, message, help, width }: Props) {
  const theme = useTheme();
  if (draft !== null) {
    return (
      <Line
        width={width}
        segments={[seg('/', theme.accent), seg(terminalSafe(draft)), seg('█', theme.accent), seg('  Enter search  Esc cancel', theme.dim)]}
      />
    );
  }
  if (message !== null) return <Line width={width} segments={[seg(terminalSafe(message), theme.pending)]} />;
  const text = help ? hintLine(HELP_HINTS.slice(0, -1), HELP_HINTS[HELP_HINTS.length - 1]!, width) : hintLine(HINTS[view], '? help', width);
  return <Line width={width} segments={[seg(text, theme.dim)]} />;
}
