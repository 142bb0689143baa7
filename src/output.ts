// Writing results: stdout (quiet on a closed pipe) or a file written whole or not at all.
import { randomBytes } from 'node:crypto';
import { createWriteStream, rmSync, type WriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UserError, EXIT } from './errors.js';

function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Temporary files not yet renamed into place. If the process ends before (Ctrl-C, a closed pipe, a
 * crash), they are removed on exit: an interrupted run leaves neither a half report nor debris.
 */
const pendingTemps = new Set<string>();
let exitHookInstalled = false;

function trackTemp(tmp: string): void {
  pendingTemps.add(tmp);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const path of pendingTemps) {
      try {
        rmSync(path, { force: true });
      } catch {
        // nothing more can be done while exiting
      }
    }
  });
}

function untrackTemp(tmp: string): void {
  pendingTemps.delete(tmp);
}

function whyNotWritten(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'folder does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'ENOTDIR') return 'a parent of it is not a folder';
  if (code === 'ENOSPC') return 'no space left on the device';
  if (code === 'EROFS') return 'read-only file system';
  return (error as Error).message;
}

function writeError(path: string, error: unknown): UserError {
  return new UserError(`cannot write ${path}: ${whyNotWritten(error)}`, EXIT.usage);
}

/**
 * Writes `text` to `path` through a temporary file and a rename, so a reader never sees half a report
 * (straight into a device or a named pipe: see `openOutput`).
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const out = await openOutput(path);
  out.write(text);
  await out.commit();
}

/** Set once stdout's reader has gone away (EPIPE): what is left to print is dropped. */
let stdoutClosed = false;
/** Whether the running command finishes its work after EPIPE (analyze: for its exit code) or exits at once. */
let finishAfterClosedStdout = false;

/** `analyze` calls this: a closed pipe stops the output, the analysis still completes and sets the exit code. */
export function finishWhenStdoutCloses(): void {
  finishAfterClosedStdout = true;
}

export function isStdoutClosed(): boolean {
  return stdoutClosed;
}

/**
 * The process-wide stdout error handler (installed by the CLI entry point). EPIPE: the reader closed
 * the pipe (`| head`), which is not an error. Anything else (a full disk behind `> file`): one line
 * on stderr and exit 2, never a stack trace.
 */
export function installStdoutGuard(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') {
      stdoutClosed = true;
      if (!finishAfterClosedStdout) process.exit(process.exitCode ?? EXIT.ok);
      return;
    }
    if (stdoutClosed) return;
    stdoutClosed = true;
    process.stderr.write(`sysprep-doctor: cannot write to standard output: ${whyNotWritten(error)}\n`);
    process.exit(EXIT.usage);
  });
}

export function writeStdout(text: string): Promise<void> {
  return new Promise((resolve) => {
    if (text.length === 0 || stdoutClosed) return resolve();
    process.stdout.write(text, () => resolve());
  });
}

export async function emit(text: string, outputPath: string | undefined): Promise<void> {
  if (outputPath && outputPath !== '-') await writeFileAtomic(outputPath, text);
  else await writeStdout(text);
}

/** A streamed output (ndjson): stdout, or a temporary file renamed into place on commit. */
export interface OutputStream {
  write(text: string): void;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

export async function openOutput(path: string | undefined): Promise<OutputStream> {
  if (!path || path === '-') {
    return {
      write: (text) => {
        if (!stdoutClosed) process.stdout.write(text);
      },
      commit: () => writeStdout(''),
      abort: async () => undefined,
    };
  }
  // a device or a named pipe (`-o /dev/null`, `-o /dev/stdout`, a FIFO) is written into, never renamed over
  const target = await stat(path).catch(() => undefined);
  if (target !== undefined && !target.isFile() && !target.isDirectory()) return openStraight(path);
  const tmp = tempPathFor(path);
  trackTemp(tmp);
  const stream = createWriteStream(tmp, { flags: 'wx' });
  const failure = await opened(stream);
  if (failure.error) {
    untrackTemp(tmp);
    throw writeError(path, failure.error);
  }
  const close = () => new Promise<void>((resolve) => stream.end(() => resolve()));
  return {
    write: (text) => void stream.write(text),
    async commit() {
      await close();
      try {
        if (failure.error) throw failure.error;
        await rename(tmp, path);
      } catch (error) {
        await rm(tmp, { force: true }).catch(() => undefined);
        throw writeError(path, error);
      } finally {
        untrackTemp(tmp);
      }
    },
    async abort() {
      // destroy, not end: what is still buffered is not worth writing, and Ctrl-C must be prompt
      // (a write in flight can take a second to finish; unlinking does not wait for it on POSIX)
      const closed = stream.closed ? Promise.resolve() : new Promise<void>((resolve) => stream.once('close', () => resolve()));
      stream.destroy();
      try {
        await rm(tmp, { force: true });
      } catch {
        // Windows cannot delete a file still open: once closed, then
        await closed;
        await rm(tmp, { force: true }).catch(() => undefined);
      }
      untrackTemp(tmp);
    },
  };
}

/** Opens `stream`; what went wrong with it, now (`error`) or later, is kept in the returned record. */
async function opened(stream: WriteStream): Promise<{ error?: unknown }> {
  const failure: { error?: unknown } = {};
  stream.on('error', (error) => {
    failure.error ??= error;
  });
  await new Promise<void>((resolve) => {
    stream.once('open', () => resolve());
    stream.once('error', () => resolve());
  });
  return failure;
}

/** An output written straight into `path`, which is not a regular file. */
async function openStraight(path: string): Promise<OutputStream> {
  const stream = createWriteStream(path, { flags: 'w' });
  const failure = await opened(stream);
  if (failure.error) throw writeError(path, failure.error);
  return {
    write: (text) => void stream.write(text),
    async commit() {
      await new Promise<void>((resolve) => stream.end(() => resolve()));
      if (failure.error) throw writeError(path, failure.error);
    },
    async abort() {
      stream.destroy();
    },
  };
}
