// Messages between the main thread and the sift workers (sift-worker.ts, sift.ts).
import type { DecoderStats } from '../decode/line-decoder.js';
import type { Encoding } from '../types.js';
import type { PackedBatch } from './sift-batch.js';

/** A part of the file, `[start, end)`, that begins a line; numbered in file order. */
export interface FilePart {
  readonly index: number;
  readonly start: number;
  readonly end: number;
}

/** What a worker is started with, before the feed is made: its parts of the file. */
export interface SiftPlan {
  readonly path: string;
  /** The parts this worker reads, in order. Part 0 holds the file's head; the others start past it. */
  readonly parts: readonly FilePart[];
  /** The encoding the file's head decided, for the parts that do not start it. */
  readonly encoding: Encoding;
  /** Int32 [batches posted, batches consumed]: the worker waits when it is too far ahead. */
  readonly progress: SharedArrayBuffer;
}

/** The one message a worker is sent, once the feed is made: what to look for. It then reads its parts. */
export interface SiftStart {
  /** The literal groups of the Info gate (`SourceAnalyzer.gateGroups`). */
  readonly groups: readonly (readonly string[] | null)[];
  readonly maxLineChars: number;
}

export type SiftMessage =
  /** Lines and quiet stretches, numbered within the part; `bytes`: read since the last message, for a progress bar. */
  | { readonly type: 'batch'; readonly part: number; readonly batch: PackedBatch; readonly bytes: number }
  | { readonly type: 'part-end'; readonly part: number; readonly stats: DecoderStats }
  | { readonly type: 'error'; readonly message: string };

/** Batches a worker may post before the main thread has taken them: bounds the memory in between. */
export const MAX_BATCHES_AHEAD = 16;
export const ITEMS_PER_BATCH = 4096;
