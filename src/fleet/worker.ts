// A fleet worker thread: loads the rules once (built-in, plus `--rules DIR` loaded here with
// `loadRules`), then analyzes whole bundles one at a time and posts back compact results.
import { parentPort, workerData } from 'node:worker_threads';
import { builtinRules } from '../engine/registry.js';
import type { Rule } from '../types.js';
import { analyzeBundle } from './analyze-bundle.js';
import type { WorkerInit, WorkerReply, WorkerRequest } from './protocol.js';

const init = workerData as WorkerInit;
const port = parentPort;
if (!port) throw new Error('src/fleet/worker.js is a worker thread module; it is started by the fleet pool');

// load-rules pulls in ajv and yaml; only a worker with custom rules pays for them
const rulesReady: Promise<readonly Rule[]> = init.rulesDir
  ? import('../commands/load-rules.js').then((m) => m.loadRules(init.rulesDir))
  : Promise.resolve(builtinRules);
rulesReady.catch(() => undefined); // reported with the first request

function describe(error: unknown): string {
  return error instanceof Error ? error.stack ?? error.message : String(error);
}

port.on('message', (request: WorkerRequest) => {
  void (async () => {
    let reply: WorkerReply;
    try {
      reply = { id: request.id, ok: true, machine: await analyzeBundle(request.bundle, await rulesReady) };
    } catch (error) {
      reply = { id: request.id, ok: false, error: describe(error) };
    }
    port.postMessage(reply);
  })();
});
