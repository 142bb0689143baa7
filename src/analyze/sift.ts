// Big files are read and sifted by worker threads (sift-worker.ts) while this thread analyzes what
// they hand over. Used by `analyze` for files of SIFT_THRESHOLD bytes or more when no event is wanted.
// The file is cut into parts at line starts; with two workers, they take turns (parts 0, 2, 4... and
// 1, 3, 5...), and this thread replays the parts in file order, renumbering each part's lines.
import { closeSync, openSync, readSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { encodingOfHead, type DecoderStats } from '../decode/line-decoder.js';
import { InputError, describeFsError } from '../input/open-inputs.js';
import type { Encoding } from '../types.js';
import { builtWorkerExists } from '../util/built-worker.js';
import { capYoungGeneration } from '../util/young-generation.js';
import type { SiftedFeed } from './analysis.js';
import { HEAD_LINES } from './quiet-lines.js';
import { readBatch, type BatchReader } from './sift-batch.js';
import type { FilePart, SiftMessage, SiftPlan, SiftStart } from './sift-protocol.js';

const WORKER_URL = new URL('./sift-worker.js', import.meta.url);

/**
 * From this size on a file is sifted in workers (`SYSPREP_DOCTOR_SIFT_BYTES` overrides it; 0: never):
 * below it, starting them costs about what they save (npm run bench, 2 cores).
 */
export const SIFT_THRESHOLD = 128 * 1024 * 1024;
/** About this many bytes a part (`SYSPREP_DOCTOR_PART_BYTES` overrides it, for tests). */
const PART_BYTES = 4 * 1024 * 1024;
const PROBE_BYTES = 64 * 1024;
/** Read at a part's cut to find the next line start: a few lines (a 1 GiB file has 256 cuts). */
const CUT_PROBE_BYTES = 4 * 1024;

export function siftThreshold(): number {
  return sizeFromEnv('SYSPREP_DOCTOR_SIFT_BYTES', SIFT_THRESHOLD);
}

function sizeFromEnv(name: string, fallback: number): number {
  const configured = process.env[name];
  if (configured === undefined || configured === '') return fallback;
  const bytes = Number(configured);
  return Number.isFinite(bytes) && bytes >= 0 ? bytes : fallback;
}

/** Whether the worker script exists: the built package (under vitest the sources run as TypeScript). */
export function siftWorkerAvailable(): boolean {
  return builtWorkerExists(import.meta.url, WORKER_URL);
}

/**
 * Where the parts of a file of `size` bytes begin: part 0 holds at least the head (HEAD_LINES line
 * feeds: the lines that are never quiet), every part begins after a line feed. A UTF-16 file, or one
 * too short to cut, is one part.
 */
export function planParts(path: string, size: number, partBytes = sizeFromEnv('SYSPREP_DOCTOR_PART_BYTES', PART_BYTES)): { parts: FilePart[]; encoding: Encoding } {
  const fd = openSync(path, 'r');
  try {
    const probe = Buffer.allocUnsafe(PROBE_BYTES);
    const headBytes = readSync(fd, probe, 0, Math.min(PROBE_BYTES, size), 0);
    const encoding = encodingOfHead(probe.subarray(0, headBytes));
    const whole = [{ index: 0, start: 0, end: size }];
    if (encoding.startsWith('utf-16') || partBytes <= 0) return { parts: whole, encoding };
    const headEnd = afterLineFeeds(fd, probe, HEAD_LINES, size);
    if (headEnd >= size) return { parts: whole, encoding };
    const parts: FilePart[] = [];
    let start = 0;
    let target = Math.max(partBytes, headEnd);
    while (target < size) {
      const end = lineStartAtOrAfter(fd, probe.subarray(0, CUT_PROBE_BYTES), target, size);
      if (end >= size) break;
      parts.push({ index: parts.length, start, end });
      start = end;
      target = start + partBytes;
    }
    parts.push({ index: parts.length, start, end: size });
    return { parts, encoding };
  } finally {
    closeSync(fd);
  }
}

/** The offset just past the `count`-th line feed of the file (`size` if it has fewer). */
function afterLineFeeds(fd: number, buffer: Buffer, count: number, size: number): number {
  let seen = 0;
  for (let position = 0; position < size; ) {
    const read = readSync(fd, buffer, 0, Math.min(buffer.length, size - position), position);
    if (read === 0) break;
    for (let at = buffer.indexOf(10); at !== -1 && at < read; at = buffer.indexOf(10, at + 1)) {
      if (++seen === count) return position + at + 1;
    }
    position += read;
  }
  return size;
}

/** The offset just past the first line feed at or after `from` (`size` if none). */
function lineStartAtOrAfter(fd: number, buffer: Buffer, from: number, size: number): number {
  for (let position = from; position < size; ) {
    const read = readSync(fd, buffer, 0, Math.min(buffer.length, size - position), position);
    if (read === 0) break;
    const at = buffer.subarray(0, read).indexOf(10);
    if (at !== -1) return position + at + 1;
    position += read;
  }
  return size;
}

/** The parts worker `w` of `workerCount` reads: they take turns, part by part. */
function partsOfWorker(parts: readonly FilePart[], w: number, workerCount: number): FilePart[] {
  return parts.filter((part) => part.index % workerCount === w);
}

/** Sift workers started on a file before its feed is made (it takes a while: the rules' literals). */
export interface StartedSift {
  /** Feeds `feed` in file order; a read failure is an InputError. `onBytes` hears of the bytes read as the lines arrive. */
  run(feed: SiftedFeed, onBytes?: (bytes: number) => void): Promise<void>;
  /** Stops the workers, when the file is read here after all. */
  cancel(): void;
}

/**
 * Plans the parts of `file` (of `size` bytes when opened) and starts one or two workers on them: they
 * boot (~50 ms) while the caller makes the feed, then wait for its literal groups. Throws an
 * InputError on `path` when the file cannot be read.
 */
export function startSift(file: string, path: string, size: number): StartedSift {
  let plan: { parts: FilePart[]; encoding: Encoding };
  try {
    plan = planParts(file, size);
  } catch (error) {
    throw new InputError(path, describeFsError(error));
  }
  const { parts, encoding } = plan;
  const workerCount = parts.length > 1 && availableParallelism() > 1 ? 2 : 1;
  const started: SiftWorkers = { parts, encoding, workers: [], counters: [], bootFailures: [] };
  for (let w = 0; w < workerCount; w++) {
    const progress = new SharedArrayBuffer(8);
    started.counters.push(new Int32Array(progress));
    const workerPlan: SiftPlan = { path: file, parts: partsOfWorker(parts, w, workerCount), encoding, progress };
    const worker = new Worker(WORKER_URL, { workerData: workerPlan });
    worker.on('error', (error) => started.bootFailures.push(error));
    started.workers.push(worker);
  }
  return {
    run: (feed, onBytes) => siftInWorkers(started, path, feed, onBytes),
    cancel: () => {
      for (const worker of started.workers) void worker.terminate();
    },
  };
}

/** The workers of one file, from their start on. */
interface SiftWorkers {
  readonly parts: readonly FilePart[];
  readonly encoding: Encoding;
  readonly workers: Worker[];
  /** Per worker, Int32 [batches posted, batches consumed] (SiftPlan.progress). */
  readonly counters: Int32Array[];
  /** Errors of workers that failed before `run` listened to them: an 'error' event needs a listener from the start. */
  readonly bootFailures: Error[];
}

function siftInWorkers(started: SiftWorkers, path: string, feed: SiftedFeed, onBytes: ((bytes: number) => void) | undefined): Promise<void> {
  const { parts, encoding, workers, counters, bootFailures } = started;
  const workerCount = workers.length;
  return new Promise((resolve, reject) => {
    /** Messages of parts whose turn has not come, per part. */
    const waiting = new Map<number, { message: SiftMessage; worker: number }[]>();
    const total: DecoderStats = { encoding, lines: 0, bytes: 0, truncatedLines: 0, legacyDecodedLines: 0 };
    let current = 0;
    let settled = false;
    /** Per worker, the parts it has said it finished. */
    const partsEnded = Array.from({ length: workerCount }, () => 0);
    const finish = (error?: Error): void => {
      if (settled) return;
      settled = true;
      for (const worker of workers) void worker.terminate();
      if (error) reject(error);
      else resolve();
    };

    const replayer: BatchReader = {
      line: (text, line, truncated) => feed.acceptLine(text, truncated, line),
      stretch: (stretch) => feed.acceptQuiet(stretch),
    };
    /** One message of the current part: its lines renumbered after the parts before it. */
    const replay = (message: SiftMessage, worker: number): void => {
      if (message.type === 'batch') {
        readBatch(message.batch, total.lines, replayer);
        capYoungGeneration();
        Atomics.add(counters[worker]!, 1, 1);
        Atomics.notify(counters[worker]!, 1);
      } else if (message.type === 'part-end') {
        const stats = message.stats;
        if (message.part === 0) total.encoding = stats.encoding;
        total.lines += stats.lines;
        total.bytes += stats.bytes;
        total.truncatedLines += stats.truncatedLines;
        total.legacyDecodedLines += stats.legacyDecodedLines;
        current++;
        const next = waiting.get(current) ?? [];
        waiting.delete(current);
        for (const held of next) replay(held.message, held.worker);
        if (current === parts.length) {
          feed.end(total);
          finish();
        }
      }
    };

    const start: SiftStart = { groups: feed.gateGroups, maxLineChars: feed.maxLineChars };
    workers.forEach((worker, w) => {
      worker.on('message', (message: SiftMessage) => {
        if (settled) return;
        try {
          if (message.type === 'error') return finish(new InputError(path, message.message));
          if (message.type === 'batch') onBytes?.(message.bytes);
          else partsEnded[w]!++;
          if (message.part === current) replay(message, w);
          else if (waiting.has(message.part)) waiting.get(message.part)!.push({ message, worker: w });
          else waiting.set(message.part, [{ message, worker: w }]);
        } catch (error) {
          finish(error as Error);
        }
      });
      worker.on('error', (error) => finish(error));
      // a worker that read all its parts ends; the main thread may still be replaying them
      worker.on('exit', (code) => {
        if (code !== 0) finish(new Error(`sift worker exited with code ${code}`));
        else if (partsEnded[w]! < partsOfWorker(parts, w, workerCount).length) finish(new Error('sift worker ended early'));
      });
      worker.postMessage(start);
    });
    if (bootFailures.length > 0) finish(bootFailures[0]);
  });
}
