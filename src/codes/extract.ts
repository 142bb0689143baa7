// Finding the result codes in a message (panther-format.md §3.7). `[gle=...]` is kept apart by the caller.
import type { CodeValue } from '../types.js';
import { parseLogCode } from './normalize.js';

const NUMBER = String.raw`(-?0x-?[0-9a-f]+|-?\d+|[0-9a-f]*[a-f][0-9a-f]*)`;
const FIELDS = new RegExp(
  String.raw`\b(hrResult|hr|dwRetCode|dwRet|returned error code|error code|exit code|Status|status|Result|Error|Err|failed with error|GLE is)` +
    String.raw`\s*(?:=|:)?\s*\[?${NUMBER}\]?(?![\w.])`,
  'gi',
);
/** A bare parenthesized or trailing code: `(0x80310039)`, `: 0x80073cf2.` */
const LOOSE_HEX = /(?<![\w=])(0x[0-9a-f]{1,8})(?![\w])/gi;

export function extractCodes(message: string): CodeValue[] {
  const codes: CodeValue[] = [];
  const seen = new Set<string>();
  for (const m of message.matchAll(FIELDS)) {
    const value = parseLogCode(m[2]!);
    if (value === undefined) continue;
    const field = normalizeField(m[1]!);
    seen.add(m[2]!.toLowerCase());
    codes.push({ field, value, text: m[2]! });
  }
  for (const m of message.matchAll(LOOSE_HEX)) {
    if (seen.has(m[1]!.toLowerCase())) continue;
    const value = parseLogCode(m[1]!);
    if (value === undefined) continue;
    seen.add(m[1]!.toLowerCase());
    codes.push({ field: 'code', value, text: m[1]! });
  }
  return codes;
}

function normalizeField(name: string): string {
  const lower = name.toLowerCase();
  if (lower === 'hrresult') return 'hr';
  if (lower === 'dwretcode') return 'dwRet';
  if (lower === 'dwret') return 'dwRet';
  if (lower === 'returned error code' || lower === 'error code' || lower === 'failed with error' || lower === 'err') return 'error code';
  if (lower === 'gle is') return 'gle';
  return lower;
}
