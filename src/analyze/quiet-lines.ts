// The lines nothing reads — fixed-column Info records whose message holds no marker keyword and no
// literal of an Info rule, most of any log — taken as bytes by the decoder and only counted: no
// string, no event, no rule. Exactly the lines for which the event path would change nothing but
// counts, the run's last line and timestamp, and (for a run not yet known to be sysprep's) whether
// a SYSPRP record was seen. Anything else is left to the event path.
import type { ByteLineFilter } from '../decode/line-decoder.js';
import type { LiteralGate } from '../engine/match.js';
import { JOINED_MIN_LENGTH } from '../../parsers/panther.js';

const MESSAGE_COLUMN = 50;
const STAMP_LENGTH = 19;
/** "Info" padded to the 11 characters of the level column. */
const INFO_COLUMN = Buffer.from('Info       ', 'latin1');
const SPACE = 32;
const LF = 10;

export class QuietLines implements ByteLineFilter {
  taken = 0;
  /** Set by the analyzer: whether lines may be taken now (an open run, the file's role settled, ...). */
  enabled = false;
  /** Set by the analyzer: whether the current run still needs a first timestamp. */
  wantFirstStamp = false;

  /** Lines taken since the analyzer last collected them. */
  pending = 0;
  /** Whether one of them is a SYSPRP record. */
  pendingSysprp = false;
  /** The first one's timestamp, when `wantFirstStamp` was set as it was taken. */
  firstStamp: string | null = null;
  private readonly stamp = new Uint8Array(STAMP_LENGTH);
  private stampText = '';
  private stampChanged = false;
  private readonly longest: number;

  constructor(
    private readonly gate: LiteralGate,
    maxLineChars: number,
  ) {
    // a line of JOINED_MIN_LENGTH characters or more may hold several joined records: the event path decides
    this.longest = Math.min(JOINED_MIN_LENGTH - 1, maxLineChars);
  }

  /** The timestamp of the last line taken. */
  lastStamp(): string {
    if (this.stampChanged) {
      this.stampText = Buffer.from(this.stamp.buffer, this.stamp.byteOffset, STAMP_LENGTH).toString('latin1');
      this.stampChanged = false;
    }
    return this.stampText;
  }

  /** Forgets the pending lines (the analyzer has applied them). */
  collect(): void {
    this.pending = 0;
    this.pendingSysprp = false;
    this.firstStamp = null;
  }

  takeLines(bytes: Uint8Array, start: number, end: number): number {
    this.taken = 0;
    if (!this.enabled) return start;
    let i = start;
    let taken = 0;
    for (;;) {
      // a whole header, and room for a terminator after it
      if (end - i <= MESSAGE_COLUMN) break;
      if (!this.quietHeader(bytes, i)) break;
      const limit = Math.min(end, i + this.longest + 1);
      const mask = this.gate.scanBytesToLineEnd(bytes, i + MESSAGE_COLUMN, limit);
      const lineEnd = this.gate.stoppedAt;
      if (mask !== 0 || lineEnd === limit) break; // a literal; or too long, or the range ends inside the line
      let next: number;
      if (bytes[lineEnd] === LF) next = lineEnd + 1;
      else if (lineEnd + 1 < end) next = bytes[lineEnd + 1] === LF ? lineEnd + 2 : lineEnd + 1;
      else break; // a CR that ends the range: the LF that may follow is the decoder's business
      if (this.pending === 0 && this.wantFirstStamp) this.firstStamp = bytesToLatin1(bytes, i, i + STAMP_LENGTH);
      this.copyStamp(bytes, i);
      if (bytes[i + 43] === 83 && bytes[i + 44] === 89 && bytes[i + 45] === 83 && bytes[i + 46] === 80 && bytes[i + 47] === 82 && bytes[i + 48] === 80) {
        this.pendingSysprp = true; // SYSPRP
      }
      this.pending++;
      taken++;
      i = next;
    }
    this.taken = taken;
    return i;
  }

  /**
   * Whether the 50 bytes at `i` are a header the fixed-column parse reads as an Info record (printable
   * ASCII only, so character and byte columns agree). Checks what `readFixedColumns` checks, or more.
   */
  private quietHeader(b: Uint8Array, i: number): boolean {
    if (b[i + 19] !== 44 /* , */ || b[i + 20] !== SPACE || b[i + 4] !== 45 /* - */ || b[i + 10] !== SPACE || b[i + 13] !== 58 /* : */) return false;
    if (b[i + 42] !== SPACE || b[i + 49] !== SPACE) return false;
    for (let k = 0; k < 11; k++) if (b[i + 21 + k] !== INFO_COLUMN[k]) return false;
    for (let k = 0; k < STAMP_LENGTH; k++) {
      const c = b[i + k]!;
      if (c < 0x20 || c > 0x7e) return false;
    }
    // the message id column: `[0x......]` or blank
    if (b[i + 32] === 91 /* [ */) {
      if (b[i + 41] !== 93 /* ] */) return false;
      for (let k = 33; k < 41; k++) {
        const c = b[i + k]!;
        if (c < 0x20 || c > 0x7e) return false;
      }
    } else {
      for (let k = 32; k < 42; k++) if (b[i + k] !== SPACE) return false;
    }
    // the component column: a word, then spaces (a space inside sends the line to the tolerant parse)
    let k = 43;
    while (k < 49 && b[i + k]! > SPACE && b[i + k]! <= 0x7e) k++;
    while (k < 49 && b[i + k] === SPACE) k++;
    return k === 49;
  }

  private copyStamp(b: Uint8Array, i: number): void {
    const stamp = this.stamp;
    for (let k = STAMP_LENGTH - 1; k >= 0; k--) {
      if (stamp[k] !== b[i + k]) {
        for (; k >= 0; k--) stamp[k] = b[i + k]!;
        this.stampChanged = true;
        return;
      }
    }
  }
}

function bytesToLatin1(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
}
