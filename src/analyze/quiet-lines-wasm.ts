// The quiet-line scan compiled to WebAssembly (wasm/quiet-lines.ts, built into dist/wasm): the same
// lines as JsQuietScanner, about twice as fast, which matters because most of a log is quiet lines.
// The bytes to scan are copied into the module's memory once per Buffer the decoder hands over.
import { readFileSync } from 'node:fs';
import type { LiteralSkipScan } from '../engine/skip-scan.js';
import type { QuietScanner } from './quiet-lines.js';

interface QuietLinesExports {
  readonly memory: WebAssembly.Memory;
  readonly taken: WebAssembly.Global;
  readonly sysprp: WebAssembly.Global;
  readonly stampChanged: WebAssembly.Global;
  heapBase(): number;
  configure(shift: number, before: number, index: number, candidates: number, literals: number, stamp: number, firstStamp: number, window: number): void;
  takeLines(start: number, end: number, longest: number, firstOfStretch: number): number;
}

/** Where the built module is: from the compiled sources (dist/src/analyze), the bundle (dist/bundle), or the sources under test. */
const MODULE_URLS = ['../../wasm/quiet-lines.wasm', '../wasm/quiet-lines.wasm', '../../dist/wasm/quiet-lines.wasm'].map((path) => new URL(path, import.meta.url));
const STAMP_LENGTH = 19;
const KEYS = 1 << 15;
/**
 * Zero bytes after the data: a look past a line's end reads no byte of an earlier scan and stays in
 * memory. The farthest is the skip scan's look one longest jump ahead: less than a window (at most
 * 64 bytes, skip-scan.ts) past the last byte.
 */
const DATA_SLACK = 64;
/** At most this much of a range is copied at once; a line that crosses its end is left to the event path. */
const MAX_DATA = 4 * 1024 * 1024;
const PAGE = 64 * 1024;

/** One instance per thread, shared by the scanners in turn (`acquire`): sources are read one at a time. */
interface SharedInstance {
  readonly exports: QuietLinesExports;
  /** The scanner whose timestamp and data are in memory now. */
  owner: WasmQuietScanner | undefined;
  /** The scan whose tables are in memory, and where the timestamps and the data go after them. */
  scan: LiteralSkipScan | undefined;
  stampAt: number;
  firstAt: number;
  data: number;
}

let compiled: WebAssembly.Module | null | undefined;
let shared: SharedInstance | undefined;

function quietLinesModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    compiled = null;
    for (const url of MODULE_URLS) {
      try {
        compiled = new WebAssembly.Module(readFileSync(url));
        break;
      } catch {
        // not built there, or this runtime lacks WebAssembly SIMD: the next place, or none
      }
    }
  }
  return compiled;
}

export class WasmQuietScanner implements QuietScanner {
  taken = 0;
  private scan: LiteralSkipScan | undefined;
  /** This scanner's last timestamp while another owns the instance; `stampText` is its string once asked for. */
  private readonly stamp = new Uint8Array(STAMP_LENGTH);
  private stampChanged = false;
  private stampText = '';
  private firstText = '';
  /** A stretch began since `firstText` was read: its first timestamp is in the instance's memory. */
  private firstPending = false;
  /** The Buffer whose bytes [copiedFrom, copiedTo) are at the instance's data. */
  private copied: Buffer | undefined;
  private copiedFrom = 0;
  private copiedTo = 0;

  /** A scanner, or null when the module is not built or cannot run here. */
  static create(): WasmQuietScanner | null {
    if (!shared) {
      const module = quietLinesModule();
      if (!module) return null;
      const exports = new WebAssembly.Instance(module, {}).exports as unknown as QuietLinesExports;
      shared = { exports, owner: undefined, scan: undefined, stampAt: 0, firstAt: 0, data: 0 };
    }
    return new WasmQuietScanner();
  }

  private constructor() {}

  load(scan: LiteralSkipScan): void {
    this.scan = scan;
    if (shared!.owner === this) this.acquire(true);
  }

  take(b: Buffer, start: number, end: number, longest: number, firstOfStretch: boolean): number {
    const instance = this.acquire(false);
    // a range longer than MAX_DATA is scanned up to what was copied; the next call copies from where it goes on
    const clipped = this.copiedTo - this.copiedFrom === MAX_DATA;
    if (b !== this.copied || start < this.copiedFrom || start >= this.copiedTo || (end > this.copiedTo && !clipped)) this.copy(b, start, end);
    const base = instance.data - this.copiedFrom;
    const stop = Math.min(end, this.copiedTo);
    const { exports } = instance;
    const next = exports.takeLines(base + start, base + stop, longest, firstOfStretch ? 1 : 0) - base;
    this.taken = exports.taken.value as number;
    if (this.taken > 0 && firstOfStretch) this.firstPending = true;
    return next;
  }

  takeSysprp(): boolean {
    const { exports } = shared!;
    if (exports.sysprp.value === 0) return false;
    exports.sysprp.value = 0;
    return true;
  }

  lastStamp(): string {
    const instance = shared!;
    if (instance.owner === this && instance.exports.stampChanged.value !== 0) {
      this.stampText = readStamp(instance.stampAt);
      instance.exports.stampChanged.value = 0;
    } else if (instance.owner !== this && this.stampChanged) {
      this.stampText = Buffer.from(this.stamp).toString('latin1');
      this.stampChanged = false;
    }
    return this.stampText;
  }

  firstStamp(): string {
    if (this.firstPending) {
      this.firstText = readStamp(shared!.firstAt);
      this.firstPending = false;
    }
    return this.firstText;
  }

  /** The shared instance with this scanner's tables and timestamp in it (`reload`: the tables again). */
  private acquire(reload: boolean): SharedInstance {
    const instance = shared!;
    if (instance.owner === this && !reload) return instance;
    const { exports } = instance;
    instance.owner?.saveState(instance);
    if (instance.scan !== this.scan) loadTables(instance, this.scan!);
    new Uint8Array(exports.memory.buffer).set(this.stamp, instance.stampAt);
    // whether `stampText` is behind the stamp now goes with it into the instance
    exports.stampChanged.value = this.stampChanged ? 1 : 0;
    this.stampChanged = false;
    exports.sysprp.value = 0;
    instance.owner = this;
    this.copied = undefined;
    return instance;
  }

  /** Keeps what the instance holds of this scanner (its timestamps), before another takes it or the tables move. */
  private saveState(instance: SharedInstance): void {
    this.firstStamp(); // read while it is still in memory
    this.stamp.set(new Uint8Array(instance.exports.memory.buffer, instance.stampAt, STAMP_LENGTH));
    this.stampChanged ||= instance.exports.stampChanged.value !== 0;
    this.copied = undefined;
  }

  /** Copies b[start, end) (at most MAX_DATA of it) into the instance's memory, then zero bytes. */
  private copy(b: Buffer, start: number, end: number): void {
    const { exports, data } = shared!;
    const to = Math.min(end, start + MAX_DATA);
    reserve(exports.memory, data + (to - start) + DATA_SLACK);
    const memory = new Uint8Array(exports.memory.buffer);
    memory.set(b.subarray(start, to), data);
    memory.fill(0, data + (to - start), data + (to - start) + DATA_SLACK);
    this.copied = b;
    this.copiedFrom = start;
    this.copiedTo = to;
  }
}

/** Lays out the tables of `scan` in the instance's memory, the timestamps and the data after them. */
function loadTables(instance: SharedInstance, scan: LiteralSkipScan): void {
  const { exports } = instance;
  const { window, shift, keysBefore, candidates } = scan.tables();
  const entries = candidates.reduce((n, list) => n + (list?.length ?? 0), 0);
  const literalBytes = candidates.reduce((n, list) => n + (list ?? []).reduce((m, c) => m + c.chars.length, 0), 0);
  const shiftAt = align(exports.heapBase());
  const beforeAt = shiftAt + KEYS;
  const indexAt = beforeAt + keysBefore.byteLength;
  const candidatesAt = indexAt + KEYS * 8;
  const literalsAt = candidatesAt + entries * 12;
  instance.stampAt = align(literalsAt + literalBytes);
  instance.firstAt = instance.stampAt + 32;
  instance.data = instance.firstAt + 32;
  reserve(exports.memory, instance.data);
  const memory = exports.memory.buffer;
  const bytes = new Uint8Array(memory);
  bytes.set(shift, shiftAt);
  // typed arrays are in the platform's byte order: little-endian wherever Node runs, as WebAssembly is
  new Uint32Array(memory, beforeAt, keysBefore.length).set(keysBefore);
  const index = new Uint32Array(memory, indexAt, 2 * KEYS).fill(0);
  const entryWords = new Uint32Array(memory, candidatesAt, entries * 3);
  let entry = 0;
  let literal = 0;
  candidates.forEach((list, key) => {
    if (!list) return;
    index[2 * key] = entry;
    index[2 * key + 1] = list.length;
    for (const candidate of list) {
      entryWords.set([literal, candidate.chars.length, candidate.windowEnd], entry * 3);
      bytes.set(candidate.chars, literalsAt + literal);
      literal += candidate.chars.length;
      entry++;
    }
  });
  exports.configure(shiftAt, beforeAt, indexAt, candidatesAt, literalsAt, instance.stampAt, instance.firstAt, window);
  instance.scan = scan;
}

/** A Buffer over the instance's memory, made again when the memory grows (its buffer changes). */
let memoryView: Buffer = Buffer.alloc(0);

function readStamp(at: number): string {
  const memory = shared!.exports.memory.buffer;
  if (memoryView.buffer !== memory) memoryView = Buffer.from(memory);
  return memoryView.toString('latin1', at, at + STAMP_LENGTH);
}

function reserve(memory: WebAssembly.Memory, bytes: number): void {
  if (bytes > memory.buffer.byteLength) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / PAGE));
}

function align(at: number): number {
  return (at + 15) & ~15;
}
