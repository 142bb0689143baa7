// Big files are read and sifted (sift-part.ts) by worker threads and by this thread, which analyzes
// what they hand over. Used by `analyze` for files of SIFT_THRESHOLD bytes or more when no event is
// wanted. The file is cut into parts at line starts; each sifter claims the next part when it is free
// (this thread: when the part whose turn it is is still being sifted, so that it never waits while
// there is work), and the parts are replayed in file order (sift-replay.ts). The work balances itself
// between the threads, whatever the share of lines that are not quiet.
import { closeSync, openSync, readSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { encodingOfHead } from '../decode/line-decoder.js';
import { InputError, describeFsError } from '../input/open-inputs.js';
import type { Encoding } from '../types.js';
import { builtWorkerExists } from '../util/built-worker.js';
import { capYoungGeneration } from '../util/young-generation.js';
import type { SiftedFeed } from './analysis.js';
import { HEAD_LINES } from './quiet-lines.js';
import { batchEncoding, BatchWriter } from './sift-batch.js';
import { PartReplayer } from './sift-replay.js';
import { batchSink, READ_CHUNK, siftPart, type SiftSink } from './sift-part.js';
import { claimantOf, claimPart, ITEMS_PER_BATCH, newClaims, type FilePart, type PartMessage, type SiftMessage, type SiftPlan, type SiftStart } from './sift-protocol.js';

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

/** Sifting of a file, its workers started before its feed is made (it takes a while: the rules' literals). */
export interface StartedSift {
  /** Feeds `feed` in file order; a read failure is an InputError. `onBytes` hears of the bytes read as the lines arrive. */
  run(feed: SiftedFeed, onBytes?: (bytes: number) => void): Promise<void>;
  /** Stops the workers, when the file is read here after all. */
  cancel(): void;
}

/**
 * Workers beside the main thread, which sifts too whenever it would wait: one per spare core, at most
 * two (on 2 cores, a second worker would make three busy threads: 12 % slower on 1 GiB). At least
 * one, which reads a file of one part while this thread analyzes. `SYSPREP_DOCTOR_SIFT_WORKERS` sets it
 * (0: this thread alone sifts, for tests).
 */
function workersFor(parts: number): number {
  const configured = process.env.SYSPREP_DOCTOR_SIFT_WORKERS;
  if (configured !== undefined && /^\d$/.test(configured)) return Number(configured);
  return parts > 1 && availableParallelism() > 2 ? 2 : 1;
}

/**
 * Plans the parts of `file` (of `size` bytes when opened) and starts the workers on them: they boot
 * (~90 ms) while the caller makes the feed, then wait for its literal groups. Throws an
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
  const started: SiftWorkers = { file, parts, encoding, claims: newClaims(parts.length), workers: [], counters: [], bootFailures: [] };
  for (let w = 0; w < workersFor(parts.length); w++) {
    const progress = new SharedArrayBuffer(8);
    started.counters.push(new Int32Array(progress));
    const workerPlan: SiftPlan = { path: file, parts, worker: w + 1, claims: started.claims.buffer as SharedArrayBuffer, encoding, progress };
    const worker = new Worker(WORKER_URL, { workerData: workerPlan });
    worker.on('error', (error) => started.bootFailures.push(error));
    started.workers.push(worker);
  }
  return {
    run: (feed, onBytes) => siftParts(started, path, feed, onBytes),
    cancel: () => {
      for (const worker of started.workers) void worker.terminate();
    },
  };
}

/** The workers of one file, from their start on. */
interface SiftWorkers {
  readonly file: string;
  readonly parts: readonly FilePart[];
  readonly encoding: Encoding;
  /** Who claimed which part (sift-protocol.ts, `claimPart`). */
  readonly claims: Int32Array;
  readonly workers: Worker[];
  /** Per worker, Int32 [batches posted, batches consumed] (SiftPlan.progress). */
  readonly counters: Int32Array[];
  /** Errors of workers that failed before `run` listened to them: an 'error' event needs a listener from the start. */
  readonly bootFailures: Error[];
}

/** The main thread among the sifters (`claimPart`). */
const MAIN_THREAD = 0;
/** Parts this thread may have sifted ahead of their turn: bounds the memory they hold. */
const MAX_PARTS_AHEAD = 2;

/** Sifts the parts of the file, in the workers and here, and replays them into `feed`. */
function siftParts(started: SiftWorkers, path: string, feed: SiftedFeed, onBytes: ((bytes: number) => void) | undefined): Promise<void> {
  const { file, parts, encoding, claims, workers, counters, bootFailures } = started;
  const search: SiftStart = { groups: feed.gateGroups, maxLineChars: feed.maxLineChars };
  return new Promise((resolve, reject) => {
    const replayer = new PartReplayer(parts.length, encoding, feed, (sifter) => {
      capYoungGeneration();
      if (sifter === MAIN_THREAD) return;
      Atomics.add(counters[sifter - 1]!, 1, 1);
      Atomics.notify(counters[sifter - 1]!, 1);
    });
    /** Per part, whether its sifter has finished it. */
    const ended = new Uint8Array(parts.length);
    /** What this thread sifts with, once it does. */
    let own: { fd: number; buffer: Buffer; batches: BatchWriter } | undefined;
    let settled = false;
    let stealScheduled = false;
    const finish = (error?: Error): void => {
      if (settled) return;
      settled = true;
      for (const worker of workers) void worker.terminate();
      if (own) closeSync(own.fd);
      if (error) reject(error);
      else resolve();
    };
    const accept = (message: PartMessage, sifter: number): void => {
      if (message.type === 'part-end') ended[message.part] = 1;
      replayer.accept(message, sifter);
      if (replayer.done) finish();
    };

    /**
     * While the part whose turn it is is being sifted, this thread sifts the next part no one has
     * claimed: straight into the feed when it is the one whose turn it is, else into batches of its
     * own, held like a worker's (at most MAX_PARTS_AHEAD of them). Run once the messages that came
     * meanwhile have been replayed. A file of one part is left to its worker, which reads it while
     * this thread analyzes.
     */
    const stealWhileWaiting = (): void => {
      stealScheduled = false;
      if (settled || (parts.length === 1 && workers.length > 0) || replayer.heldFrom(MAIN_THREAD) >= MAX_PARTS_AHEAD) return;
      const index = claimPart(claims, MAIN_THREAD);
      if (index === -1) return;
      try {
        own ??= { fd: openSync(file, 'r'), buffer: Buffer.allocUnsafe(READ_CHUNK), batches: new BatchWriter(batchEncoding(encoding), ITEMS_PER_BATCH) };
        if (index === replayer.current) {
          const stats = siftPart(own.fd, parts[index]!, own.buffer, search, encoding, directSink(feed, replayer.linesBefore, onBytes));
          ended[index] = 1;
          replayer.endPart(stats);
          if (replayer.done) return finish();
        } else {
          const batches = own.batches;
          const pass = (): void => accept({ type: 'batch', part: index, batch: batches.take(), bytes: 0 }, MAIN_THREAD);
          const passIfFull = (): void => {
            if (batches.full) pass();
          };
          const sink = batchSink(batches, passIfFull, (bytes) => onBytes?.(bytes));
          const stats = siftPart(own.fd, parts[index]!, own.buffer, search, encoding, sink);
          if (batches.count > 0) pass();
          accept({ type: 'part-end', part: index, stats }, MAIN_THREAD);
        }
      } catch (error) {
        return finish(isFsError(error) ? new InputError(path, describeFsError(error)) : (error as Error));
      }
      scheduleSteal();
    };
    const scheduleSteal = (): void => {
      if (stealScheduled || settled) return;
      stealScheduled = true;
      setImmediate(stealWhileWaiting);
    };

    workers.forEach((worker, w) => {
      const sifter = w + 1;
      worker.on('message', (message: SiftMessage) => {
        if (settled) return;
        try {
          if (message.type === 'error') return finish(new InputError(path, message.message));
          if (message.type === 'batch') onBytes?.(message.bytes);
          accept(message, sifter);
          scheduleSteal();
        } catch (error) {
          finish(error as Error);
        }
      });
      worker.on('error', (error) => finish(error));
      // a worker that sifted its parts ends; this thread may still be replaying them
      worker.on('exit', (code) => {
        if (code !== 0) return finish(new Error(`sift worker exited with code ${code}`));
        for (let part = 0; part < parts.length; part++) {
          if (claimantOf(claims, part) === sifter && ended[part] === 0) return finish(new Error('sift worker ended early'));
        }
      });
      worker.postMessage(search);
    });
    if (bootFailures.length > 0) finish(bootFailures[0]);
    else scheduleSteal();
  });
}

function isFsError(error: unknown): boolean {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

/** A part the main thread sifts in its turn: straight into the feed, its lines renumbered by `offset`. */
function directSink(feed: SiftedFeed, offset: number, onBytes: ((bytes: number) => void) | undefined): SiftSink {
  return {
    line: (text, line, truncated) => feed.acceptLine(text, truncated, line + offset),
    lineBytes: (bytes, start, end, ascii, line) => feed.acceptLine(bytes.toString(ascii ? 'latin1' : 'utf8', start, end), false, line + offset),
    stretch: (stretch) => feed.acceptQuiet({ ...stretch, lastLine: stretch.lastLine + offset }),
    afterLine: () => {},
    read: (bytes) => onBytes?.(bytes),
  };
}
