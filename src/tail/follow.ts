// The file-following layer of `watch`: turns files and directories on disk into a stream of
// appended byte ranges. Decoding and line splitting happen downstream.

import { basename, resolve, win32 } from 'node:path';
import { constants, lstat, open, realpath, stat, type FileHandle } from 'node:fs/promises';
import type { BigIntStats } from 'node:fs';
import { watch, type FSWatcher } from 'chokidar';
import { EventQueue } from './event-queue.js';

export type ResetReason = 'truncated' | 'replaced' | 'deleted';

export type FollowEvent =
  /** A followed file was found or (re)created; its bytes follow from offset 0. */
  | { readonly type: 'open'; readonly path: string }
  /** Newly appended bytes, in file order, never overlapping, never skipping. */
  | { readonly type: 'data'; readonly path: string; readonly bytes: Buffer }
  /**
   * Drop all state kept for this file. After `truncated` / `replaced`, data restarts at offset 0
   * of the new content; after `deleted`, nothing comes until the file is back (`open` again).
   */
  | { readonly type: 'reset'; readonly path: string; readonly reason: ResetReason }
  /** The file could not be read (permissions, ...); following goes on. */
  | { readonly type: 'error'; readonly path: string; readonly message: string };

export interface FollowOptions {
  /** Poll with `stat` instead of native events (network shares, some VMs): `true`, or the interval in ms. */
  poll?: boolean | number;
  /** Poll interval in ms when `poll` is `true`. Default 100. */
  pollInterval?: number;
  /** Interval in ms of the stat-based safety check that catches events the OS did not deliver. Default 250. */
  recheckMs?: number;
  /** Largest single read, in bytes. Default 1 MiB. */
  chunkBytes?: number;
}

/** A stream of `FollowEvent`s for one consumer. Events of one file are in order; files interleave. */
export interface LogFollower extends AsyncIterable<FollowEvent> {
  /** Resolves once the initial scan is done and the files found are being read. Never rejects. */
  readonly ready: Promise<void>;
  /**
   * Stops watching, waits for reads in progress and closes every handle. The iteration ends at once:
   * events not yet taken are dropped. Idempotent.
   */
  close(): Promise<void>;
}

/**
 * Follows `targets`: files (which may not exist yet; followed whatever their name) and directories
 * (searched recursively, now and later, for `setupact.log` / `setuperr.log`, any case).
 * Every followed file is delivered from offset 0, then as it grows.
 */
export function followLogs(targets: readonly string[], opts: FollowOptions = {}): LogFollower {
  return new Follower(targets, opts);
}

/** The machine's own Panther folders on Windows; empty elsewhere. */
export function defaultPantherTargets(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string[] {
  if (platform !== 'win32') return [];
  // Windows environment names are case-insensitive; a plain object passed in is not.
  const lookup = (name: string): string | undefined =>
    Object.entries(env).find(([key, value]) => key.toLowerCase() === name.toLowerCase() && value)?.[1];
  const driveRoot = `${lookup('SystemDrive') ?? 'C:'}\\`;
  const windows = lookup('WINDIR') ?? lookup('SystemRoot') ?? win32.join(driveRoot, 'Windows');
  return [
    win32.join(windows, 'System32', 'Sysprep', 'Panther'),
    win32.join(windows, 'Panther'),
    win32.join(windows, 'Panther', 'UnattendGC'),
    win32.join(driveRoot, '$Windows.~BT', 'Sources', 'Panther'),
  ];
}

const PANTHER_LOG_NAME = /^setup(act|err)\.log$/i;
const DEFAULT_CHUNK_BYTES = 1024 * 1024;
const DEFAULT_POLL_INTERVAL_MS = 100;
const DEFAULT_RECHECK_MS = 250;
/** How far ahead of the consumer the readers may get, in buffered data bytes. */
const QUEUE_HIGH_WATER_BYTES = 4 * 1024 * 1024;
/** Bytes before the offset that are re-read and compared, to notice content rewritten in place. */
const TAIL_CHECK_BYTES = 64;
/**
 * chokidar drops `change` events for 50 ms after emitting one; a read slightly later picks up
 * writes made in that window without waiting for the recheck.
 */
const TRAILING_READ_MS = 60;
/** O_NONBLOCK so that a FIFO named as a target cannot block a thread-pool thread in `open`. */
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
const NO_BYTES = Buffer.alloc(0);

/** What identifies the file behind a path. bigint stats: 64-bit NTFS file ids do not fit a double. */
interface FileIdentity {
  readonly dev: bigint;
  readonly ino: bigint;
  readonly birthtimeNs: bigint;
}

interface FollowedFile {
  readonly path: string;
  /** Set while the file exists and has been opened; undefined before `open` and after `deleted`. */
  identity?: FileIdentity;
  /** Bytes delivered so far. */
  offset: number;
  /** The last bytes delivered (at most TAIL_CHECK_BYTES), expected unchanged at `offset - tail.length`. */
  tail: Buffer;
  buffer?: Buffer;
  /** The read in progress; never two at once for one file. */
  reading?: Promise<void>;
  /** A change arrived during the read in progress: read again after it. */
  readAgain: boolean;
  trailingRead?: NodeJS.Timeout;
  /** Last error reported, so that a lasting condition is reported once. */
  lastError?: string;
}

class Follower implements LogFollower {
  readonly ready: Promise<void>;
  private readonly files = new Map<string, FollowedFile>();
  /** Watched root path → target it stands for (differs when the target is a symlink). */
  private readonly roots = new Map<string, string>();
  /** Targets that do not exist right now; chokidar does not notice them appearing, the recheck does. */
  private readonly absentTargets = new Set<string>();
  private readonly watcher: FSWatcher;
  private readonly queue: EventQueue<FollowEvent>;
  private readonly chunkBytes: number;
  private readonly recheckMs: number;
  private readonly started: Promise<void>;
  private resolveReady: () => void = () => undefined;
  private recheckTimer?: NodeJS.Timeout;
  private closed = false;
  private closing?: Promise<void>;

  constructor(targets: readonly string[], opts: FollowOptions) {
    this.chunkBytes = Math.max(opts.chunkBytes ?? DEFAULT_CHUNK_BYTES, 4 * TAIL_CHECK_BYTES);
    this.recheckMs = opts.recheckMs ?? DEFAULT_RECHECK_MS;
    this.queue = new EventQueue<FollowEvent>(
      (event) => (event.type === 'data' ? event.bytes.length : 0),
      QUEUE_HIGH_WATER_BYTES,
      () => this.close(),
    );
    const pollInterval = typeof opts.poll === 'number' ? opts.poll : (opts.pollInterval ?? DEFAULT_POLL_INTERVAL_MS);
    this.watcher = watch([], {
      ignoreInitial: false,
      awaitWriteFinish: false,
      // Symlinks inside directories are not descended into: a loop would be followed until ELOOP.
      // Targets that are symlinks are resolved before watching.
      followSymlinks: false,
      usePolling: Boolean(opts.poll),
      interval: pollInterval,
      binaryInterval: pollInterval,
      // Unreadable files are then handed to us to report, instead of being skipped silently.
      ignorePermissionErrors: true,
      ignored: (path, stats) => stats?.isFile() === true && !this.isFollowed(path),
    });
    this.watcher.on('all', (event, path) => this.onWatcherEvent(event, path));
    this.watcher.on('error', (error) => {
      this.queue.push({ type: 'error', path: errorPath(error), message: oneLine(error) });
    });
    this.ready = new Promise((resolveReady) => (this.resolveReady = resolveReady));
    this.watcher.on('ready', () => {
      // Catches what was written between chokidar's initial scan and its watchers being in place.
      for (const file of this.files.values()) this.requestRead(file);
      this.resolveReady();
    });
    this.started = this.start([...new Set(targets.map((target) => resolve(target)))]);
  }

  [Symbol.asyncIterator](): AsyncIterator<FollowEvent> {
    return this.queue;
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async start(targets: readonly string[]): Promise<void> {
    const present: string[] = [];
    for (const target of targets) {
      const root = await watchedPathOf(target);
      if (root === undefined) {
        this.absentTargets.add(target);
      } else {
        this.roots.set(root, target);
        present.push(root);
      }
    }
    if (this.closed) return;
    if (present.length > 0) this.watcher.add(present);
    else this.resolveReady();
    this.scheduleRecheck();
  }

  private async shutdown(): Promise<void> {
    this.closed = true;
    clearTimeout(this.recheckTimer);
    for (const file of this.files.values()) clearTimeout(file.trailingRead);
    this.queue.end();
    this.resolveReady();
    await this.started;
    await this.watcher.close();
    await Promise.all([...this.files.values()].map((file) => file.reading));
  }

  private isFollowed(path: string): boolean {
    return this.roots.has(path) || PANTHER_LOG_NAME.test(basename(path));
  }

  private onWatcherEvent(event: string, path: string): void {
    if (this.closed) return;
    const target = this.roots.get(path);
    if (target !== undefined && (event === 'unlink' || event === 'unlinkDir')) this.absentTargets.add(target);
    if (event !== 'add' && event !== 'change' && event !== 'unlink') return;
    if (!this.isFollowed(path)) return;
    const file = this.fileAt(path);
    this.requestRead(file);
    clearTimeout(file.trailingRead);
    file.trailingRead = setTimeout(() => this.requestRead(file), TRAILING_READ_MS);
  }

  private fileAt(path: string): FollowedFile {
    let file = this.files.get(path);
    if (!file) {
      file = { path, offset: 0, tail: NO_BYTES, readAgain: false };
      this.files.set(path, file);
    }
    return file;
  }

  /** Reads whatever is new in `file`, now or right after the read in progress. */
  private requestRead(file: FollowedFile): void {
    if (this.closed) return;
    if (file.reading) {
      file.readAgain = true;
      return;
    }
    file.reading = (async () => {
      do {
        file.readAgain = false;
        await this.readAppended(file);
      } while (file.readAgain && !this.closed);
      file.reading = undefined;
    })();
  }

  private scheduleRecheck(): void {
    if (this.closed) return;
    this.recheckTimer = setTimeout(() => void this.recheck(), this.recheckMs);
  }

  /** Some platforms miss events; a stat per file is cheap and also sees same-size replacements. */
  private async recheck(): Promise<void> {
    await Promise.all([
      ...[...this.absentTargets].map((target) => this.lookForTarget(target)),
      ...[...this.files.values()].map((file) => this.recheckFile(file)),
    ]);
    this.scheduleRecheck();
  }

  private async lookForTarget(target: string): Promise<void> {
    const root = await watchedPathOf(target);
    if (root === undefined || this.closed) return;
    this.absentTargets.delete(target);
    this.roots.set(root, target);
    this.watcher.add(root);
  }

  private async recheckFile(file: FollowedFile): Promise<void> {
    if (file.reading) return;
    const stats = await statOf(file.path);
    const changed =
      stats === undefined
        ? file.identity !== undefined
        : stats.isFile() &&
          (file.identity === undefined || !isSameFile(file.identity, stats) || Number(stats.size) !== file.offset);
    if (changed) this.requestRead(file);
  }

  private async readAppended(file: FollowedFile): Promise<void> {
    let handle: FileHandle;
    try {
      // Opened for each read rather than kept open: on Windows an open handle would keep a deleted
      // log's name taken and could get in the way of setup rotating its logs.
      handle = await open(file.path, READ_FLAGS);
    } catch (error) {
      if (isMissing(error)) this.markDeleted(file);
      else this.reportError(file, oneLine(error));
      return;
    }
    try {
      const stats = await handle.stat({ bigint: true });
      if (!stats.isFile()) {
        if (!stats.isDirectory()) this.reportError(file, 'not a regular file');
        return;
      }
      file.lastError = undefined;
      if (file.identity === undefined) {
        file.identity = identityOf(stats);
        this.queue.push({ type: 'open', path: file.path });
      } else if (!isSameFile(file.identity, stats)) {
        file.identity = identityOf(stats);
        this.restart(file, 'replaced');
      }
      await this.readToEnd(file, handle);
    } catch (error) {
      this.reportError(file, oneLine(error));
    } finally {
      await handle.close().catch(() => undefined);
    }
  }

  /**
   * Reads from the offset to the end of the file in bounded chunks. Each read starts a few bytes
   * early and checks they are the bytes delivered last: a file truncated (even if it has since grown
   * past the offset again) or rewritten in place is noticed, and not spliced onto the old content.
   */
  private async readToEnd(file: FollowedFile, handle: FileHandle): Promise<void> {
    const buffer = (file.buffer ??= Buffer.allocUnsafe(this.chunkBytes));
    for (;;) {
      await this.queue.room();
      if (this.closed) return;
      const overlap = file.tail.length;
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, file.offset - overlap);
      if (this.closed) return;
      if (bytesRead < overlap || !buffer.subarray(0, overlap).equals(file.tail)) {
        this.restart(file, 'truncated');
        continue;
      }
      if (bytesRead === overlap) return;
      file.offset += bytesRead - overlap;
      file.tail = Buffer.from(buffer.subarray(Math.max(0, bytesRead - TAIL_CHECK_BYTES), bytesRead));
      this.queue.push({ type: 'data', path: file.path, bytes: Buffer.from(buffer.subarray(overlap, bytesRead)) });
    }
  }

  private restart(file: FollowedFile, reason: 'truncated' | 'replaced'): void {
    file.offset = 0;
    file.tail = NO_BYTES;
    this.queue.push({ type: 'reset', path: file.path, reason });
  }

  private markDeleted(file: FollowedFile): void {
    if (file.identity === undefined) return;
    file.identity = undefined;
    file.offset = 0;
    file.tail = NO_BYTES;
    file.buffer = undefined;
    this.queue.push({ type: 'reset', path: file.path, reason: 'deleted' });
  }

  private reportError(file: FollowedFile, message: string): void {
    if (file.lastError === message) return;
    file.lastError = message;
    this.queue.push({ type: 'error', path: file.path, message });
  }
}

function identityOf(stats: BigIntStats): FileIdentity {
  return { dev: stats.dev, ino: stats.ino, birthtimeNs: stats.birthtimeNs };
}

/**
 * Same dev and inode, and the same birthtime: inode numbers are reused at once on ext4 after a
 * delete. A birthtime equal to ctime proves nothing: libuv reports ctime as birthtime where the
 * platform has no birthtime, and that moves on every write.
 */
function isSameFile(known: FileIdentity, now: BigIntStats): boolean {
  if (known.dev !== now.dev || known.ino !== now.ino) return false;
  return now.birthtimeNs === now.ctimeNs || now.birthtimeNs === known.birthtimeNs;
}

/** The path to hand to chokidar for a target (symlinks resolved), or undefined when it does not exist. */
async function watchedPathOf(target: string): Promise<string | undefined> {
  try {
    return (await lstat(target)).isSymbolicLink() ? await realpath(target) : target;
  } catch {
    return undefined;
  }
}

async function statOf(path: string): Promise<BigIntStats | undefined> {
  try {
    return await stat(path, { bigint: true });
  } catch {
    return undefined;
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function errorPath(error: unknown): string {
  return (error as NodeJS.ErrnoException | undefined)?.path ?? '';
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
