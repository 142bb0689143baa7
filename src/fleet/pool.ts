// Analyzes the fleet's bundles on a pool of worker threads, one whole bundle per task, handed out as
// workers free up (bundles differ a lot in size). The workers run the compiled `worker.js` next to
// this file; when this file is TypeScript source (vitest runs src/ directly, and a worker thread
// cannot load .ts without a loader) or the pool has one slot, bundles are analyzed in-process,
// one after the other, with exactly the same code.
import { readdir, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { builtWorkerExists } from '../util/built-worker.js';
import type { Rule } from '../types.js';
import { analyzeBundle } from './analyze-bundle.js';
import type { WorkerInit, WorkerReply, WorkerRequest } from './protocol.js';
import type { Bundle, MachineResult } from './types.js';

const WORKER_URL = new URL('./worker.js', import.meta.url);

export interface FleetRunOptions {
  /** Pool size; 1 analyzes in-process. Capped at the number of bundles. Default: {@link autoPoolSize}. */
  readonly workers?: number;
  /** The rules, for in-process analysis (built-in plus `--rules DIR`, already validated). */
  readonly rules: readonly Rule[];
  /** `--rules DIR`: each worker loads the custom rules itself from this folder. */
  readonly rulesDir?: string | undefined;
  /** Called as each bundle is handed out: `started` counts from 1 to `total`. */
  readonly onStart?: (bundle: Bundle, started: number, total: number) => void;
}

export interface FleetRun {
  /** In the order of the bundles given. */
  readonly machines: MachineResult[];
  readonly mode: 'workers' | 'in-process';
  /** Worker threads used (0 in-process). */
  readonly workers: number;
}

/** True when the compiled worker module is there to start (not when running the .ts sources). */
export function workersAvailable(): boolean {
  return builtWorkerExists(import.meta.url, WORKER_URL);
}

/** The most worker threads the machine can run at once. */
export function defaultPoolSize(): number {
  return Math.max(1, availableParallelism());
}

/**
 * Log bytes one more worker must have to analyze to pay for its start-up: loading the modules and
 * warming up the JIT cost a fresh thread ~0.3 s of CPU, the time the analysis takes for ~16 MiB.
 */
export const BYTES_PER_WORKER = 16 * 1024 * 1024;
/** A zip's text logs are bigger than the archive (Panther logs deflate 5-10×); estimate low. */
const ZIP_EXPANSION = 4;
const TEXT_LOG = /\.(log|txt)$/i;

/** Log bytes of the bundles (zips estimated from their size), counted until `enough` is reached. */
async function estimateBytes(bundles: readonly Bundle[], enough: number): Promise<number> {
  let total = 0;
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (depth > 12 || total >= enough) return;
    const list = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of list) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full, depth + 1);
      else if (entry.isFile() && TEXT_LOG.test(entry.name)) total += (await stat(full).catch(() => undefined))?.size ?? 0;
      if (total >= enough) return;
    }
  };
  for (const bundle of bundles) {
    if (bundle.kind === 'zip') total += ((await stat(bundle.path).catch(() => undefined))?.size ?? 0) * ZIP_EXPANSION;
    else await walk(bundle.path, 0);
    if (total >= enough) break;
  }
  return total;
}

/**
 * The default pool size: one worker per {@link BYTES_PER_WORKER} of logs, at most
 * `os.availableParallelism()` and one per bundle. A fleet of small bundles (pasted excerpts, the
 * samples) is analyzed in-process, faster than starting threads for it.
 */
export async function autoPoolSize(bundles: readonly Bundle[]): Promise<number> {
  const cap = Math.min(defaultPoolSize(), bundles.length);
  if (cap <= 1) return 1;
  const bytes = await estimateBytes(bundles, cap * BYTES_PER_WORKER);
  return Math.max(1, Math.min(cap, Math.floor(bytes / BYTES_PER_WORKER)));
}

export async function analyzeBundles(bundles: readonly Bundle[], options: FleetRunOptions): Promise<FleetRun> {
  const size = Math.min(options.workers ?? (await autoPoolSize(bundles)), bundles.length);
  if (size <= 1 || !workersAvailable()) return { machines: await inProcess(bundles, options), mode: 'in-process', workers: 0 };
  return { machines: await withWorkers(bundles, size, options), mode: 'workers', workers: size };
}

async function inProcess(bundles: readonly Bundle[], options: FleetRunOptions): Promise<MachineResult[]> {
  const machines: MachineResult[] = [];
  for (const [i, bundle] of bundles.entries()) {
    options.onStart?.(bundle, i + 1, bundles.length);
    try {
      machines.push(await analyzeBundle(bundle, options.rules));
    } catch (error) {
      throw bundleError(bundle, error instanceof Error ? error.stack ?? error.message : String(error));
    }
  }
  return machines;
}

function bundleError(bundle: Bundle, detail: string): Error {
  return new Error(`analyzing the bundle ${bundle.path}: ${detail}`);
}

function withWorkers(bundles: readonly Bundle[], size: number, options: FleetRunOptions): Promise<MachineResult[]> {
  return new Promise((resolve, reject) => {
    const results: MachineResult[] = new Array<MachineResult>(bundles.length);
    const workers: Worker[] = [];
    let next = 0;
    let done = 0;
    let settled = false;
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      void Promise.allSettled(workers.map((w) => w.terminate())).then(() => (error ? reject(error) : resolve(results)));
    };
    const dispatch = (worker: Worker) => {
      if (settled || next >= bundles.length) return;
      const id = next++;
      options.onStart?.(bundles[id]!, id + 1, bundles.length);
      const request: WorkerRequest = { id, bundle: bundles[id]! };
      worker.postMessage(request);
    };
    const init: WorkerInit = { rulesDir: options.rulesDir };
    for (let i = 0; i < size; i++) {
      const worker = new Worker(WORKER_URL, { workerData: init });
      workers.push(worker);
      worker.on('message', (reply: WorkerReply) => {
        if (!reply.ok) return settle(bundleError(bundles[reply.id]!, reply.error));
        results[reply.id] = reply.machine;
        if (++done === bundles.length) settle();
        else dispatch(worker);
      });
      worker.on('error', (error) => settle(error));
      worker.on('exit', (code) => {
        if (done < bundles.length) settle(new Error(`a fleet worker thread stopped (exit code ${code}) before the analysis was complete`));
      });
      dispatch(worker);
    }
  });
}
