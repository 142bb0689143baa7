// Messages between the fleet pool and its worker threads (structured clone: plain data only).
import type { Bundle, MachineResult } from './types.js';

/** `workerData` of every fleet worker. */
export interface WorkerInit {
  /** `--rules DIR`, resolved: the worker loads the custom rules itself. */
  readonly rulesDir: string | undefined;
}

/** Main → worker: analyze this bundle. */
export interface WorkerRequest {
  readonly id: number;
  readonly bundle: Bundle;
}

/** Worker → main: the bundle's result, or the error (a bug, or rules that failed to load). */
export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly machine: MachineResult }
  | { readonly id: number; readonly ok: false; readonly error: string };
