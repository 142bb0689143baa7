// Log timestamps (`YYYY-MM-DD HH:MM:SS`, local time of the machine that wrote the log, no zone).

const LOG_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/**
 * Milliseconds on a zone-less clock (computed as if UTC, so the result never depends on the zone of
 * the machine rendering the report). Only differences and `formatClock` are meaningful. Null when
 * `ts` is null or not a log timestamp.
 */
export function clockMillis(ts: string | null | undefined): number | null {
  const m = ts ? LOG_TIMESTAMP.exec(ts) : null;
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

/** `HH:MM:SS` of a value from `clockMillis`. */
export function formatClock(millis: number): string {
  return new Date(millis).toISOString().slice(11, 19);
}

/** `YYYY-MM-DDTHH:MM:SS` (ISO 8601 without zone, as the log has none), or null when unknown. */
export function isoLocal(ts: string | null | undefined): string | null {
  return ts && LOG_TIMESTAMP.test(ts) ? ts.replace(' ', 'T') : null;
}
