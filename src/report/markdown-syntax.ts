// Markdown primitives that stay inert whatever the log text holds, in GitHub, Azure DevOps and Jira
// renderers alike: escaped text, code spans and fences longer than any backtick run they enclose.
import { safeLine, safeLines } from './safe-text.js';

const HTML_ENTITY: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Log text as inert inline Markdown: HTML-significant characters become entities (no tag or entity
 * can form), Markdown punctuation that could start emphasis, code, links or table cells is
 * backslash-escaped (intra-word underscores excepted, so package names stay readable), and control
 * characters are visible symbols.
 */
export function mdText(s: string): string {
  return safeLine(s)
    .replace(/[&<>]/g, (ch) => HTML_ENTITY[ch]!)
    .replace(/[\\`*[\]|~]/g, '\\$&')
    .replace(/_+/g, (run: string, at: number, text: string) =>
      isWordChar(text[at - 1]) && isWordChar(text[at + run.length]) ? run : run.replace(/_/g, '\\_'),
    );
}

/** An underscore run between two word characters can neither open nor close emphasis (CommonMark). */
function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
}

/**
 * `mdText` for a paragraph of its own: leading white space would make an indented code block, and a
 * leading `#`, `-`, `+`, `=` or `1.` would start a heading, a list or a setext underline.
 */
export function mdParagraph(s: string): string {
  return mdText(s.trimStart())
    .replace(/^[#+=-]/, '\\$&')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** An ATX heading; a trailing `#` run in the text would otherwise be taken as the closing sequence. */
export function mdHeading(level: number, s: string): string {
  return `${'#'.repeat(level)} ${mdText(s).replace(/#+\s*$/, '\\$&')}`;
}

function longestBacktickRun(s: string): number {
  let longest = 0;
  for (const run of s.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

/**
 * A code span around `s`, fenced with more backticks than any run inside it. In a table cell a `|`
 * still splits the row even inside a code span (GFM), so `inTable` escapes it there.
 */
export function mdCode(s: string, inTable = false): string {
  let body = safeLine(s);
  if (body === '') return '` `';
  if (inTable) body = body.replace(/\|/g, '\\|');
  const fence = '`'.repeat(longestBacktickRun(body) + 1);
  // A leading or trailing backtick would merge with the fence; CommonMark strips one padding space.
  const pad = body.startsWith('`') || body.endsWith('`') || (body.startsWith(' ') && body.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** A fenced code block whose fence no line of `body` can close. */
export function mdFence(body: string, info = ''): string {
  const text = safeLines(body);
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(text) + 1));
  return `${fence}${info}\n${text}\n${fence}`;
}

/** `block` indented to sit inside a list item whose content starts at column `width`. */
export function indent(block: string, width: number): string {
  const pad = ' '.repeat(width);
  return block
    .split('\n')
    .map((line) => (line === '' ? line : pad + line))
    .join('\n');
}

/** A GFM table. Cells must already be inline Markdown (`mdText`, `mdCode(…, true)`); empty cells show `—`. */
export function mdTable(header: readonly string[], rows: readonly (readonly string[])[], align?: readonly ('l' | 'r')[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map((c) => (c === '' ? '—' : c)).join(' | ')} |`;
  const rule = header.map((_, i) => (align?.[i] === 'r' ? '---:' : '---'));
  return [line(header), `| ${rule.join(' | ')} |`, ...rows.map(line)].join('\n');
}
