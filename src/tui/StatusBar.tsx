// Bottom line: the search prompt while typing, a one-shot message, or the keys of the view.
import { terminalSafe } from '../util/terminal-safe.js';
import Line from './Line.js';
import { seg } from './segments.js';
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

const HINTS: Readonly<Record<View, string>> = {
  findings: '↑↓ jk select  Enter jump to evidence  1 2 3 Tab views  / search  ? help',
  timeline: '↑↓ jk move  ←→ run  Enter show line in events  1 2 3 Tab views  ? help',
  events: '↑↓ PgUp PgDn  l level  c comp  r run  p pass  x clear  / n N search  ? help',
};

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
  return <Line width={width} segments={[seg(help ? '? or Esc close help  q quit' : HINTS[view], theme.dim)]} />;
}
