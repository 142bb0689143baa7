/**
 * A copy of `s` that shares no memory with the string it was cut from: V8 keeps a substring of 13 or
 * more characters as a view that pins its whole parent (perf-baseline.md §5).
 */
export function detach(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'utf8').toString('utf8');
}
