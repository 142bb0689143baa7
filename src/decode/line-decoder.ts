// Bytes in, lines out: encoding sniffing, chunk-boundary-safe decoding, CR / LF / CRLF, a line cap.
// Push-based (no stream objects per line) so the same code serves files, zips, stdin and `watch`.
import { isAscii, isUtf8 } from 'node:buffer';
import type { Encoding } from '../types.js';
import { detach } from '../util/detach.js';

/**
 * Longest line kept, in characters; longer lines are cut and counted (never dropped). Large enough
 * for a whole log joined into one line by a web page, small enough to bound memory.
 */
export const DEFAULT_MAX_LINE_CHARS = 1024 * 1024;
/** Decoding in slices of about this many bytes keeps V8 strings small and fast (perf-baseline.md §1). */
const SLICE_BYTES = 16 * 1024;
/** The encoding is decided on the first 512 bytes, or fewer: up to the byte after the first LF (at least 4). */
const SNIFF_BYTES = 512;

export type LineSink = (text: string, truncated: boolean) => void;
/**
 * Takes a line as the bytes it was read as, `bytes[start, end)`, instead of a string: valid UTF-8,
 * ASCII when `ascii`, and never cut (a line longer than the cap goes to the LineSink, decoded and cut).
 */
export type LineBytesSink = (bytes: Buffer, start: number, end: number, ascii: boolean) => void;

const LF = 10;
const CR = 13;

/** A decoded slice or its bytes, as `cutLines` reads it: code units, and a search for the next LF or CR. */
interface LineSource {
  readonly length: number;
  next(code: typeof LF | typeof CR, from: number): number;
  at(index: number): number;
}

/**
 * Lets a consumer take whole lines as bytes, before they are decoded, when it only needs to count
 * them (the Info lines no rule or marker can read: most of a log). Lines it takes are counted in the
 * decoder's stats and never reach the sink.
 */
export interface ByteLineFilter {
  /**
   * Takes complete lines from the start of `bytes[start, end)` (`linesBefore` lines came before them),
   * as many as it wants, and returns the offset just past the terminator of the last one taken
   * (`start` when none). A line it takes ends with LF, CRLF, or a CR followed by another byte inside
   * the range, and is no longer than the decoder's line cap. `taken`: how many the last call took.
   * The bytes of one Buffer object never change between calls (a filter may keep a copy of them);
   * memory the decoder reuses comes in a new Buffer object.
   */
  takeLines(bytes: Buffer, start: number, end: number, linesBefore: number): number;
  readonly taken: number;
}

export interface DecoderStats {
  encoding: Encoding;
  lines: number;
  bytes: number;
  truncatedLines: number;
  legacyDecodedLines: number;
}

/** Windows-1252 code points for bytes 0x80–0x9F (the rest of the high half equals Latin-1). */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    out += String.fromCharCode(b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b);
  }
  return out;
}

/** Decides the encoding from the first bytes: a BOM, or the zero-byte pattern of BOM-less UTF-16LE. */
export function sniffEncoding(head: Uint8Array): { encoding: Encoding; bomLength: number } {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8-bom', bomLength: 3 };
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le-bom', bomLength: 2 };
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be-bom', bomLength: 2 };
  const n = Math.min(head.length, 512) & ~1;
  if (n >= 4) {
    let zeroOdd = 0;
    let zeroEven = 0;
    for (let i = 0; i < n; i += 2) {
      if (head[i] === 0) zeroEven++;
      if (head[i + 1] === 0) zeroOdd++;
    }
    const pairs = n / 2;
    if (zeroOdd >= pairs * 0.4 && zeroEven <= pairs * 0.05) return { encoding: 'utf-16le', bomLength: 0 };
  }
  return { encoding: 'utf-8', bomLength: 0 };
}

/** No lone surrogate: encodes to UTF-8 and back unchanged. */
function isWellFormed(text: string): boolean {
  return (text as string & { isWellFormed(): boolean }).isWellFormed();
}

/**
 * The encoding a decoder decides on for a file that begins with `head` (at least 512 bytes of it, or
 * all of a shorter file): what a worker reading the file from the middle is told (`knownEncoding`).
 */
export function encodingOfHead(head: Uint8Array): Encoding {
  return sniffEncoding(head.subarray(0, sniffLength(head))).encoding;
}

/** How much of the head the encoding is decided on: 512 bytes, or up to the byte after the first LF (at least 4). */
function sniffLength(head: Uint8Array): number {
  const lf = head.subarray(0, SNIFF_BYTES).indexOf(10);
  return lf === -1 ? SNIFF_BYTES : Math.max(4, lf + 2);
}

function isUtf16(encoding: Encoding): boolean {
  return encoding.startsWith('utf-16');
}

/**
 * Incremental decoder: `push` bytes as they arrive (any chunking), `end` at the end of input.
 * Lines are delivered to the sink without their terminator; a final line without terminator counts.
 * Each is a string of its own, never a view into a larger decoded slice: keeping one keeps no more.
 */
export class LineDecoder {
  readonly stats: DecoderStats = { encoding: 'utf-8', lines: 0, bytes: 0, truncatedLines: 0, legacyDecodedLines: 0 };
  private sniffed = false;
  private head: Buffer | null = null;
  private pending: Buffer = Buffer.alloc(0);
  /** Characters already emitted for an over-long line still being skipped. */
  private skippingLongLine = false;
  private endedWithCr = false;
  private readonly maxLineBytes: number;
  /** Where UTF-16 slices are re-encoded as UTF-8 for the filter, reused from slice to slice. */
  private utf8Scratch = Buffer.alloc(0);

  /**
   * `knownEncoding`: the input is the rest of a file whose head decided this encoding (a worker reading
   * from the middle, sift-worker.ts): nothing is sniffed and no BOM is looked for. `bytesSink`: takes the
   * lines of well-formed UTF-8 or ASCII slices undecoded (a worker that hands them on as bytes).
   */
  constructor(
    private readonly sink: LineSink,
    private readonly maxLineChars = DEFAULT_MAX_LINE_CHARS,
    private readonly filter?: ByteLineFilter,
    knownEncoding?: Encoding,
    private readonly bytesSink?: LineBytesSink,
  ) {
    this.maxLineBytes = maxLineChars * 4;
    if (knownEncoding !== undefined) {
      this.sniffed = true;
      this.stats.encoding = knownEncoding;
    }
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.stats.bytes += chunk.length;
    let data = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (!this.sniffed) {
      this.head = this.head ? Buffer.concat([this.head, data]) : Buffer.from(data);
      // decided on a prefix fixed by the input itself, so the chunking cannot change the guess
      if (this.head.length < sniffLength(this.head)) return;
      data = this.takeHead();
    }
    this.consume(data, false);
  }

  end(): void {
    if (!this.sniffed) {
      if (this.head === null) return; // empty input
      this.consume(this.takeHead(), true);
    } else {
      this.consume(Buffer.alloc(0), true);
    }
  }

  private takeHead(): Buffer {
    const head = this.head!;
    this.head = null;
    this.sniffed = true;
    const { encoding, bomLength } = sniffEncoding(head.subarray(0, sniffLength(head)));
    this.stats.encoding = encoding;
    return head.subarray(bomLength);
  }

  private consume(chunk: Buffer, final: boolean): void {
    if (this.pending.length > 0 && !final && !isUtf16(this.stats.encoding)) {
      // Complete the pending partial line with the head of the chunk, up to its first line break,
      // rather than copying the whole chunk behind it: the same as if the chunk had come in two pushes.
      const head = firstByteBreakEnd(chunk);
      if (head > 0 && head < chunk.length) {
        this.consume(chunk.subarray(0, head), false);
        chunk = chunk.subarray(head);
      }
    }
    const data = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const utf16 = isUtf16(this.stats.encoding);
    const lastBreak = utf16 ? lastUtf16Break(data, this.stats.encoding) : lastByteBreak(data);
    // A CR at the very end may be the first half of a CRLF: its line ends here all the same, and
    // splitText (endedWithCr) skips the LF if the next bytes start with one.
    // No break at all: nothing is complete (for UTF-16 too: -1 + 2 would drop a byte and misalign the rest).
    let complete = lastBreak < 0 ? 0 : lastBreak + (utf16 ? 2 : 1);
    if (final) complete = data.length;
    if (complete > 0) this.decodeComplete(data.subarray(0, complete), final);
    // bytes without any line break: a CR that ended the last push was a line of its own, not half a CRLF
    if (complete === 0 && data.length >= (utf16 ? 2 : 1)) this.endedWithCr = false;
    const rest = data.subarray(Math.max(complete, 0));
    if (rest.length > this.maxLineBytes) {
      this.emitCut(rest);
      // UTF-16: an odd byte left over is half of the next code unit, kept to stay aligned
      this.pending = utf16 && rest.length % 2 === 1 ? Buffer.from(rest.subarray(rest.length - 1)) : Buffer.alloc(0);
    } else {
      this.pending = Buffer.from(rest); // copy: never keep a caller's (possibly reused) buffer alive
    }
  }

  /** An over-long partial line: emit its start once, then skip until the next line break. */
  private emitCut(rest: Buffer): void {
    if (!this.skippingLongLine) {
      const text = isUtf16(this.stats.encoding) ? this.decodeSlice(rest.subarray(0, this.maxLineBytes)) : this.decodeLine(rest, true);
      this.emit(text.slice(0, this.maxLineChars), true);
      this.skippingLongLine = true;
    }
  }

  /**
   * One line's bytes as text, from its first `maxLineBytes` only (the rest is cut anyway, and a line
   * cut before it is complete has no more): UTF-8 when they are (a character split by that limit
   * aside), else Windows-1252, counted when `counted`.
   */
  private decodeLine(bytes: Buffer, counted: boolean): string {
    const head = bytes.length > this.maxLineBytes ? bytes.subarray(0, this.maxLineBytes) : bytes;
    if (isUtf8(head) || (head !== bytes && isUtf8(head.subarray(0, withoutSplitCharacter(head))))) return head.toString('utf8');
    if (counted) this.stats.legacyDecodedLines++;
    return decodeWindows1252(head);
  }


  private decodeComplete(bytes: Buffer, final: boolean): void {
    const step = isUtf16(this.stats.encoding) ? SLICE_BYTES * 2 : SLICE_BYTES;
    let start = 0;
    while (start < bytes.length) {
      let end = bytes.length;
      if (end - start > step) {
        const cut = isUtf16(this.stats.encoding)
          ? lastUtf16Break(bytes.subarray(0, start + step), this.stats.encoding)
          : lastByteBreak(bytes.subarray(0, start + step));
        end = cut >= start ? cut + (isUtf16(this.stats.encoding) ? 2 : 1) : bytes.length;
      }
      this.splitLines(bytes.subarray(start, end), final && end === bytes.length);
      start = end;
    }
  }

  private decodeSlice(bytes: Buffer): string {
    switch (this.stats.encoding) {
      case 'utf-16le':
      case 'utf-16le-bom':
        return bytes.toString('utf16le', 0, bytes.length & ~1);
      case 'utf-16be-bom': {
        const swapped = Buffer.from(bytes.subarray(0, bytes.length & ~1));
        return swapped.swap16().toString('utf16le');
      }
      default:
        return bytes.toString('utf8');
    }
  }

  private splitLines(bytes: Buffer, final: boolean): void {
    if (isUtf16(this.stats.encoding)) {
      const text = this.decodeSlice(bytes);
      // with a filter, well-formed text goes to it as UTF-8 (the same lines, the same strings back)
      if (this.filter && isWellFormed(text)) this.splitBytes(this.utf8Of(text), final, 'utf8', this.filter);
      else this.splitText(text, final);
      return;
    }
    // Pure ASCII decodes the same as Latin-1, which is cheaper. Valid UTF-8 decodes without a
    // replacement character except where the input has one itself, and then each line decoded
    // alone (the fallback) reads the same: so only invalid UTF-8 needs the per-line fallback.
    const ascii = isAscii(bytes);
    if (ascii || isUtf8(bytes)) this.splitBytes(bytes, final, ascii ? 'latin1' : 'utf8', this.filter);
    else this.splitLinesWithLegacyFallback(bytes, final);
  }

  /** `text` as UTF-8, in memory reused from slice to slice (no buffer per slice for the GC to find), seen through a new Buffer. */
  private utf8Of(text: string): Buffer {
    if (this.utf8Scratch.length < text.length * 3) this.utf8Scratch = Buffer.allocUnsafeSlow(text.length * 3);
    return this.utf8Scratch.subarray(0, this.utf8Scratch.write(text, 0, 'utf8'));
  }

  /**
   * `splitText` on bytes, with the filter (if any) taking the lines it wants first: the others are
   * decoded one by one. The same lines, terminators and counts as decoding the whole slice.
   */
  private splitBytes(bytes: Buffer, final: boolean, encoding: 'latin1' | 'utf8', filter: ByteLineFilter | undefined): void {
    const source: LineSource = { length: bytes.length, next: (code, from) => bytes.indexOf(code, from), at: (i) => bytes[i]! };
    const skip = filter
      ? (i: number): number => {
          if (this.skippingLongLine) return i;
          const next = filter.takeLines(bytes, i, bytes.length, this.stats.lines);
          this.stats.lines += filter.taken;
          return next;
        }
      : undefined;
    const bytesSink = this.bytesSink;
    const line = bytesSink
      ? (start: number, end: number): void => {
          // bytes ≥ characters: a line of at most maxLineChars bytes is never cut
          if (this.skippingLongLine || end - start > this.maxLineChars) return this.emitLine(bytes.toString(encoding, start, end));
          this.stats.lines++;
          bytesSink(bytes, start, end, encoding === 'latin1');
        }
      : (start: number, end: number): void => this.emitLine(bytes.toString(encoding, start, end));
    this.cutLines(source, final, line, skip);
  }

  private splitText(text: string, final: boolean): void {
    const source: LineSource = { length: text.length, next: (code, from) => text.indexOf(code === LF ? '\n' : '\r', from), at: (i) => text.charCodeAt(i) };
    // a line of its own, not a view that would keep the whole decoded slice alive (see `detach`)
    this.cutLines(source, final, (start, end) => this.emitLine(detach(text.slice(start, end))));
  }

  /**
   * Cuts `source` at CR, LF and CRLF (a CRLF split across slices too: `endedWithCr`), calling `line`
   * with each line's bounds; the last one only when `final` (else it has no terminator yet: it cannot
   * be here, slices end after a break). `skip`, at the start of each line, may move past lines it takes.
   */
  private cutLines(source: LineSource, final: boolean, line: (start: number, end: number) => void, skip?: (i: number) => number): void {
    const n = source.length;
    let i = 0;
    if (this.endedWithCr && source.at(0) === LF) i = 1;
    this.endedWithCr = false;
    // the next LF and CR at or after i (-1: none left); searched again only once i has passed them
    let lf = -2;
    let cr = -2;
    while (i < n) {
      if (skip) {
        i = skip(i);
        if (i >= n) return;
      }
      if (lf !== -1 && lf < i) lf = source.next(LF, i);
      if (cr !== -1 && cr < i) cr = source.next(CR, i);
      let end: number;
      let next: number;
      if (cr !== -1 && (lf === -1 || cr < lf)) {
        end = cr;
        if (cr + 1 < n) next = source.at(cr + 1) === LF ? cr + 2 : cr + 1;
        else {
          next = n;
          this.endedWithCr = true;
        }
      } else if (lf !== -1) {
        end = lf;
        next = lf + 1;
      } else {
        if (final) line(i, n);
        return;
      }
      line(i, end);
      i = next;
    }
  }

  private emitLine(text: string): void {
    if (this.skippingLongLine) {
      this.skippingLongLine = false; // the tail of a line already emitted (cut) ends here
      return;
    }
    if (text.length > this.maxLineChars) this.emit(text.slice(0, this.maxLineChars), true);
    else this.emit(text, false);
  }

  private emit(text: string, truncated: boolean): void {
    this.stats.lines++;
    if (truncated) this.stats.truncatedLines++;
    this.sink(text, truncated);
  }

  /** The slow path for slices with invalid UTF-8: each line decoded on its own, Windows-1252 when invalid. */
  private splitLinesWithLegacyFallback(bytes: Buffer, final: boolean): void {
    let start = 0;
    let text = '';
    // the first piece is the tail of a line cut earlier when one is being skipped: not a line of its own
    let tailOfCutLine = this.skippingLongLine;
    while (start < bytes.length) {
      let end = start;
      while (end < bytes.length && bytes[end] !== 10 && bytes[end] !== 13) end++;
      const terminated = end < bytes.length;
      text += this.decodeLine(bytes.subarray(start, end), !tailOfCutLine);
      tailOfCutLine = false;
      if (terminated) text += bytes[end] === 13 ? '\r' : '\n';
      start = terminated ? end + 1 : end;
    }
    this.splitText(text, final);
  }
}

/** The length of `bytes` without a UTF-8 sequence cut short at its end. */
function withoutSplitCharacter(bytes: Buffer): number {
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const b = bytes[bytes.length - back]!;
    if (b < 0x80) return bytes.length; // ASCII: nothing cut
    if (b >= 0xc0) {
      // a lead byte: the sequence it starts needs this many bytes
      const needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return needed > back ? bytes.length - back : bytes.length;
    }
  }
  return bytes.length;
}

/** The offset just past the first line break of `data` (past CRLF as a whole), or 0 when it has none. */
function firstByteBreakEnd(data: Buffer): number {
  const lf = data.indexOf(10);
  const cr = lf === -1 ? data.indexOf(13) : data.subarray(0, lf).indexOf(13);
  if (cr !== -1) return data[cr + 1] === 10 ? cr + 2 : cr + 1;
  return lf + 1;
}

function lastByteBreak(data: Buffer): number {
  const lf = data.lastIndexOf(10);
  const cr = data.lastIndexOf(13);
  return Math.max(lf, cr);
}

/** The offset of the last CR or LF code unit at an even offset, or -1. */
function lastUtf16Break(data: Buffer, encoding: Encoding): number {
  const be = encoding === 'utf-16be-bom';
  for (let i = (data.length & ~1) - 2; i >= 0; i -= 2) {
    const lo = be ? data[i + 1]! : data[i]!;
    const hi = be ? data[i]! : data[i + 1]!;
    if (hi === 0 && (lo === 10 || lo === 13)) return i;
  }
  return -1;
}
