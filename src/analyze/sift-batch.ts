// A batch of sifted lines and quiet stretches as two flat buffers, posted from a sift worker to the
// main thread: copying two buffers costs a fraction of cloning thousands of small arrays and objects,
// and the main thread decodes each line into a string of its own (no view that pins the batch).
import type { Encoding } from '../types.js';
import type { QuietStretch } from './quiet-lines.js';

/**
 * Int32 fields per item: a line [LINE, number, truncated, start, end, text encoding], a stretch [STRETCH, count,
 * lastLine, sysprp, firstStamp, lastStamp], a stamp being where its 19 bytes start, or SAME_STAMP when
 * it is the stamp written before it in the batch (stretches mostly share theirs: one string for them).
 */
const FIELDS = 6;
const LINE = 0;
const STRETCH = 1;
const STAMP_BYTES = 19;
const SAME_STAMP = -1;
/** A line's text encoding: the batch's, or (lines copied as the file's bytes) Latin-1 for ASCII, UTF-8. */
const AS_BATCH = 0;
const AS_LATIN1 = 1;
const AS_UTF8 = 2;
const LINE_ENCODINGS = [undefined, 'latin1', 'utf8'] as const;

/**
 * The text of a batch: UTF-16LE when the file is (its lines may hold lone surrogates, which UTF-8
 * cannot carry), else UTF-8; timestamps are ASCII either way.
 */
export type BatchEncoding = 'utf8' | 'utf16le';

/** The batch text encoding for a file of `encoding`. */
export function batchEncoding(encoding: Encoding): BatchEncoding {
  return encoding.startsWith('utf-16') ? 'utf16le' : 'utf8';
}

export interface PackedBatch {
  readonly items: Int32Array<ArrayBuffer>;
  readonly count: number;
  readonly text: Uint8Array<ArrayBuffer>;
  readonly encoding: BatchEncoding;
}

export interface BatchReader {
  line(text: string, line: number, truncated: boolean): void;
  stretch(stretch: QuietStretch): void;
}

export class BatchWriter {
  private readonly items: Int32Array<ArrayBuffer>;
  private text: Buffer;
  private used = 0;
  /** The stamp last written into this batch. */
  private lastStamp: string | undefined;
  count = 0;

  /** `full` from `capacity` items on; it may take two more (a stretch and the line after it). */
  constructor(
    private readonly encoding: BatchEncoding,
    private readonly capacity: number,
  ) {
    this.items = new Int32Array((capacity + 2) * FIELDS);
    this.text = Buffer.allocUnsafe(64 * 1024);
  }

  get full(): boolean {
    return this.count >= this.capacity;
  }

  line(text: string, line: number, truncated: boolean): void {
    const start = this.reserve(text.length * (this.encoding === 'utf8' ? 3 : 2));
    const end = start + this.text.write(text, start, this.encoding);
    this.used = end;
    this.item(LINE, line, truncated ? 1 : 0, start, end, AS_BATCH);
  }

  /** A line as the file's bytes, `bytes[from, to)`: well-formed UTF-8, ASCII when `ascii` (LineBytesSink). */
  lineBytes(bytes: Buffer, from: number, to: number, ascii: boolean, line: number): void {
    const start = this.reserve(to - from);
    const end = start + bytes.copy(this.text, start, from, to);
    this.used = end;
    this.item(LINE, line, 0, start, end, ascii ? AS_LATIN1 : AS_UTF8);
  }

  stretch(stretch: QuietStretch): void {
    const first = this.stamp(stretch.firstStamp);
    const last = this.stamp(stretch.lastStamp);
    this.item(STRETCH, stretch.count, stretch.lastLine, stretch.sysprp ? 1 : 0, first, last);
  }

  /** Where a stamp's bytes are, written now unless it is the one written last. */
  private stamp(stamp: string): number {
    if (stamp === this.lastStamp) return SAME_STAMP;
    const at = this.reserve(STAMP_BYTES);
    this.text.write(stamp, at, STAMP_BYTES, 'latin1');
    this.used = at + STAMP_BYTES;
    this.lastStamp = stamp;
    return at;
  }

  /** The batch so far, in buffers of its own (to transfer); the writer starts a new one. */
  take(): PackedBatch {
    const batch = { items: this.items.slice(0, this.count * FIELDS), count: this.count, text: new Uint8Array(this.text.subarray(0, this.used)), encoding: this.encoding };
    this.count = 0;
    this.used = 0;
    this.lastStamp = undefined;
    return batch;
  }

  private item(kind: number, a: number, b: number, c: number, d: number, e: number): void {
    if (this.count >= this.capacity + 2) throw new Error('BatchWriter: take() the full batch first');
    const at = this.count * FIELDS;
    const items = this.items;
    items[at] = kind;
    items[at + 1] = a;
    items[at + 2] = b;
    items[at + 3] = c;
    items[at + 4] = d;
    items[at + 5] = e;
    this.count++;
  }

  /** Room for `bytes` more bytes of text; returns where they go. */
  private reserve(bytes: number): number {
    if (this.used + bytes > this.text.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.text.length * 2, this.used + bytes));
      this.text.copy(grown, 0, 0, this.used);
      this.text = grown;
    }
    return this.used;
  }
}

/** Replays a batch, in order; `lineOffset` is added to every line number. */
export function readBatch(batch: PackedBatch, lineOffset: number, reader: BatchReader): void {
  const { items, count, encoding } = batch;
  const text = Buffer.from(batch.text.buffer, batch.text.byteOffset, batch.text.byteLength);
  let stamp = '';
  const stampAt = (at: number): string => (at === SAME_STAMP ? stamp : (stamp = text.toString('latin1', at, at + STAMP_BYTES)));
  for (let i = 0; i < count; i++) {
    const at = i * FIELDS;
    if (items[at] === LINE) {
      reader.line(text.toString(LINE_ENCODINGS[items[at + 5]!] ?? encoding, items[at + 3], items[at + 4]), items[at + 1]! + lineOffset, items[at + 2] === 1);
    } else {
      const firstStamp = stampAt(items[at + 4]!);
      reader.stretch({ count: items[at + 1]!, lastLine: items[at + 2]! + lineOffset, firstStamp, lastStamp: stampAt(items[at + 5]!), sysprp: items[at + 3] === 1 });
    }
  }
}
