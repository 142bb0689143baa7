// Writing results: stdout (quiet on a closed pipe) or a file written whole or not at all.
import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UserError, EXIT } from './errors.js';

/** Writes `text` to `path` through a temporary file and a rename, so a reader never sees half a report. */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, text, { flag: 'wx' });
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true }).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'folder does not exist' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    throw new UserError(`cannot write ${path}: ${why}`, EXIT.usage);
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
