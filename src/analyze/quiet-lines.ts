// The lines nothing reads — fixed-column Info records whose message holds no marker keyword and no
// literal of an Info rule, most of any log — taken as bytes by the decoder and only counted: no
// string, no event, no rule. Exactly the lines for which the event path would change nothing but
// counts, the run's last line and timestamp, and (for a run not yet known to be sysprep's) whether
// a SYSPRP record was seen. Anything else is left to the event path.
import type { ByteLineFilter } from '../decode/line-decoder.js';
import { countKeys, LiteralSkipScan } from '../engine/skip-scan.js';
import { JOINED_MIN_LENGTH } from '../../parsers/panther.js';
import { WasmQuietScanner } from './quiet-lines-wasm.js';

/**
 * Lines at the head of a file are never quiet: a file's role is read from its head's records
 * (roles.ts), and whether a line is quiet must depend on the bytes alone, so that a worker thread can
 * sift a file with the same result (sift-worker.ts).
 */
export const HEAD_LINES = 4096;
const MESSAGE_COLUMN = 50;
const STAMP_LENGTH = 19;
const SYSPRP = Buffer.from('SYSPRP', 'latin1');
const SPACE = 32;
const LF = 10;
const CR = 13;

/** Per set of literal groups, the scan adapted to the text of the log being read (`sample`). */
const adaptedScans = new WeakMap<readonly (readonly string[] | null)[], LiteralSkipScan>();
/** How much text the skip scan's windows are chosen on. */
const SAMPLE_BYTES = 256 * 1024;

/** Consecutive quiet lines, as handed to the analyzer. */
export interface QuietStretch {
  readonly count: number;
  readonly lastLine: number;
  readonly firstStamp: string;
  readonly lastStamp: string;
  /** Whether one of them is a SYSPRP record. */
  readonly sysprp: boolean;
}

/**
 * What takes quiet lines off the start of a range of bytes: `JsQuietScanner` below, the reference, or
 * the same scan compiled to WebAssembly (quiet-lines-wasm.ts), about twice as fast.
 */
export interface QuietScanner {
  /** How many lines the last `take` took. */
  readonly taken: number;
  /** Uses the tables of `scan` from now on. */
  load(scan: LiteralSkipScan): void;
  /**
   * Takes quiet lines from `start` (see `takeLines`); returns the offset past the last one taken.
   * `firstOfStretch`: none is pending, so the first taken begins a stretch (`firstStamp`).
   */
  take(b: Buffer, start: number, end: number, longest: number, firstOfStretch: boolean): number;
  /** Whether a line taken since the last call is a SYSPRP record. */
  takeSysprp(): boolean;
  /** The timestamp of the last line taken, and of the first line of the current stretch. */
  lastStamp(): string;
  firstStamp(): string;
}

/** The fastest scanner there is: WebAssembly unless it cannot load or SYSPREP_DOCTOR_WASM=0. */
export function newQuietScanner(): QuietScanner {
  return (process.env.SYSPREP_DOCTOR_WASM !== '0' && WasmQuietScanner.create()) || new JsQuietScanner();
}

export class QuietLines implements ByteLineFilter {
  taken = 0;

  /** Lines taken since they were last collected. */
  pending = 0;
  private pendingSysprp = false;
  private readonly longest: number;
  /** Key counts of the text seen so far, until the scan is adapted to them (`sample`). */
  private keyCounts: Uint32Array | null;
  private sampled = 0;

  /**
   * Quiet lines for the literal groups of the Info gate (marker keywords, each Info rule's literals);
   * none when a group has no literals or one too short to look for (then every line is an event).
   * `made`: the scan of these groups the caller has already made (without key counts), to start with.
   */
  static forGroups(
    groups: readonly (readonly string[] | null)[],
    maxLineChars: number,
    pastHead = false,
    scanner = newQuietScanner(),
    made?: LiteralSkipScan | null,
  ): QuietLines | undefined {
    if (!groups.every((literals) => literals !== null && literals.length > 0)) return undefined;
    const literals = groups as readonly (readonly string[])[];
    const scan = adaptedScans.get(groups) ?? made ?? LiteralSkipScan.create(literals);
    return scan ? new QuietLines(scan, literals, maxLineChars, pastHead, scanner) : undefined;
  }

  /** `pastHead`: the lines come from past the file's first HEAD_LINES (a worker's later part of a file). */
  private constructor(
    scan: LiteralSkipScan,
    private readonly groups: readonly (readonly string[])[],
    maxLineChars: number,
    private readonly pastHead: boolean,
    private readonly scanner: QuietScanner,
  ) {
    this.keyCounts = adaptedScans.has(groups) ? null : new Uint32Array(1 << 15);
    // bytes ≥ characters, so a line of at most `maxLineChars` bytes is never cut
    this.longest = maxLineChars;
    scanner.load(scan);
  }

  /**
   * The first SAMPLE_BYTES the filter is shown, read for how often each key of the skip scan occurs:
   * the scan is then made again with the windows that are rarest in this very log (and kept for the
   * same literal groups: a worker's later parts start with it). Any windows find the same lines.
   */
  private sample(b: Buffer, start: number, end: number): void {
    const to = Math.min(end, start + SAMPLE_BYTES - this.sampled);
    countKeys(b, start, to, this.keyCounts!);
    this.sampled += to - start;
    if (this.sampled < SAMPLE_BYTES) return;
    const adapted = LiteralSkipScan.create(this.groups, this.keyCounts!);
    if (adapted) {
      adaptedScans.set(this.groups, adapted);
      this.scanner.load(adapted);
    }
    this.keyCounts = null;
  }

  /** The timestamp of the last line taken. */
  lastStamp(): string {
    return this.scanner.lastStamp();
  }

  /** The pending lines as a stretch ending at `lastLine`; they are no longer pending. */
  collect(lastLine: number): QuietStretch {
    const stretch = { count: this.pending, lastLine, firstStamp: this.scanner.firstStamp(), lastStamp: this.lastStamp(), sysprp: this.pendingSysprp };
    this.pending = 0;
    this.pendingSysprp = false;
    return stretch;
  }

  takeLines(b: Buffer, start: number, end: number, linesBefore: number): number {
    this.taken = 0;
    if (this.keyCounts !== null) this.sample(b, start, end);
    if (linesBefore < HEAD_LINES && !this.pastHead) return start;
    const next = this.scanner.take(b, start, end, this.longest, this.pending === 0);
    this.taken = this.scanner.taken;
    this.pending += this.taken;
    if (this.scanner.takeSysprp()) this.pendingSysprp = true;
    return next;
  }
}

/** The quiet-line scan in TypeScript: the reference the WebAssembly scan is held to. */
export class JsQuietScanner implements QuietScanner {
  taken = 0;
  private scan: LiteralSkipScan | undefined;
  private sysprp = false;
  /** The last timestamp taken, as bytes; `stampText` is its string once asked for. */
  private readonly stamp = new DataView(new ArrayBuffer(STAMP_LENGTH));
  private stampText = '';
  private stampChanged = false;
  private firstStampText = '';
  /** The bytes `take` last read, and a view of them that reads several at once. */
  private viewed: Buffer | undefined;
  private view: DataView = new DataView(new ArrayBuffer(0));

  load(scan: LiteralSkipScan): void {
    this.scan = scan;
  }

  lastStamp(): string {
    if (this.stampChanged) {
      this.stampText = Buffer.from(this.stamp.buffer, 0, STAMP_LENGTH).toString('latin1');
      this.stampChanged = false;
    }
    return this.stampText;
  }

  firstStamp(): string {
    return this.firstStampText;
  }

  takeSysprp(): boolean {
    const seen = this.sysprp;
    this.sysprp = false;
    return seen;
  }

  take(b: Buffer, start: number, end: number, longest: number, firstOfStretch: boolean): number {
    const scan = this.scan!;
    const stamp = this.stamp;
    if (this.viewed !== b) {
      this.view = new DataView(b.buffer, b.byteOffset, b.byteLength);
      this.viewed = b;
    }
    const view = this.view;
    let i = start;
    let taken = 0;
    // the next LF and CR at or after the line's message (-1: none before `end`), searched natively
    let lf = -2;
    let cr = -2;
    while (end - i > MESSAGE_COLUMN) {
      // the header, as `readFixedColumns` reads an Info record, in printable ASCII (so bytes are columns)
      if (b[i + 19] !== 44 /* , */ || b[i + 20] !== SPACE || b[i + 4] !== 45 /* - */ || b[i + 10] !== SPACE || b[i + 13] !== 58 /* : */) break;
      if (b[i + 42] !== SPACE || b[i + 49] !== SPACE || !quietColumns(b, view, i)) break;
      const newStamp = !sameStamp(view, i, stamp);
      if (newStamp && !printable(b, i, i + STAMP_LENGTH)) break;

      // the line break: the first LF or CR after the header
      const message = i + MESSAGE_COLUMN;
      if (lf !== -1 && lf < message) lf = nextByte(b, LF, message, end);
      if (cr !== -1 && cr < message) cr = nextByte(b, CR, message, end);
      const at = cr !== -1 && (lf === -1 || cr < lf) ? cr : lf;
      if (at === -1 || at - i > longest) break; // the range ends inside the line, or it is too long
      let next: number;
      if (at === lf) next = at + 1;
      else if (at + 1 < end) next = b[at + 1] === LF ? at + 2 : at + 1;
      else break; // a CR that ends the range: the LF that may follow is the decoder's business

      // the message: no literal of the gate in it, and no second record joined to it
      if (scan.test(b, message, at)) break;
      if (at - i >= JOINED_MIN_LENGTH && mayHoldJoinedRecord(b, i, at)) break;

      if (newStamp) {
        for (let k = 0; k < STAMP_LENGTH; k++) stamp.setUint8(k, b[i + k]!);
        this.stampChanged = true;
      }
      if (taken === 0 && firstOfStretch) this.firstStampText = this.lastStamp();
      if (b[i + 43] === 83 /* S */ && columnIs(b, i + 43, SYSPRP)) this.sysprp = true;
      taken++;
      i = next;
    }
    this.taken = taken;
    return i;
  }
}

/** Whether the 19 bytes of a timestamp at `i` are those of `stamp`. */
function sameStamp(view: DataView, i: number, stamp: DataView): boolean {
  return (
    view.getUint32(i, true) === stamp.getUint32(0, true) &&
    view.getUint32(i + 4, true) === stamp.getUint32(4, true) &&
    view.getUint32(i + 8, true) === stamp.getUint32(8, true) &&
    view.getUint32(i + 12, true) === stamp.getUint32(12, true) &&
    view.getUint16(i + 16, true) === stamp.getUint16(16, true) &&
    view.getUint8(i + 18) === stamp.getUint8(18)
  );
}

/** The index of the first `byte` in `b[from, end)`, or -1. */
function nextByte(b: Buffer, byte: number, from: number, end: number): number {
  const found = b.indexOf(byte, from);
  return found !== -1 && found < end ? found : -1;
}

/** "Info" and 4 spaces, as little-endian 32-bit words. */
const INFO = 0x6f666e49;
const SPACES = 0x20202020;

/** Columns 21-41 and 43-48 of an Info record: the level, the message id or blanks, a one-word component. */
function quietColumns(b: Uint8Array, view: DataView, i: number): boolean {
  // "Info" padded to 11 columns
  if (view.getUint32(i + 21, true) !== INFO || view.getUint32(i + 25, true) !== SPACES || view.getUint16(i + 29, true) !== 0x2020 || b[i + 31] !== SPACE) return false;
  if (b[i + 32] === 91 /* [ */) {
    if (b[i + 41] !== 93 /* ] */ || !printable(b, i + 33, i + 41)) return false;
  } else if (view.getUint32(i + 32, true) !== SPACES || view.getUint32(i + 36, true) !== SPACES || view.getUint16(i + 40, true) !== 0x2020) {
    return false;
  }
  // a word, then spaces: a space inside sends the line to the tolerant parse
  let k = i + 43;
  while (k < i + 49 && b[k]! > SPACE && b[k]! < 0x7f) k++;
  while (k < i + 49 && b[k] === SPACE) k++;
  return k === i + 49;
}

function columnIs(b: Uint8Array, at: number, expected: Uint8Array): boolean {
  for (let k = 0; k < expected.length; k++) if (b[at + k] !== expected[k]) return false;
  return true;
}

function printable(b: Uint8Array, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = b[k]!;
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

const LEVEL_WORDS = ['Fatal Error', 'Error', 'Warning', 'Info', 'Verbose', 'Debug'].map((w) => Buffer.from(w, 'latin1'));

/** The time columns (11-12, 14-15, 17-18) that must be digits for the record's own level not to count. */
const TIME_DIGITS = [11, 12, 14, 15, 17, 18];

/** Per byte: 1 for a tab or a colon, 2 + k for the first letter of level word k, else 0. */
const JOIN_HINT = new Uint8Array(256);
JOIN_HINT[9] = 1;
JOIN_HINT[58] = 1;
LEVEL_WORDS.forEach((word, k) => {
  if (JOIN_HINT[word[0]!] === 0) JOIN_HINT[word[0]!] = 2 + k; // 'Error' and 'Fatal Error' start differently
});

/**
 * Whether a long line may hold a second record that `splitJoinedRecords` would cut out: its pattern
 * needs a `dd:dd:dd` time, or a level word after a space and followed by a space or tab, after the
 * level column (the record's own level counts only when a `dd:dd:dd,` time precedes it).
 */
function mayHoldJoinedRecord(b: Buffer, lineStart: number, lineEnd: number): boolean {
  for (const k of TIME_DIGITS) if (b[lineStart + k]! < 48 || b[lineStart + k]! > 57) return true;
  if (b[lineStart + 16] !== 58) return true;
  for (let k = lineStart + 32; k < lineEnd; k++) if (joinedRecordAt(b, k)) return true;
  return false;
}

/** Whether a joined record's time or level word may begin at `k` (see `mayHoldJoinedRecord`). */
function joinedRecordAt(b: Buffer, k: number): boolean {
  const hint = JOIN_HINT[b[k]!]!;
  if (hint === 0) return false;
  if (hint === 1) return b[k] === 9 /* tab */ || b[k + 3] === 58; /* dd:dd:dd */
  if (b[k - 1] !== SPACE) return false; // a tab before it is found by itself
  const word = LEVEL_WORDS[hint - 2]!;
  return columnIs(b, k, word) && b[k + word.length] === SPACE;
}
