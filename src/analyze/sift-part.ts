// One part of a big file, read, decoded and sifted: the quiet lines (quiet-lines.ts) become stretches,
// the other lines go on, numbered within the part. Run by the sift workers (sift-worker.ts), and by
// the main thread for the parts it takes itself (sift.ts).
import { readSync } from 'node:fs';
import { LineDecoder, type DecoderStats } from '../decode/line-decoder.js';
import type { Encoding } from '../types.js';
import { QuietLines, type QuietStretch } from './quiet-lines.js';
import type { BatchWriter } from './sift-batch.js';
import type { FilePart, SiftStart } from './sift-protocol.js';

/** Bytes read at a time. */
export const READ_CHUNK = 1024 * 1024;

/** Where a part's lines and quiet stretches go, in order; the line numbers count from the part's start. */
export interface SiftSink {
  line(text: string, line: number, truncated: boolean): void;
  /** A line as the file's bytes, `bytes[start, end)`: well-formed UTF-8, ASCII when `ascii`. */
  lineBytes(bytes: Buffer, start: number, end: number, ascii: boolean, line: number): void;
  stretch(stretch: QuietStretch): void;
  /** After each line: time to pass on what was gathered. */
  afterLine(): void;
  /** Bytes read from the file (a progress bar). */
  read(bytes: number): void;
}

/** A sink that writes into `batches`; `afterLine` passes the batch on when it is due. */
export function batchSink(batches: BatchWriter, afterLine: () => void, read: (bytes: number) => void): SiftSink {
  return {
    line: (text, line, truncated) => batches.line(text, line, truncated),
    lineBytes: (bytes, start, end, ascii, line) => batches.lineBytes(bytes, start, end, ascii, line),
    stretch: (stretch) => batches.stretch(stretch),
    afterLine,
    read,
  };
}

/**
 * Sifts `part` of the file open as `fd` (whose head decided `encoding`) into `sink`, reading into
 * `buffer` (READ_CHUNK bytes); returns the part's decoder figures. A read error is thrown.
 */
export function siftPart(fd: number, part: FilePart, buffer: Buffer, search: SiftStart, encoding: Encoding, sink: SiftSink): DecoderStats {
  const pastHead = part.index > 0;
  const quiet = QuietLines.forGroups(search.groups, search.maxLineChars, pastHead);
  if (!quiet) throw new Error('sift: the Info gate has no literals');
  /** A line left by the quiet-line filter: the stretch of quiet lines before it goes first. */
  const lineNumber = (): number => {
    const line = decoder.stats.lines;
    if (quiet.pending > 0) sink.stretch(quiet.collect(line - 1));
    return line;
  };
  const decoder = new LineDecoder(
    (text, truncated) => {
      sink.line(text, lineNumber(), truncated);
      sink.afterLine();
    },
    search.maxLineChars,
    quiet,
    pastHead ? encoding : undefined,
    // most come as bytes: a worker copies them into its batch without decoding them here
    (bytes, start, end, ascii) => {
      sink.lineBytes(bytes, start, end, ascii, lineNumber());
      sink.afterLine();
    },
  );
  for (let position = part.start; position < part.end; ) {
    const read = readSync(fd, buffer, 0, Math.min(READ_CHUNK, part.end - position), position);
    if (read === 0) break; // the file shrank meanwhile: it ends here
    position += read;
    sink.read(read);
    decoder.push(buffer.subarray(0, read));
  }
  decoder.end();
  if (quiet.pending > 0) sink.stretch(quiet.collect(decoder.stats.lines));
  return decoder.stats;
}
