// Writing results: stdout (quiet on a closed pipe) or a file written whole or not at all.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UserError, EXIT } from './errors.js';

function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
}

function writeError(path: string, error: unknown): UserError {
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'folder does not exist' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
  return new UserError(`cannot write ${path}: ${why}`, EXIT.usage);
}

/** Writes `text` to `path` through a temporary file and a rename, so a reader never sees half a report. */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const tmp = tempPathFor(path);
  try {
    await writeFile(tmp, text, { flag: 'wx' });
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw writeError(path, error);
  }
}

export function writeStdout(text: string): Promise<void> {
  return new Promise((resolve) => {
    if (text.length === 0) return resolve();
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
      write: (text) => void process.stdout.write(text),
      commit: () => writeStdout(''),
      abort: async () => undefined,
    };
  }
  const tmp = tempPathFor(path);
  const stream = createWriteStream(tmp, { flags: 'wx' });
  let failure: unknown;
  stream.on('error', (error) => {
    failure ??= error;
  });
  await new Promise<void>((resolve) => {
    stream.once('open', () => resolve());
    stream.once('error', () => resolve());
  });
  if (failure) throw writeError(path, failure);
  const close = () => new Promise<void>((resolve) => stream.end(() => resolve()));
  return {
    write: (text) => void stream.write(text),
    async commit() {
      await close();
      try {
        if (failure) throw failure;
        await rename(tmp, path);
      } catch (error) {
        await rm(tmp, { force: true }).catch(() => undefined);
        throw writeError(path, error);
      }
    },
    async abort() {
      await close();
      await rm(tmp, { force: true }).catch(() => undefined);
    },
  };
}
