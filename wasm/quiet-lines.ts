// AssemblyScript: the quiet-line scan of src/analyze/quiet-lines.ts (JsQuietScanner, the reference),
// compiled to WebAssembly with SIMD. The same lines are taken, byte for byte; what SIMD adds is
// finding a line's end and a long line's possible joined records 16 bytes at a time, and the skip
// scan runs without bounds checks. Built by `npm run build` (asc) into dist/wasm/quiet-lines.wasm.
//
// Memory, laid out by the host (quiet-lines-wasm.ts) through `configure`:
//   shift table   u8 per 15-bit key: how far the skip scan's window may move
//   keys before   a bit per key (LiteralSkipScan.keysBefore)
//   index         2 u32 per key: its first candidate, how many candidates it has
//   candidates    3 u32 each: literal offset (in the literal bytes), length, window end
//   literals      lower-case literal bytes
//   stamp, first  19 bytes each: the last timestamp taken, the first of the stretch being taken
//   data          the bytes to scan, then 64 zero bytes (nothing past a line reads as a match; a look
//                 one skip ahead stays in memory)

let shiftTable: usize = 0;
let keysBefore: usize = 0;
let candidateIndex: usize = 0;
let candidates: usize = 0;
let literals: usize = 0;
let stamp: usize = 0;
let firstStamp: usize = 0;
let window: usize = 0;

/** How many lines the last `takeLines` took. */
export let taken: i32 = 0;
/** Whether one of them was a SYSPRP record (not reset: the host clears it). */
export let sysprp: i32 = 0;
/** Whether `stamp` changed since the host last cleared this. */
export let stampChanged: i32 = 0;

const STAMP_LENGTH: usize = 19;
const MESSAGE_COLUMN: usize = 50;
const SPACE: u32 = 32;
/** A line at least this long may hold joined records (JOINED_MIN_LENGTH in parsers/panther.ts). */
const JOINED_MIN_LENGTH: usize = 300;

export function configure(shift: usize, before: usize, index: usize, cands: usize, lits: usize, stampAt: usize, firstAt: usize, windowLength: usize): void {
  shiftTable = shift;
  keysBefore = before;
  candidateIndex = index;
  candidates = cands;
  literals = lits;
  stamp = stampAt;
  firstStamp = firstAt;
  window = windowLength;
}

/**
 * Takes quiet lines from `start` on (absolute addresses; `end` is the end of the range), as
 * JsQuietScanner.take does: returns the address just past the last line taken. `firstOfStretch`: no
 * line is pending yet, so the first one taken starts a stretch (its stamp goes to `firstStamp`).
 */
export function takeLines(start: usize, end: usize, longest: usize, firstOfStretch: i32): usize {
  let i = start;
  let n: i32 = 0;
  while (end - i > MESSAGE_COLUMN) {
    if (load<u8>(i + 19) != 44 || load<u8>(i + 20) != 32 || load<u8>(i + 4) != 45 || load<u8>(i + 10) != 32 || load<u8>(i + 13) != 58) break;
    if (load<u8>(i + 42) != 32 || load<u8>(i + 49) != 32 || !quietColumns(i)) break;
    const newStamp = !sameStamp(i);
    if (newStamp && !printable(i, i + STAMP_LENGTH)) break;

    const message = i + MESSAGE_COLUMN;
    const at = lineBreak(message, end);
    if (at == end || at - i > longest) break;
    let next: usize = 0;
    if (load<u8>(at) == 10) next = at + 1;
    else if (at + 1 < end) next = load<u8>(at + 1) == 10 ? at + 2 : at + 1;
    else break;

    if (literalIn(message, at)) break;
    if (at - i >= JOINED_MIN_LENGTH && mayHoldJoinedRecord(i, at)) break;

    if (newStamp) {
      memory.copy(stamp, i, STAMP_LENGTH);
      stampChanged = 1;
    }
    if (n == 0 && firstOfStretch != 0) memory.copy(firstStamp, i, STAMP_LENGTH);
    if (load<u32>(i + 43) == 0x50535953 /* SYSP */ && load<u16>(i + 47) == 0x5052 /* RP */) sysprp = 1;
    n++;
    i = next;
  }
  taken = n;
  return i;
}

/** The first CR or LF in [from, end), or `end`. */
function lineBreak(from: usize, end: usize): usize {
  const lf = i8x16.splat(10);
  const cr = i8x16.splat(13);
  let p = from;
  while (p + 16 <= end) {
    const v = v128.load(p);
    const found = i8x16.bitmask(v128.or(i8x16.eq(v, lf), i8x16.eq(v, cr)));
    if (found != 0) return p + <usize>ctz(found);
    p += 16;
  }
  for (; p < end; p++) {
    const c = load<u8>(p);
    if (c == 10 || c == 13) return p;
  }
  return end;
}

/** Columns 21-48 of an Info record: the level, the message id or blanks, a one-word component. */
function quietColumns(i: usize): bool {
  if (load<u32>(i + 21) != 0x6f666e49 /* Info */ || load<u32>(i + 25) != 0x20202020 || load<u16>(i + 29) != 0x2020 || load<u8>(i + 31) != 32) return false;
  if (load<u8>(i + 32) == 91 /* [ */) {
    if (load<u8>(i + 41) != 93 /* ] */ || !printable(i + 33, i + 41)) return false;
  } else if (load<u32>(i + 32) != 0x20202020 || load<u32>(i + 36) != 0x20202020 || load<u16>(i + 40) != 0x2020) {
    return false;
  }
  let k = i + 43;
  while (k < i + 49 && <u32>load<u8>(k) > SPACE && <u32>load<u8>(k) < 0x7f) k++;
  while (k < i + 49 && <u32>load<u8>(k) == SPACE) k++;
  return k == i + 49;
}

function sameStamp(i: usize): bool {
  return load<u64>(i) == load<u64>(stamp) && load<u64>(i + 8) == load<u64>(stamp + 8) && load<u16>(i + 16) == load<u16>(stamp + 16) && load<u8>(i + 18) == load<u8>(stamp + 18);
}

function printable(from: usize, to: usize): bool {
  for (let k = from; k < to; k++) {
    const c = <u32>load<u8>(k);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

@inline function keyAt(at: usize): u32 {
  return ((<u32>load<u8>(at - 2) & 31) << 10) | ((<u32>load<u8>(at - 1) & 31) << 5) | (<u32>load<u8>(at) & 31);
}

/** LiteralSkipScan.test: whether a literal occurs whole within [from, to). */
function literalIn(from: usize, to: usize): bool {
  // The longest jump (no literal's window holds the key) is the most common one. The key one longest
  // jump ahead is read along with the key here, not after it: two steps for the latency of one. The
  // places looked at are the same as one step at a time.
  const far = window - 2;
  let at = from + window - 1;
  while (at < to) {
    let key = keyAt(at);
    let jump = <usize>load<u8>(shiftTable + <usize>key);
    const aheadKey = keyAt(at + far);
    const aheadJump = <usize>load<u8>(shiftTable + <usize>aheadKey);
    if (jump == far) {
      at += far;
      if (at >= to) break;
      key = aheadKey;
      jump = aheadJump;
    }
    if (jump != 0) {
      at += jump;
      continue;
    }
    const b = at - 3;
    if (b - 2 >= from) {
      const before = keyAt(b);
      if (((load<u32>(keysBefore + (<usize>(before >> 5) << 2)) >> (before & 31)) & 1) == 0) {
        at++;
        continue;
      }
    }
    if (candidateAt(at, from, to, key)) return true;
    at++;
  }
  return false;
}

@inline function fold(c: u32): u32 {
  return c >= 65 && c <= 90 ? c | 32 : c;
}

/** Whether a literal whose window ends with `key` ends its window at `at`, inside [from, to). */
function candidateAt(at: usize, from: usize, to: usize, key: u32): bool {
  const index = candidateIndex + (<usize>key << 3);
  let entry = candidates + <usize>load<u32>(index) * 12;
  const last = entry + <usize>load<u32>(index, 4) * 12;
  for (; entry < last; entry += 12) {
    const literal = literals + <usize>load<u32>(entry);
    const length = <usize>load<u32>(entry, 4);
    const windowEnd = <usize>load<u32>(entry, 8);
    if (at < from + windowEnd) continue;
    const start = at - windowEnd;
    if (start + length > to) continue;
    let k: usize = 0;
    while (k < length && fold(<u32>load<u8>(start + k)) == <u32>load<u8>(literal + k)) k++;
    if (k == length) return true;
  }
  return false;
}

/**
 * Whether a long line may hold a second record (quiet-lines.ts, mayHoldJoinedRecord): a `dd:dd:dd`
 * time, or a level word after a space and followed by a space, after the level column.
 */
function mayHoldJoinedRecord(lineStart: usize, lineEnd: usize): bool {
  if (!digit(lineStart + 11) || !digit(lineStart + 12) || !digit(lineStart + 14) || !digit(lineStart + 15) || !digit(lineStart + 17) || !digit(lineStart + 18)) return true;
  if (load<u8>(lineStart + 16) != 58) return true;
  const space = i8x16.splat(32);
  const tab = i8x16.splat(9);
  const colon = i8x16.splat(58);
  let k = lineStart + 32;
  while (k + 16 <= lineEnd) {
    const v = v128.load(k);
    const before = v128.load(k - 1);
    // the first letters of Fatal Error, Error, Warning, Info, Verbose, Debug
    const letters = v128.or(
      v128.or(v128.or(i8x16.eq(v, i8x16.splat(70)), i8x16.eq(v, i8x16.splat(69))), v128.or(i8x16.eq(v, i8x16.splat(87)), i8x16.eq(v, i8x16.splat(73)))),
      v128.or(i8x16.eq(v, i8x16.splat(86)), i8x16.eq(v, i8x16.splat(68))),
    );
    let found = i8x16.bitmask(v128.or(v128.or(i8x16.eq(v, tab), i8x16.eq(v, colon)), v128.and(letters, i8x16.eq(before, space))));
    while (found != 0) {
      if (joinedRecordAt(k + <usize>ctz(found))) return true;
      found &= found - 1;
    }
    k += 16;
  }
  for (; k < lineEnd; k++) if (joinedRecordAt(k)) return true;
  return false;
}

@inline function digit(at: usize): bool {
  const c = <u32>load<u8>(at);
  return c >= 48 && c <= 57;
}

/** quiet-lines.ts, joinedRecordAt. */
function joinedRecordAt(k: usize): bool {
  const c = <u32>load<u8>(k);
  if (c == 9) return true;
  if (c == 58) return load<u8>(k + 3) == 58;
  if (<u32>load<u8>(k - 1) != SPACE) return false;
  if (c == 73) return is(k, 'Info');
  if (c == 69) return is(k, 'Error');
  if (c == 87) return is(k, 'Warning');
  if (c == 86) return is(k, 'Verbose');
  if (c == 68) return is(k, 'Debug');
  if (c == 70) return is(k, 'Fatal Error');
  return false;
}

/** Whether `word` (ASCII) and a space follow at `at`. */
@inline function is(at: usize, word: string): bool {
  const length = <usize>word.length;
  for (let k: usize = 0; k < length; k++) if (<u32>load<u8>(at + k) != <u32>word.charCodeAt(<i32>k)) return false;
  return <u32>load<u8>(at + length) == SPACE;
}

/** Where the module's own static data ends: the host lays its tables out from here. */
export function heapBase(): usize {
  return __heap_base;
}
