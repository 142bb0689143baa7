// A worker thread that reads parts of one big file, decodes them and sifts out the quiet lines
// (sift-part.ts), while the main thread analyzes the lines it hands over: reading and sifting, most
// of the work, run beside the analysis. The worker claims the parts one at a time, in file order,
// with the other sifters (sift.ts). Each part's lines and stretches arrive in file order and are
// numbered within the part, so the main thread replays the file as if it had read it itself.
import { closeSync, openSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { describeFsError } from '../input/open-inputs.js';
import { batchEncoding, BatchWriter } from './sift-batch.js';
import { batchSink, READ_CHUNK, siftPart, type SiftSink } from './sift-part.js';
import { claimPart, ITEMS_PER_BATCH, MAX_BATCHES_AHEAD, type SiftMessage, type SiftPlan, type SiftStart } from './sift-protocol.js';

const plan = workerData as SiftPlan;
const port = parentPort!;
const progress = new Int32Array(plan.progress);
const claims = new Int32Array(plan.claims);

function post(message: SiftMessage): void {
  port.postMessage(message, message.type === 'batch' ? [message.batch.items.buffer, message.batch.text.buffer] : []);
}

const items = new BatchWriter(batchEncoding(plan.encoding), ITEMS_PER_BATCH);
let unreported = 0;
/** Batches posted so far. The first is small: the main thread, idle until then, starts sooner. */
let posted = 0;
const FIRST_BATCH_ITEMS = 256;

function flush(part: number): void {
  if (items.count === 0) return;
  post({ type: 'batch', part, batch: items.take(), bytes: unreported });
  unreported = 0;
  posted = Atomics.add(progress, 0, 1) + 1;
  for (let consumed = Atomics.load(progress, 1); posted - consumed > MAX_BATCHES_AHEAD; consumed = Atomics.load(progress, 1)) {
    Atomics.wait(progress, 1, consumed, 1000);
  }
}

function sinkFor(part: number): SiftSink {
  const flushIfDue = (): void => {
    if (items.full || (posted === 0 && items.count >= FIRST_BATCH_ITEMS)) flush(part);
  };
  return batchSink(items, flushIfDue, (bytes) => (unreported += bytes));
}

function sift(search: SiftStart): void {
  let fd: number;
  try {
    fd = openSync(plan.path, 'r');
  } catch (error) {
    post({ type: 'error', message: describeFsError(error) });
    return;
  }
  try {
    const buffer = Buffer.allocUnsafe(READ_CHUNK);
    for (let index = claimPart(claims, plan.worker); index !== -1; index = claimPart(claims, plan.worker)) {
      const stats = siftPart(fd, plan.parts[index]!, buffer, search, plan.encoding, sinkFor(index));
      flush(index);
      post({ type: 'part-end', part: index, stats });
    }
  } catch (error) {
    post({ type: 'error', message: describeFsError(error) });
  } finally {
    closeSync(fd);
  }
}

// started before the feed was made, the worker boots meanwhile and then waits for what to look for
port.once('message', (search: SiftStart) => sift(search));
