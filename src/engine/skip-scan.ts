// Whether bytes hold any of many literals (ASCII-case-insensitive), without reading every byte: the
// Wu–Manber multi-pattern search. It looks at the last 3 bytes of a window as long as the shortest
// literal and jumps ahead by as much as no literal can end sooner; only where a literal may end does
// it compare whole literals. On log text it reads about one byte in four to six.

/** Bytes per window key; a literal must be longer than this. */
const KEY_BYTES = 3;
/** Literals shorter than this are not taken (the jump would be too short to pay). */
export const MIN_SKIP_LITERAL = 4;
/** Windows longer than this gain little and would overflow a byte of shift. */
const MAX_WINDOW = 64;
const KEY_BITS = 15;

/**
 * The key of 3 bytes: 5 low bits of each, so ASCII letters fold to their case (and other bytes may
 * share a key with them: a shorter jump or a wasted comparison, never a missed literal).
 */
function keyOf(a: number, b: number, c: number): number {
  return ((a & 31) << 10) | ((b & 31) << 5) | (c & 31);
}

function foldByte(c: number): number {
  return c >= 65 && c <= 90 ? c | 32 : c;
}

/** A literal, and where in it the window it is found by ends. */
interface Candidate {
  readonly bytes: Uint8Array;
  readonly windowEnd: number;
}

export class LiteralSkipScan {
  private constructor(
    /** Window length: the shortest literal's, at most MAX_WINDOW. */
    private readonly window: number,
    /** Per key: how far the window may move when its last 3 bytes have that key. */
    private readonly shift: Uint8Array,
    /** Per key whose shift is 0: the literals whose window ends with it. */
    private readonly candidates: readonly (readonly Candidate[] | undefined)[],
  ) {}

  /** A scan for `literals` (lower-case ASCII); null when one is shorter than MIN_SKIP_LITERAL or not ASCII. */
  static create(literals: readonly string[]): LiteralSkipScan | null {
    if (literals.length === 0) return null;
    if (!literals.every((lit) => lit.length >= MIN_SKIP_LITERAL && /^[\x20-\x7e]*$/.test(lit))) return null;
    const unique = [...new Set(literals.map((lit) => lit.toLowerCase()))];
    const window = Math.min(MAX_WINDOW, ...unique.map((lit) => lit.length));
    const shift = new Uint8Array(1 << KEY_BITS).fill(window - KEY_BYTES + 1);
    const candidates: Candidate[][] = [];
    for (const lit of unique) {
      const bytes = Buffer.from(lit, 'latin1');
      // any window of the literal finds it; the one whose bytes are rarest in text moves fastest
      const windowEnd = rarestWindowEnd(bytes, window);
      for (let end = windowEnd - window + KEY_BYTES; end <= windowEnd; end++) {
        const key = keyOf(bytes[end - 2]!, bytes[end - 1]!, bytes[end]!);
        shift[key] = Math.min(shift[key]!, windowEnd - end);
      }
      const last = keyOf(bytes[windowEnd - 2]!, bytes[windowEnd - 1]!, bytes[windowEnd]!);
      (candidates[last] ??= []).push({ bytes, windowEnd });
    }
    return new LiteralSkipScan(window, shift, candidates);
  }

  /** Whether one of the literals occurs whole within `bytes[from, to)`. */
  test(bytes: Uint8Array, from: number, to: number): boolean {
    const { shift, window } = this;
    let at = from + window - 1;
    while (at < to) {
      const key = ((bytes[at - 2]! & 31) << 10) | ((bytes[at - 1]! & 31) << 5) | (bytes[at]! & 31);
      const jump = shift[key]!;
      if (jump !== 0) {
        at += jump;
        continue;
      }
      if (this.literalEndingWindowAt(bytes, at, from, to, key)) return true;
      at++;
    }
    return false;
  }

  private literalEndingWindowAt(bytes: Uint8Array, at: number, from: number, to: number, key: number): boolean {
    const candidates = this.candidates[key]!;
    for (let c = 0; c < candidates.length; c++) {
      const { bytes: lit, windowEnd } = candidates[c]!;
      const start = at - windowEnd;
      if (start < from || start + lit.length > to) continue;
      let k = 0;
      while (k < lit.length && foldByte(bytes[start + k]!) === lit[k]) k++;
      if (k === lit.length) return true;
    }
    return false;
  }
}

/**
 * Rough frequencies of characters in log text (English words, paths, hex): a window whose keys are
 * rare makes the scan jump further and compare less often.
 */
function charWeight(c: number): number {
  if (c === 32) return 15;
  const i = 'etaoinsrhldcumpfgwybvkxjqz'.indexOf(String.fromCharCode(c));
  if (i !== -1) return 9 - i / 3.5;
  if (c >= 48 && c <= 57) return 3;
  return 1;
}

/** The end (index of its last byte) of the window of `lit` whose keys are rarest, the last one most. */
function rarestWindowEnd(lit: Uint8Array, window: number): number {
  const keyWeight = (end: number): number => charWeight(lit[end - 2]!) * charWeight(lit[end - 1]!) * charWeight(lit[end]!);
  let best = window - 1;
  let bestScore = Infinity;
  for (let windowEnd = window - 1; windowEnd < lit.length; windowEnd++) {
    let score = 8 * keyWeight(windowEnd);
    for (let end = windowEnd - window + KEY_BYTES; end < windowEnd; end++) score += keyWeight(end);
    if (score < bestScore) {
      best = windowEnd;
      bestScore = score;
    }
  }
  return best;
}
