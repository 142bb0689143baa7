// Messages between the main thread and a sift worker (sift-worker.ts, sift.ts).
import type { DecoderStats } from '../decode/line-decoder.js';
import type { QuietStretch } from './quiet-lines.js';

export interface SiftInit {
  readonly path: string;
  /** The literal groups of the Info gate (`infoGateGroups`). */
  readonly groups: readonly (readonly string[] | null)[];
  readonly maxLineChars: number;
  /** Int32 [batches posted, batches consumed]: the worker waits when it is too far ahead. */
  readonly progress: SharedArrayBuffer;
}

/** A decoded line: text, line number, truncated. */
export type SiftedLine = readonly [text: string, line: number, truncated: boolean];
export type SiftItem = SiftedLine | QuietStretch;

export type SiftMessage =
  /** `bytesRead`: of the file so far, for a progress bar. */
  | { readonly type: 'batch'; readonly items: readonly SiftItem[]; readonly bytesRead: number }
  | { readonly type: 'done'; readonly stats: DecoderStats }
  | { readonly type: 'error'; readonly message: string };

/** Batches a worker may post before the main thread has taken them: bounds the memory in between. */
export const MAX_BATCHES_AHEAD = 4;
export const ITEMS_PER_BATCH = 4096;
