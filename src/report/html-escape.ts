// HTML and SVG text escaping for log-derived strings: control characters become visible symbols
// first, then the five characters that could open markup or end an attribute become entities.
import { safeLine, safeLines } from './safe-text.js';

const ENTITY: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function entities(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ENTITY[ch]!);
}

/** One line of text, safe in element content and in quoted attribute values. */
export function esc(s: string): string {
  return entities(safeLine(s));
}

/** Several lines (for `<pre>`), line breaks kept. */
export function escLines(s: string): string {
  return entities(safeLines(s));
}
