// Which of many literals (ASCII-case-insensitive) occur in a text, without reading every character:
// the Wu–Manber multi-pattern search. It looks at the last 3 characters of a window as long as the
// shortest literal and jumps ahead by as much as no literal can end sooner; only where a literal may
// end does it compare whole literals. On log text it reads about one character in five or six.
// Literals come in groups (say, one per rule): the answer is exact, the groups one of whose literals
// occurs. Over bytes (the quiet lines, before decoding) or over a string (an event's message).

/** Characters per window key; a literal must be longer than this. */
const KEY_CHARS = 3;
/** Literals shorter than this are not taken (the jump would be too short to pay). */
export const MIN_SKIP_LITERAL = 4;
/** Windows longer than this gain little and would overflow a byte of shift. */
const MAX_WINDOW = 64;
const KEY_BITS = 15;
/** How far back from a window's end the second key ends (`keysBefore`). */
const BEFORE = 3;

/**
 * The key of 3 characters: 5 low bits of each, so ASCII letters fold to their case (and other
 * characters may share a key with them: a shorter jump or a wasted comparison, never a missed literal).
 */
function keyOf(a: number, b: number, c: number): number {
  return ((a & 31) << 10) | ((b & 31) << 5) | (c & 31);
}

/** ASCII upper-case letters to lower case; anything else as it is (so never equal to an ASCII literal's character unless it is one). */
function fold(c: number): number {
  return c >= 65 && c <= 90 ? c | 32 : c;
}

/** A literal, where in it the window it is found by ends, and its group. */
export interface Candidate {
  readonly chars: Uint8Array;
  readonly windowEnd: number;
  readonly group: number;
}

export interface SkipScanTables {
  readonly window: number;
  readonly shift: Uint8Array;
  readonly keysBefore: Uint32Array;
  readonly candidates: readonly (readonly Candidate[] | undefined)[];
}

export class LiteralSkipScan {
  /** Words of a group set: group g is bit g % 32 of word g >> 5. */
  readonly words: number;

  private constructor(
    /** Window length: the shortest literal's, at most MAX_WINDOW. */
    private readonly window: number,
    /** Per key: how far the window may move when its last 3 characters have that key. */
    private readonly shift: Uint8Array,
    /** Per key whose shift is 0: the literals whose window ends with it. */
    private readonly candidates: readonly (readonly Candidate[] | undefined)[],
    /**
     * A bit per key: set for the key of the 3 characters before a literal's window end key (BEFORE
     * characters back). Where the window's key has shift 0, the key before it rules out most places
     * no literal ends at, without comparing any literal.
     */
    private readonly keysBefore: Uint32Array,
    readonly groups: number,
  ) {
    this.words = Math.max(1, Math.ceil(groups / 32));
  }

  /**
   * A scan for groups of literals (lower-case ASCII); null when there are none, or one is shorter than
   * MIN_SKIP_LITERAL or not printable ASCII. `keyCounts` (from `countKeys` over a sample of the text to
   * scan) tells which windows of a literal are rarest; without it, rough English letter frequencies do.
   */
  static create(groups: readonly (readonly string[])[], keyCounts?: Uint32Array): LiteralSkipScan | null {
    const all = groups.flat();
    if (all.length === 0 || !all.every(scannable)) return null;
    const window = Math.min(MAX_WINDOW, ...all.map((lit) => lit.length));
    const shift = new Uint8Array(1 << KEY_BITS).fill(window - KEY_CHARS + 1);
    const candidates: Candidate[][] = [];
    const keysBefore = new Uint32Array((1 << KEY_BITS) >> 5);
    // a window too short to hold the key before its last: any key before passes
    if (window < BEFORE + KEY_CHARS) keysBefore.fill(0xffffffff);
    groups.forEach((literals, group) => {
      for (const lit of new Set(literals.map((l) => l.toLowerCase()))) {
        const chars = Buffer.from(lit, 'latin1');
        // any window of the literal finds it; the one whose characters are rarest in text moves fastest
        const windowEnd = rarestWindowEnd(chars, window, keyCounts);
        for (let end = windowEnd - window + KEY_CHARS; end <= windowEnd; end++) {
          const key = keyOf(chars[end - 2]!, chars[end - 1]!, chars[end]!);
          shift[key] = Math.min(shift[key]!, windowEnd - end);
        }
        const last = keyOf(chars[windowEnd - 2]!, chars[windowEnd - 1]!, chars[windowEnd]!);
        (candidates[last] ??= []).push({ chars, windowEnd, group });
        if (windowEnd >= BEFORE + KEY_CHARS - 1) {
          const before = keyOf(chars[windowEnd - BEFORE - 2]!, chars[windowEnd - BEFORE - 1]!, chars[windowEnd - BEFORE]!);
          keysBefore[before >> 5]! |= 1 << (before & 31);
        }
      }
    });
    return new LiteralSkipScan(window, shift, candidates, keysBefore, groups.length);
  }

  /** The scan's tables, for a scan of the same literals written in another language (wasm/quiet-lines.ts). */
  tables(): SkipScanTables {
    return { window: this.window, shift: this.shift, keysBefore: this.keysBefore, candidates: this.candidates };
  }

  /** A group set to pass to `groupsIn`. */
  newGroupSet(): Uint32Array {
    return new Uint32Array(this.words);
  }

  /** Whether any literal occurs whole within `bytes[from, to)`. */
  test(bytes: Uint8Array, from: number, to: number): boolean {
    const { shift, window, keysBefore } = this;
    let at = from + window - 1;
    while (at < to) {
      const key = ((bytes[at - 2]! & 31) << 10) | ((bytes[at - 1]! & 31) << 5) | (bytes[at]! & 31);
      const jump = shift[key]!;
      if (jump !== 0) {
        at += jump;
        continue;
      }
      const b = at - BEFORE;
      const before = b - 2 < from ? -1 : ((bytes[b - 2]! & 31) << 10) | ((bytes[b - 1]! & 31) << 5) | (bytes[b]! & 31);
      if ((before === -1 || ((keysBefore[before >> 5]! >>> (before & 31)) & 1) !== 0) && this.literalInBytes(bytes, at, from, to, key)) return true;
      at++;
    }
    return false;
  }

  /** Sets in `found` (cleared first) the groups one of whose literals occurs in `text`; returns it. */
  groupsIn(text: string, found: Uint32Array): Uint32Array {
    found.fill(0);
    const { shift, window } = this;
    const to = text.length;
    let at = window - 1;
    while (at < to) {
      const key = ((text.charCodeAt(at - 2) & 31) << 10) | ((text.charCodeAt(at - 1) & 31) << 5) | (text.charCodeAt(at) & 31);
      const jump = shift[key]!;
      if (jump !== 0) {
        at += jump;
        continue;
      }
      this.literalsInText(text, at, found, key);
      at++;
    }
    return found;
  }

  private literalInBytes(bytes: Uint8Array, at: number, from: number, to: number, key: number): boolean {
    const candidates = this.candidates[key]!;
    for (let c = 0; c < candidates.length; c++) {
      const { chars, windowEnd } = candidates[c]!;
      const start = at - windowEnd;
      if (start < from || start + chars.length > to) continue;
      let k = 0;
      while (k < chars.length && fold(bytes[start + k]!) === chars[k]) k++;
      if (k === chars.length) return true;
    }
    return false;
  }

  private literalsInText(text: string, at: number, found: Uint32Array, key: number): void {
    const candidates = this.candidates[key]!;
    for (let c = 0; c < candidates.length; c++) {
      const { chars, windowEnd, group } = candidates[c]!;
      const start = at - windowEnd;
      if (start < 0 || start + chars.length > text.length) continue;
      let k = 0;
      while (k < chars.length && fold(text.charCodeAt(start + k)) === chars[k]) k++;
      if (k === chars.length) found[group >> 5]! |= 1 << (group & 31);
    }
  }
}

/** Whether a literal can be looked for: printable ASCII, at least MIN_SKIP_LITERAL long. */
export function scannable(literal: string): boolean {
  return literal.length >= MIN_SKIP_LITERAL && /^[\x20-\x7e]*$/.test(literal);
}

/** Whether group `g` is in a group set. */
export function hasGroup(found: ArrayLike<number>, g: number): boolean {
  return ((found[g >> 5]! >>> (g & 31)) & 1) !== 0;
}

/** Rough weights of characters in log text (English words, paths, hex). */
const CHAR_WEIGHT = new Float64Array(128).fill(1);
CHAR_WEIGHT[32] = 15;
[...'etaoinsrhldcumpfgwybvkxjqz'].forEach((c, i) => (CHAR_WEIGHT[c.charCodeAt(0)] = 9 - i / 3.5));
for (let d = 48; d <= 57; d++) CHAR_WEIGHT[d] = 3;

/** Adds the keys of `bytes[from, to)` to `counts` (1 << 15 of them), to choose windows by (`create`). */
export function countKeys(bytes: Uint8Array, from: number, to: number, counts: Uint32Array): void {
  let key = 0;
  for (let at = from; at < to; at++) {
    key = ((key << 5) | (bytes[at]! & 31)) & KEY_MASK;
    if (at - from >= KEY_CHARS - 1) counts[key]!++;
  }
}

const KEY_MASK = (1 << KEY_BITS) - 1;

/**
 * The end (index of its last character) of the window of `lit` whose keys are rarest, the last one
 * most: the scan then jumps further and compares less often. By `keyCounts` when given (how often
 * each key occurs in a sample of the text), else by rough character frequencies.
 */
function rarestWindowEnd(lit: Uint8Array, window: number, keyCounts?: Uint32Array): number {
  const keyWeight = keyCounts
    ? (end: number): number => keyCounts[keyOf(lit[end - 2]!, lit[end - 1]!, lit[end]!)]!
    : (end: number): number => CHAR_WEIGHT[lit[end - 2]!]! * CHAR_WEIGHT[lit[end - 1]!]! * CHAR_WEIGHT[lit[end]!]!;
  let best = window - 1;
  let bestScore = Infinity;
  for (let windowEnd = window - 1; windowEnd < lit.length; windowEnd++) {
    let score = 8 * keyWeight(windowEnd);
    for (let end = windowEnd - window + KEY_CHARS; end < windowEnd; end++) score += keyWeight(end);
    if (score < bestScore) {
      best = windowEnd;
      bestScore = score;
    }
  }
  return best;
}
