// Neutralizes the characters of log text that could drive a terminal: escape sequences (CSI,
// OSC 8 hyperlinks, screen clears), other C0/C1 controls, DEL and bidi overrides (Trojan Source).
// Each such character becomes one visible placeholder, so the text keeps its length and shows
// that something was there.

/** Anything a terminal could interpret. Tab is included and expanded to spaces. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const UNSAFE_GLOBAL = new RegExp(UNSAFE.source, 'g');

/** Tab stops are not tracked; a tab becomes this many spaces. */
const TAB = '    ';

function placeholder(ch: string): string {
  const code = ch.charCodeAt(0);
  if (ch === '\t') return TAB;
  // C0 controls have a visible picture in the Control Pictures block (U+2400..U+241F): ␛ ␇ ␍ ␊.
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421'; // ␡
  // C1 controls (including the 8-bit CSI U+009B and OSC U+009D), bidi controls, line separators.
  return '\ufffd';
}

/**
 * Returns `s` with every control character replaced by a visible placeholder: C0 controls
 * (U+0000–U+001F, ESC shown as `␛`, tab expanded to spaces), DEL (`␡`), C1 controls
 * (U+0080–U+009F), the bidi embeddings/overrides/isolates (U+202A–U+202E, U+2066–U+2069),
 * the bidi marks (U+200E, U+200F, U+061C) and the Unicode line/paragraph separators
 * (U+2028, U+2029), the last five as `\uFFFD`. Clean input is returned unchanged (same string).
 */
export function terminalSafe(s: string): string {
  if (!UNSAFE.test(s)) return s;
  return s.replace(UNSAFE_GLOBAL, placeholder);
}
