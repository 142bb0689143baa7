// Big files are read and sifted by a worker thread (sift-worker.ts) while this thread analyzes what
// it hands over. Used by `analyze` for files of SIFT_THRESHOLD bytes or more when no event is wanted.
import { Worker } from 'node:worker_threads';
import { InputError } from '../input/open-inputs.js';
import { builtWorkerExists } from '../util/built-worker.js';
import type { SiftedFeed } from './analysis.js';
import type { SiftInit, SiftMessage } from './sift-protocol.js';

const WORKER_URL = new URL('./sift-worker.js', import.meta.url);

/** From this size on a file is sifted in a worker (`SYSPREP_DOCTOR_SIFT_BYTES` overrides it; 0: never). */
export const SIFT_THRESHOLD = 32 * 1024 * 1024;

export function siftThreshold(): number {
  const configured = process.env.SYSPREP_DOCTOR_SIFT_BYTES;
  if (configured === undefined || configured === '') return SIFT_THRESHOLD;
  const bytes = Number(configured);
  return Number.isFinite(bytes) && bytes >= 0 ? bytes : SIFT_THRESHOLD;
}

/** Whether the worker script exists: the built package (under vitest the sources run as TypeScript). */
export function siftWorkerAvailable(): boolean {
  return builtWorkerExists(import.meta.url, WORKER_URL);
}

/**
 * Reads `file` in a worker and feeds `feed` in file order; a read failure is an InputError on `path`.
 * `onBytes` hears of the bytes read as the lines arrive.
 */
export function siftInWorker(file: string, path: string, feed: SiftedFeed, onBytes?: (bytes: number) => void): Promise<void> {
  const progress = new SharedArrayBuffer(8);
  const counters = new Int32Array(progress);
  const init: SiftInit = { path: file, groups: feed.gateGroups, maxLineChars: feed.maxLineChars, progress };
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_URL, { workerData: init });
    let settled = false;
    let reported = 0;
    const finish = (error?: Error): void => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      if (error) reject(error);
      else resolve();
    };
    worker.on('message', (message: SiftMessage) => {
      try {
        if (message.type === 'batch') {
          for (const item of message.items) {
            if ('count' in item) feed.acceptQuiet(item);
            else feed.acceptLine(item[0], item[2], item[1]);
          }
          Atomics.add(counters, 1, 1);
          Atomics.notify(counters, 1);
          onBytes?.(message.bytesRead - reported);
          reported = message.bytesRead;
        } else if (message.type === 'done') {
          feed.end(message.stats);
          finish();
        } else {
          finish(new InputError(path, message.message));
        }
      } catch (error) {
        finish(error as Error);
      }
    });
    worker.on('error', (error) => finish(error));
    worker.on('exit', (code) => finish(code === 0 ? new Error('sift worker ended early') : new Error(`sift worker exited with code ${code}`)));
  });
}

