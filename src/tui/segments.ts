// A row of the UI as styled pieces of text, cut to the row's width before rendering.
import { charWidth, displayWidth } from './text.js';
import type { TextStyle } from './theme.js';

/** A piece of one row with its style. Text must already be terminal-safe. */
export interface Segment {
  readonly text: string;
  readonly style?: TextStyle;
}

/** Shorthand for a segment. */
export function seg(text: string, style?: TextStyle): Segment {
  return style === undefined ? { text } : { text, style };
}

/** Total width of a row. */
export function segmentsWidth(segments: readonly Segment[]): number {
  return segments.reduce((n, s) => n + displayWidth(s.text), 0);
}

/**
 * Cuts a row to `width` columns: the segment that crosses the edge ends with `…`, later ones
 * are dropped. With `pad`, the row is filled with spaces to exactly `width` (so an inverse
 * highlight spans the whole row).
 */
export function fitSegments(segments: readonly Segment[], width: number, pad = false): Segment[] {
  const out: Segment[] = [];
  const total = segmentsWidth(segments);
  if (total <= width) {
    out.push(...segments);
    if (pad && total < width) out.push(seg(' '.repeat(width - total)));
    return out;
  }
  let used = 0;
  for (const s of segments) {
    const w = displayWidth(s.text);
    if (used + w <= width - 1) {
      out.push(s);
      used += w;
      continue;
    }
    // This segment crosses the edge: keep what fits before the ellipsis.
    let text = '';
    for (const ch of s.text) {
      const cw = charWidth(ch.codePointAt(0) ?? 0);
      if (used + cw > width - 1) break;
      text += ch;
      used += cw;
    }
    out.push({ ...s, text: `${text}…` });
    used += 1;
    break;
  }
  if (pad && used < width) out.push(seg(' '.repeat(width - used)));
  return out;
}
