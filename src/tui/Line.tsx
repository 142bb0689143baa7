// One row of the UI: styled segments cut to the row width, never wrapped.
import { Text } from 'ink';
import { fitSegments, type Segment } from './segments.js';
import type { TextStyle } from './theme.js';

export interface Props {
  /** The row's pieces, already terminal-safe. */
  readonly segments: readonly Segment[];
  /** Columns available; the row is cut (with `…`) and padded to exactly this width. */
  readonly width: number;
  /** A style for the whole row (the current row's highlight). */
  readonly style?: TextStyle;
}

export default function Line({ segments, width, style = {} }: Props) {
  const fitted = fitSegments(segments, width, true);
  return (
    <Text wrap="truncate-end" {...style}>
      {fitted.map((s, i) => (
        <Text key={i} {...(s.style ?? {})}>
          {s.text}
        </Text>
      ))}
    </Text>
  );
}
