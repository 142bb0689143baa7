// Messages between the main thread and the sift workers (sift-worker.ts, sift.ts), and the parts they share.
import type { DecoderStats } from '../decode/line-decoder.js';
import type { Encoding } from '../types.js';
import type { PackedBatch } from './sift-batch.js';

/** A part of the file, `[start, end)`, that begins a line; numbered in file order. */
export interface FilePart {
  readonly index: number;
  readonly start: number;
  readonly end: number;
}

/** What a worker is started with, before the feed is made: the parts of the file. */
export interface SiftPlan {
  readonly path: string;
  /** All the parts, in file order. Part 0 holds the file's head; the others start past it. */
  readonly parts: readonly FilePart[];
  /** Who this worker is among the sifters (`claimPart`): 1, 2... (0 is the main thread). */
  readonly worker: number;
  /** Int32 [next part to claim, then per part the sifter that claimed it, plus 1]: see `claimPart`. */
  readonly claims: SharedArrayBuffer;
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

/** The messages about one part. */
export type PartMessage = Exclude<SiftMessage, { readonly type: 'error' }>;

/** The shared claims of a file of `parts` parts (SiftPlan.claims). */
export function newClaims(parts: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4 * (1 + parts)));
}

/**
 * Claims the next part of the file for `sifter`, in file order: the sifters (the workers and the main
 * thread) share the parts this way, each taking one when it is free. Returns its index, or -1 when
 * all are taken.
 */
export function claimPart(claims: Int32Array, sifter: number): number {
  const index = Atomics.add(claims, 0, 1);
  if (index >= claims.length - 1) return -1;
  Atomics.store(claims, 1 + index, sifter + 1);
  return index;
}

/** The sifter that claimed part `index`, or -1 while no one has. */
export function claimantOf(claims: Int32Array, index: number): number {
  return Atomics.load(claims, 1 + index) - 1;
}

/** Batches a worker may post before the main thread has taken them: bounds the memory in between. */
export const MAX_BATCHES_AHEAD = 16;
export const ITEMS_PER_BATCH = 4096;
