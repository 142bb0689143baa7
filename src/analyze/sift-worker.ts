// A worker thread that reads one big file, decodes it and sifts out the quiet lines (quiet-lines.ts),
// while the main thread analyzes the lines it hands over: reading and sifting, most of the work, run
// beside the analysis. The lines and stretches arrive in file order, so the result is the same as
// sifting in the main thread.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { LineDecoder } from '../decode/line-decoder.js';
import { describeFsError } from '../input/open-inputs.js';
import { QuietLines } from './quiet-lines.js';
import { ITEMS_PER_BATCH, MAX_BATCHES_AHEAD, type SiftInit, type SiftItem, type SiftMessage } from './sift-protocol.js';

const READ_CHUNK = 1024 * 1024;
const init = workerData as SiftInit;
const port = parentPort!;
const progress = new Int32Array(init.progress);

function post(message: SiftMessage): void {
  port.postMessage(message);
}

let items: SiftItem[] = [];
let bytesRead = 0;
function flush(): void {
  if (items.length === 0) return;
  post({ type: 'batch', items, bytesRead });
  items = [];
  const posted = Atomics.add(progress, 0, 1) + 1;
  for (let consumed = Atomics.load(progress, 1); posted - consumed > MAX_BATCHES_AHEAD; consumed = Atomics.load(progress, 1)) {
    Atomics.wait(progress, 1, consumed, 1000);
  }
}

function sift(): void {
  const quiet = QuietLines.forGroups(init.groups, init.maxLineChars);
  if (!quiet) throw new Error('sift worker: the Info gate has no literals');
  const decoder = new LineDecoder(
    (text, truncated) => {
      const line = decoder.stats.lines;
      if (quiet.pending > 0) items.push(quiet.collect(line - 1));
      items.push([text, line, truncated]);
      if (items.length >= ITEMS_PER_BATCH) flush();
    },
    init.maxLineChars,
    quiet,
  );
  let fd: number;
  try {
    fd = openSync(init.path, 'r');
  } catch (error) {
    post({ type: 'error', message: describeFsError(error) });
    return;
  }
  try {
    // a snapshot, as `analyze` reads any file: up to the size it had when opened
    const size = fstatSync(fd).size;
    let left = size > 0 ? size : Infinity;
    const buffer = Buffer.allocUnsafe(READ_CHUNK);
    let position = 0;
    while (left > 0) {
      const read = readSync(fd, buffer, 0, Math.min(READ_CHUNK, left), position);
      if (read === 0) break;
      position += read;
      bytesRead = position;
      left -= read;
      decoder.push(buffer.subarray(0, read));
    }
  } catch (error) {
    flush();
    post({ type: 'error', message: describeFsError(error) });
    return;
  } finally {
    closeSync(fd);
  }
  decoder.end();
  if (quiet.pending > 0) items.push(quiet.collect(decoder.stats.lines));
  flush();
  post({ type: 'done', stats: decoder.stats });
}

sift();
