// CLI inputs → named byte sources: files (any name), directories (searched for setupact/setuperr),
// .zip archives (read in memory, never extracted) and `-` for stdin. Problems are values, not throws.
import { open, readdir, realpath, stat, type FileHandle, type FileReadResult } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import type { InputProblem, LogFlavor, SourceRole } from '../types.js';
import { flavorFromName, roleFromPath } from '../analyze/roles.js';
import { BINARY_MESSAGE, fileLooksBinary, guardBinary } from './binary-guard.js';

export interface ByteSource {
  /** The path as shown in reports (for zip entries: `archive.zip:inner/path`). */
  readonly path: string;
  readonly role: SourceRole | undefined;
  readonly flavor: LogFlavor;
  /** Streams the content; may throw a {@link InputError} on read failure. */
  read(): AsyncIterable<Uint8Array>;
  /** Named on the command line itself (a file or `-`), not found inside a folder or an archive. */
  readonly explicit?: boolean;
  /** The file on disk, when the source is one (not stdin, not a zip entry). */
  readonly file?: string;
}

export class InputError extends Error {
  constructor(readonly path: string, message: string) {
    super(message);
  }
}

export interface ResolvedInputs {
  readonly sources: ByteSource[];
  readonly problems: InputProblem[];
}

const READ_CHUNK = 1024 * 1024;
const LOG_NAME = /^(setupact|setuperr)\.log$/i;
const MAX_DIRECTORY_ENTRIES = 200_000;

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT': return 'not found';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a directory';
    case 'ELOOP': return 'too many levels of symbolic links';
    case 'ENOTDIR': return 'not a directory';
    case 'EMFILE': return 'too many open files';
    default: return (error as Error | undefined)?.message ?? String(error);
  }
}

export async function* readFileChunks(path: string): AsyncIterable<Uint8Array> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new InputError(path, describeFsError(error));
  }
  try {
    // `analyze` reads a snapshot: a regular file is read up to the size it had when opened, so one
    // that keeps growing (a log being written, `yes > file`) cannot keep the analysis going forever;
    // `watch` is for following. A file that shrinks meanwhile ends at its new end. (Size 0 means
    // unknown for some special files: then up to end of file.)
    const info = await handle.stat().catch(() => undefined);
    if (info?.isFile() && info.size > 0) yield* readAhead(handle, path, info.size);
    else yield* readSequentially(handle, path);
  } finally {
    await handle.close();
  }
}

/**
 * A regular file of `size` bytes, in chunks: the next chunk is read (on the thread pool) while the
 * consumer works on this one, which it must copy what it keeps of before asking for the next.
 */
async function* readAhead(handle: FileHandle, path: string, size: number): AsyncIterable<Uint8Array> {
  const buffers = [Buffer.allocUnsafe(READ_CHUNK), Buffer.allocUnsafe(READ_CHUNK)];
  let position = 0;
  const readNext = (buffer: Buffer): { length: number; read: Promise<FileReadResult<Buffer>> } | undefined => {
    const length = Math.min(READ_CHUNK, size - position);
    if (length <= 0) return undefined;
    const read = handle.read(buffer, 0, length, position);
    read.catch(() => {}); // awaited below; not an unhandled rejection meanwhile
    position += length;
    return { length, read };
  };
  let turn = 0;
  let pending = readNext(buffers[turn]!);
  try {
    while (pending) {
      let bytesRead: number;
      try {
        ({ bytesRead } = await pending.read);
      } catch (error) {
        throw new InputError(path, describeFsError(error));
      }
      const chunk = buffers[turn]!.subarray(0, bytesRead);
      // a short read: the file shrank meanwhile, and ends here
      const ended = bytesRead < pending.length;
      turn = 1 - turn;
      pending = ended ? undefined : readNext(buffers[turn]!);
      if (bytesRead > 0) yield chunk;
    }
  } finally {
    await pending?.read.catch(() => {});
  }
}

/** A special file (size unknown): chunk after chunk, up to its end. */
async function* readSequentially(handle: FileHandle, path: string): AsyncIterable<Uint8Array> {
  const buffer = Buffer.allocUnsafe(READ_CHUNK);
  for (;;) {
    let bytesRead: number;
    try {
      ({ bytesRead } = await handle.read(buffer, 0, READ_CHUNK, null));
    } catch (error) {
      throw new InputError(path, describeFsError(error));
    }
    if (bytesRead === 0) return;
    yield buffer.subarray(0, bytesRead); // the consumer copies what it keeps before the next read
  }
}

async function* readStdin(): AsyncIterable<Uint8Array> {
  try {
    for await (const chunk of process.stdin) yield chunk as Buffer;
  } catch (error) {
    // `- < folder`, a terminal that went away: one line naming stdin, not a crash
    throw new InputError('<stdin>', describeFsError(error));
  }
}

function fileSource(path: string, displayPath = path): ByteSource {
  return { path: displayPath, role: roleFromPath(displayPath), flavor: flavorFromName(displayPath), file: path, read: () => readFileChunks(path) };
}

/** setupact before setuperr within a folder, so errors can be attributed to setupact's runs. */
function logOrder(a: string, b: string): number {
  const da = a.slice(0, a.length - basename(a).length);
  const db = b.slice(0, b.length - basename(b).length);
  if (da !== db) return da < db ? -1 : 1;
  return basename(a).toLowerCase() < basename(b).toLowerCase() ? -1 : 1;
}

/** Every setupact.log / setuperr.log under a folder (any case), setupact first within a folder; loops are skipped. */
export async function findLogs(root: string, problems: InputProblem[]): Promise<string[]> {
  const found: string[] = [];
  const visited = new Set<string>();
  let entries = 0;
  const walk = async (dir: string): Promise<void> => {
    let real: string;
    try {
      real = await realpath(dir);
    } catch (error) {
      problems.push({ path: dir, message: describeFsError(error) });
      return;
    }
    if (visited.has(real)) return; // a symlink loop, or the same folder reached twice
    visited.add(real);
    let list;
    try {
      list = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      problems.push({ path: dir, message: describeFsError(error) });
      return;
    }
    list.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of list) {
      if (++entries > MAX_DIRECTORY_ENTRIES) return;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isSymbolicLink()) {
        let target;
        try {
          target = await stat(full);
        } catch (error) {
          // a dangling or looping link is only worth a word when it stands for a log
          if (LOG_NAME.test(entry.name)) problems.push({ path: full, message: describeFsError(error) });
          continue;
        }
        if (target.isDirectory()) await walk(full);
        else if (target.isFile() && LOG_NAME.test(entry.name)) found.push(full);
      } else if (entry.isFile() && LOG_NAME.test(entry.name)) found.push(full);
    }
  };
  await walk(root);
  return found.sort(logOrder);
}

async function textLogsIn(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isFile() && /\.(log|txt)$/i.test(e.name)).map((e) => join(dir, e.name)).sort(logOrder);
  } catch {
    return [];
  }
}

function isZipName(path: string): boolean {
  return /\.zip$/i.test(path);
}

/** Resolves every input; unreadable ones become problems and the rest are still returned. */
export async function resolveInputs(inputs: readonly string[]): Promise<ResolvedInputs> {
  const sources: ByteSource[] = [];
  const problems: InputProblem[] = [];
  for (const input of inputs) {
    if (input === '-') {
      sources.push({ path: '<stdin>', role: undefined, flavor: 'other', read: readStdin, explicit: true });
      continue;
    }
    let info;
    try {
      info = await stat(input);
    } catch (error) {
      problems.push({ path: input, message: describeFsError(error) });
      continue;
    }
    if (info.isDirectory()) {
      let logs = await findLogs(input, problems);
      // a ticket folder with only a pasted excerpt: its own .log/.txt files, as for a zip
      if (logs.length === 0) logs = await textLogsIn(input);
      if (logs.length === 0) problems.push({ path: input, message: 'no setupact.log or setuperr.log found in this folder' });
      for (const log of logs) {
        const shown = join(input, relative(input, log));
        if (await fileLooksBinary(log)) problems.push({ path: shown, message: BINARY_MESSAGE });
        else sources.push(fileSource(log, shown));
      }
    } else if (isZipName(input) || (info.isFile() && (await hasZipMagic(input)))) {
      const { readZipSources } = await import('./zip.js'); // only when there is a zip: ~12 MiB to load
      const zip = await readZipSources(input);
      sources.push(...zip.sources);
      problems.push(...zip.problems);
    } else if (info.isFile() && (await fileLooksBinary(input))) {
      problems.push({ path: input, message: BINARY_MESSAGE });
    } else if (info.isFile() || info.isFIFO()) {
      sources.push({ ...fileSource(input), explicit: true });
    } else {
      problems.push({ path: input, message: 'not a regular file (a device or socket cannot be analyzed)' });
    }
  }
  // files on disk were checked above (a big one may be read by a worker, not through read());
  // zip entries and stdin are checked on their first bytes
  return { sources: sources.map(guardBinary), problems };
}

async function hasZipMagic(path: string): Promise<boolean> {
  try {
    const handle = await open(path, 'r');
    try {
      const head = Buffer.alloc(4);
      await handle.read(head, 0, 4, 0);
      return head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
    } finally {
      await handle.close();
    }
  } catch {
    return false;
  }
}
