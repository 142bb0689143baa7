// A worker thread that reads parts of one big file, decodes them and sifts out the quiet lines
// (quiet-lines.ts), while the main thread analyzes the lines it hands over: reading and sifting, most
// of the work, run beside the analysis, by one or two workers. Each part's lines and stretches arrive
// in file order and are numbered within the part, so the main thread replays the file as if it had
// read it itself (sift.ts).
import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { LineDecoder } from '../decode/line-decoder.js';
import { describeFsError } from '../input/open-inputs.js';
import { QuietLines } from './quiet-lines.js';
import { BatchWriter } from './sift-batch.js';
import { ITEMS_PER_BATCH, MAX_BATCHES_AHEAD, type FilePart, type SiftMessage, type SiftPlan, type SiftStart } from './sift-protocol.js';

const READ_CHUNK = 1024 * 1024;
const plan = workerData as SiftPlan;
const port = parentPort!;
const progress = new Int32Array(plan.progress);

function post(message: SiftMessage): void {
  port.postMessage(message, message.type === 'batch' ? [message.batch.items.buffer, message.batch.text.buffer] : []);
}

const items = new BatchWriter(plan.encoding.startsWith('utf-16') ? 'utf16le' : 'utf8', ITEMS_PER_BATCH);
let unreported = 0;
/** Batches posted so far. The first is small: the main thread, idle until then, starts sooner. */
let posted = 0;
const FIRST_BATCH_ITEMS = 256;
/** Whether the batch is to go now: full, or the first one. */
function batchDue(): boolean {
  return items.full || (posted === 0 && items.count >= FIRST_BATCH_ITEMS);
}

function flush(part: number): void {
  if (items.count === 0) return;
  post({ type: 'batch', part, batch: items.take(), bytes: unreported });
  unreported = 0;
  posted = Atomics.add(progress, 0, 1) + 1;
  for (let consumed = Atomics.load(progress, 1); posted - consumed > MAX_BATCHES_AHEAD; consumed = Atomics.load(progress, 1)) {
    Atomics.wait(progress, 1, consumed, 1000);
  }
}

function siftPart(fd: number, part: FilePart, buffer: Buffer, search: SiftStart): void {
  const pastHead = part.index > 0;
  const quiet = QuietLines.forGroups(search.groups, search.maxLineChars, pastHead);
  if (!quiet) throw new Error('sift worker: the Info gate has no literals');
  /** A line left by the quiet-line filter: the stretch of quiet lines before it goes first. */
  const lineNumber = (): number => {
    const line = decoder.stats.lines;
    if (quiet.pending > 0) items.stretch(quiet.collect(line - 1));
    return line;
  };
  const decoder = new LineDecoder(
    (text, truncated) => {
      items.line(text, lineNumber(), truncated);
      if (batchDue()) flush(part.index);
    },
    search.maxLineChars,
    quiet,
    pastHead ? plan.encoding : undefined,
    // most come as bytes, copied into the batch without being decoded here and encoded again
    (bytes, start, end, ascii) => {
      items.lineBytes(bytes, start, end, ascii, lineNumber());
      if (batchDue()) flush(part.index);
    },
  );
  for (let position = part.start; position < part.end; ) {
    const read = readSync(fd, buffer, 0, Math.min(READ_CHUNK, part.end - position), position);
    if (read === 0) break; // the file shrank meanwhile: it ends here
    position += read;
    unreported += read;
    decoder.push(buffer.subarray(0, read));
  }
  decoder.end();
  if (quiet.pending > 0) items.stretch(quiet.collect(decoder.stats.lines));
  flush(part.index);
  post({ type: 'part-end', part: part.index, stats: decoder.stats });
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
    for (const part of plan.parts) siftPart(fd, part, buffer, search);
  } catch (error) {
    post({ type: 'error', message: describeFsError(error) });
  } finally {
    closeSync(fd);
  }
}

// started before the feed was made, the worker boots meanwhile and then waits for what to look for
port.once('message', (search: SiftStart) => sift(search));
