// Top of the screen: the tool, the inputs, the runs, the verdict badge and the summary sentence.
import { Box } from 'ink';
import type { Report } from '../types.js';
import { terminalSafe } from '../util/terminal-safe.js';
import { badgeText } from './layout.js';
import Line from './Line.js';
import { fitSegments, seg, segmentsWidth, type Segment } from './segments.js';
import { shortNames } from './text.js';
import { useTheme } from './theme.js';

export interface Props {
  /** The report whose sources, runs, verdict and summary are shown. */
  readonly report: Report;
  /** Columns available. */
  readonly width: number;
  /** The summary sentence already wrapped beside the badge (see `computeLayout`). */
  readonly summary: readonly string[];
  /** Live mode: show the "● following" indicator. */
  readonly following?: boolean;
  /** Paths being watched, shown while no source has been read yet. */
  readonly watching?: readonly string[];
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export default function Header({ report, width, summary, following = false, watching = [] }: Props) {
  const theme = useTheme();
  const sep = seg(' │ ', theme.dim);
  const names = shortNames(report.sources.map((s) => s.path)).map(terminalSafe);
  const inputs: Segment =
    report.sources.length === 0 && watching.length > 0
      ? seg(`watching ${shortNames(watching).map(terminalSafe).join(', ')}`)
      : seg(`${plural(report.sources.length, 'source')}${names.length > 0 ? `: ${names.join(', ')}` : ''}`);
  const left: Segment[] = [
    seg('sysprep-doctor', theme.accent),
    seg(` ${terminalSafe(report.tool.version)}`, theme.dim),
    sep,
    seg(plural(report.runs.length, 'run')),
    ...(report.problems.length > 0 ? [sep, seg(`${report.problems.length} unreadable`, theme.failure)] : []),
    ...(report.redacted ? [sep, seg('redacted', theme.dim)] : []),
    sep,
    inputs,
  ];
  const right: Segment[] = following ? [seg('● following', theme.success)] : [];
  const rightWidth = segmentsWidth(right);
  const leftFitted = fitSegments(left, Math.max(0, width - rightWidth - (rightWidth > 0 ? 1 : 0)), true);
  const badge = badgeText(report.verdict);
  const indent = ' '.repeat(badge.length + 1);
  return (
    <Box flexDirection="column" width={width}>
      <Line width={width} segments={[...leftFitted, ...(rightWidth > 0 ? [seg(' '), ...right] : [])]} />
      {summary.map((line, i) => (
        <Line
          key={i}
          width={width}
          segments={i === 0 ? [seg(badge, theme.verdict(report.verdict)), seg(` ${line}`, { bold: true })] : [seg(indent + line)]}
        />
      ))}
    </Box>
  );
}
