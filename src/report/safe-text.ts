// Log text made safe to show in a report: no control character leaves this module raw.
// The per-character policy (visible pictures for C0, DEL, C1 and bidi controls) is terminalSafe's;
// this module adds the two shapes reports need: one line, or several lines kept apart.
import { terminalSafe } from '../util/terminal-safe.js';

/** One line: line breaks and every other control character become visible symbols (`␊`, `␛`). */
export { terminalSafe as safeLine };

/** Several lines (a command, an evidence block): line breaks are kept, everything else as `safeLine`. */
export function safeLines(s: string): string {
  return s.split(/\r\n|\n/).map(terminalSafe).join('\n');
}

/**
 * `s` cut to `max` UTF-16 units with a note of the full length, so a huge value (a 10,000-character
 * culprit) cannot swamp a ticket. The full value stays in the JSON report.
 */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max;
  const last = s.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--; // do not split a surrogate pair
  return `${s.slice(0, end)}… (${s.length.toLocaleString('en-US')} characters, cut)`;
}
