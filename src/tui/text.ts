// Width-aware string helpers for a fixed-size terminal layout: every row is cut to its column
// width here, so nothing ever wraps behind the layout's back.

/** Zero-width code points: combining marks, joiners, variation selectors. */
function isZeroWidth(cp: number): boolean {
  return (
    (cp >= 0x0300 && cp <= 0x036f) ||
    (cp >= 0x1ab0 && cp <= 0x1aff) ||
    (cp >= 0x20d0 && cp <= 0x20ff) ||
    (cp >= 0x200b && cp <= 0x200d) ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0xfe20 && cp <= 0xfe2f) ||
    cp === 0xfeff
  );
}

/** East Asian wide and full-width code points, and the common emoji blocks. */
function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** Terminal columns taken by one code point. */
export function charWidth(cp: number): number {
  if (cp < 0x300) return 1;
  if (isZeroWidth(cp)) return 0;
  return isWide(cp) ? 2 : 1;
}

/** Terminal columns taken by `s` (no control characters expected: pass it through `terminalSafe`). */
export function displayWidth(s: string): number {
  let width = 0;
  for (const ch of s) width += charWidth(ch.codePointAt(0) ?? 0);
  return width;
}

/** `s` cut to at most `width` columns, ending with `…` when something was cut. */
export function truncate(s: string, width: number): string {
  if (width <= 0) return '';
  if (displayWidth(s) <= width) return s;
  let out = '';
  let used = 0;
  for (const ch of s) {
    const w = charWidth(ch.codePointAt(0) ?? 0);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
  }
  return out + '…';
}

/** `s` truncated and padded with spaces to exactly `width` columns. */
export function fit(s: string, width: number, align: 'left' | 'right' = 'left'): string {
  const cut = truncate(s, width);
  const pad = ' '.repeat(Math.max(0, width - displayWidth(cut)));
  return align === 'left' ? cut + pad : pad + cut;
}

/**
 * Word-wraps `s` to `width` columns, breaking words longer than a line. At most `maxLines`
 * lines; when text remains, the last line ends with `…`.
 */
export function wrap(s: string, width: number, maxLines = Infinity): string[] {
  if (width <= 0 || maxLines <= 0) return [];
  const lines: string[] = [];
  let current = '';
  const push = (): void => {
    lines.push(current);
    current = '';
  };
  for (const word of s.split(/\s+/).filter((w) => w.length > 0)) {
    let rest = word;
    // A word that does not fit on a fresh line is cut into line-sized pieces.
    while (displayWidth(rest) > width) {
      if (current !== '') push();
      let piece = '';
      let used = 0;
      for (const ch of rest) {
        const w = charWidth(ch.codePointAt(0) ?? 0);
        if (used + w > width) break;
        piece += ch;
        used += w;
      }
      lines.push(piece);
      rest = rest.slice(piece.length);
    }
    if (rest === '') continue;
    const candidate = current === '' ? rest : `${current} ${rest}`;
    if (displayWidth(candidate) <= width) current = candidate;
    else {
      push();
      current = rest;
    }
  }
  if (current !== '') push();
  if (lines.length <= maxLines) return lines;
  // The next line did not fit beside the last kept one, so joining them always cuts and adds `…`.
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = truncate(`${kept[maxLines - 1]} ${lines[maxLines]}`, width);
  return kept;
}

/** The last path segment, for `\` and `/` separated paths. */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/).filter((p) => p !== '');
  return parts[parts.length - 1] ?? path;
}

/** The segments of a `\` or `/` separated path. */
function segmentsOf(path: string): string[] {
  return path.split(/[\\/]/).filter((p) => p !== '');
}

/**
 * Short display names for a list of paths: the file name, or, where several paths share a file
 * name, each one's path below the folder they have in common (`setuperr.log`,
 * `Rollback/setuperr.log`), so that no two names are alike.
 */
export function shortNames(paths: readonly string[]): string[] {
  const bases = paths.map(baseName);
  return paths.map((path, i) => {
    const base = bases[i]!;
    const same = paths.filter((_, k) => bases[k] === base).map(segmentsOf);
    if (same.length < 2) return base;
    let common = 0;
    while (same.every((p) => common < p.length - 1 && p[common] === same[0]![common])) common++;
    return segmentsOf(path).slice(common).join('/');
  });
}

/** Milliseconds since the epoch for a `YYYY-MM-DD HH:MM:SS` stamp (read as UTC), or null. */
export function parseTimestamp(ts: string | null | undefined): number | null {
  if (ts === null || ts === undefined) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(ts);
  if (m === null) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  return Number.isNaN(ms) ? null : ms;
}

/** A duration for humans: `<1s`, `42s`, `3m05s`, `2h14m`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return '<1s';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
