// Analyzes the fleet's bundles on a pool of worker threads, one whole bundle per task, handed out as
// workers free up (bundles differ a lot in size). The workers run the compiled `worker.js` next to
// this file; when this file is TypeScript source (vitest runs src/ directly, and a worker thread
// cannot load .ts without a loader) or the pool has one slot, bundles are analyzed in-process,
// one after the other, with exactly the same code.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Rule } from '../types.js';
import { analyzeBundle } from './analyze-bundle.js';
import type { WorkerInit, WorkerReply, WorkerRequest } from './protocol.js';
import type { Bundle, MachineResult } from './types.js';

const WORKER_URL = new URL('./worker.js', import.meta.url);

export interface FleetRunOptions {
  /** Pool size; 1 analyzes in-process. Capped at the number of bundles. Default: `os.availableParallelism()`. */
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
  return import.meta.url.endsWith('.js') && existsSync(fileURLToPath(WORKER_URL));
}

export function defaultPoolSize(): number {
  return Math.max(1, availableParallelism());
}

export async function analyzeBundles(bundles: readonly Bundle[], options: FleetRunOptions): Promise<FleetRun> {
  const size = Math.min(options.workers ?? defaultPoolSize(), bundles.length);
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
