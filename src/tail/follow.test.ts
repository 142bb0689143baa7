import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  appendFileSync,
  chmodSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  renameSync,
  rmSync,
  truncateSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { defaultPantherTargets, followLogs, type FollowEvent, type FollowOptions, type LogFollower } from './follow.js';

const isWindows = process.platform === 'win32';
const runsAsRoot = process.getuid?.() === 0;
const LINE = '2024-05-14 10:02:16, Info                  SYSPRP Sysprep_Generalize_Appx: started\r\n';

let dir = '';
const running: LogFollower[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((follower) => follower.close()));
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});

function tempDir(): string {
  // realpath: followed paths are reported as found on disk (macOS's /tmp is a symlink).
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'sysprep-tail-')));
  return dir;
}

async function follow(targets: string[], opts?: FollowOptions) {
  const follower = followLogs(targets, opts);
  running.push(follower);
  const events: FollowEvent[] = [];
  const finished = (async () => {
    for await (const event of follower) events.push(event);
  })();
  await follower.ready;
  return { follower, events, finished };
}

/** The bytes delivered for `path` since its last reset. */
function bytesOf(events: readonly FollowEvent[], path: string): Buffer {
  const chunks: Buffer[] = [];
  for (const event of events) {
    if (event.path !== path) continue;
    if (event.type === 'reset') chunks.length = 0;
    if (event.type === 'data') chunks.push(event.bytes);
  }
  return Buffer.concat(chunks);
}

const textOf = (events: readonly FollowEvent[], path: string) => bytesOf(events, path).toString('utf8');

/** Event types in order, data events collapsed, for readable assertions and failure messages. */
function summary(events: readonly FollowEvent[], path?: string): string[] {
  const out: string[] = [];
  for (const event of events) {
    if (path !== undefined && event.path !== path) continue;
    const label = event.type === 'reset' ? `reset ${event.reason}` : event.type;
    if (label !== 'data' || out.at(-1) !== 'data') out.push(label);
  }
  return out;
}

async function waitFor(what: string, predicate: () => boolean, events: readonly FollowEvent[], timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; events: ${summary(events).join(', ')}`);
    await sleep(10);
  }
}

describe('followLogs', () => {
  it('follows a file that does not exist yet, from creation on', async () => {
    const log = join(tempDir(), 'setupact.log');
    const { events } = await follow([log]);
    expect(events).toEqual([]);

    writeFileSync(log, LINE);
    await waitFor('the first line', () => textOf(events, log) === LINE, events);
    appendFileSync(log, 'second\r\n');
    await waitFor('the second line', () => textOf(events, log) === LINE + 'second\r\n', events);
    expect(summary(events)).toEqual(['open', 'data']);
  });

  it('delivers 200 small appends exactly once and in order', async () => {
    const log = join(tempDir(), 'setupact.log');
    writeFileSync(log, '');
    const { events } = await follow([log]);
    let written = '';
    for (let i = 0; i < 200; i++) {
      const line = `line ${i}\n`;
      appendFileSync(log, line);
      written += line;
      if (i % 4 === 0) await sleep(1);
    }
    await waitFor('all appends', () => textOf(events, log).length >= written.length, events);
    await sleep(300); // a duplicate read would show up here
    expect(textOf(events, log)).toBe(written);
    expect(summary(events)).toEqual(['open', 'data']);
  });

  it('delivers a line written in two pieces as each piece arrives', async () => {
    const log = join(tempDir(), 'setupact.log');
    writeFileSync(log, '');
    const { events } = await follow([log]);
    const [first, second] = [LINE.slice(0, 30), LINE.slice(30)];
    appendFileSync(log, first);
    await waitFor('the first piece', () => textOf(events, log) === first, events);
    appendFileSync(log, second);
    await waitFor('the second piece', () => textOf(events, log) === LINE, events);
  });

  it('restarts from 0 after a truncation', async () => {
    const log = join(tempDir(), 'setupact.log');
    writeFileSync(log, 'old content that is long enough\n');
    const { events } = await follow([log]);
    await waitFor('the old content', () => textOf(events, log).startsWith('old'), events);
    truncateSync(log, 0);
    await waitFor('the reset', () => summary(events).includes('reset truncated'), events);
    appendFileSync(log, 'new\n');
    await waitFor('the new content', () => textOf(events, log) === 'new\n', events);
    expect(summary(events)).toEqual(['open', 'data', 'reset truncated', 'data']);
  });

  it('notices a truncation even when the file has grown past the old offset again', async () => {
    const log = join(tempDir(), 'setupact.log');
    writeFileSync(log, 'short old\n');
    const { events } = await follow([log]);
    await waitFor('the old content', () => textOf(events, log) === 'short old\n', events);
    const rewritten = 'a completely different and much longer content\n';
    writeFileSync(log, rewritten); // truncates and rewrites before the follower can look
    await waitFor('the rewritten content', () => textOf(events, log) === rewritten, events);
    expect(summary(events)).toEqual(['open', 'data', 'reset truncated', 'data']);
  });

  it('restarts with the new file when another file is renamed onto the path', async () => {
    const root = tempDir();
    const log = join(root, 'setupact.log');
    writeFileSync(log, 'old file, line 1\n');
    const { events } = await follow([log]);
    await waitFor('the old file', () => textOf(events, log) === 'old file, line 1\n', events);
    const next = join(root, 'setupact.next');
    writeFileSync(next, 'new file, line 1\n'); // same size: only the file identity tells them apart
    renameSync(next, log);
    const replaced = () => summary(events).includes('reset replaced') && textOf(events, log) === 'new file, line 1\n';
    await waitFor('the new file', replaced, events);
    expect(summary(events)).toEqual(['open', 'data', 'reset replaced', 'data']);
  });

  it.each([
    ['a file target', (root: string) => join(root, 'setupact.log')],
    ['a directory target', (root: string) => root],
  ])('follows a file deleted and re-created (%s)', async (_, targetOf) => {
    const root = tempDir();
    const log = join(root, 'setupact.log');
    writeFileSync(log, 'first life\n');
    const { events } = await follow([targetOf(root)]);
    await waitFor('the first content', () => textOf(events, log) === 'first life\n', events);
    unlinkSync(log);
    await waitFor('the deletion', () => summary(events).includes('reset deleted'), events);
    writeFileSync(log, 'second life\n');
    await waitFor('the second content', () => textOf(events, log) === 'second life\n', events);
    appendFileSync(log, 'more\n');
    await waitFor('an append to the new file', () => textOf(events, log) === 'second life\nmore\n', events);
    expect(summary(events)).toEqual(['open', 'data', 'reset deleted', 'open', 'data']);
  });

  it('finds Panther logs in a directory, including a setuperr.log appearing late in a nested folder', async () => {
    const root = tempDir();
    const panther = join(root, 'Windows', 'Panther');
    mkdirSync(panther, { recursive: true });
    const setupact = join(panther, 'setupact.log');
    writeFileSync(setupact, LINE);
    writeFileSync(join(panther, 'notes.txt'), 'not a log\n');
    const { events } = await follow([root]);
    await waitFor('setupact.log', () => textOf(events, setupact) === LINE, events);

    const nested = join(root, 'Windows', 'System32', 'Sysprep', 'Panther');
    mkdirSync(nested, { recursive: true });
    await sleep(50);
    const setuperr = join(nested, 'SetupErr.LOG');
    writeFileSync(setuperr, 'error line\r\n');
    await waitFor('the late setuperr.log', () => textOf(events, setuperr) === 'error line\r\n', events);
    expect(new Set(events.map((event) => event.path))).toEqual(new Set([setupact, setuperr]));
  });

  it('follows a directory target that does not exist yet', async () => {
    const root = tempDir();
    const panther = join(root, '$Windows.~BT', 'Sources', 'Panther');
    const { events } = await follow([panther]);
    mkdirSync(panther, { recursive: true });
    const log = join(panther, 'setupact.log');
    writeFileSync(log, LINE);
    await waitFor('the log in the new directory', () => textOf(events, log) === LINE, events);
    appendFileSync(log, 'next\r\n');
    await waitFor('an append', () => textOf(events, log) === LINE + 'next\r\n', events);
  });

  it('streams a large existing file completely, in bounded chunks', async () => {
    const log = join(tempDir(), 'setupact.log');
    const content = randomBytes(8 * 1024 * 1024);
    writeFileSync(log, content);
    const { events } = await follow([log]);
    await waitFor('8 MiB', () => bytesOf(events, log).length >= content.length, events, 10_000);
    const chunks = events.filter((event) => event.type === 'data');
    expect(chunks.length).toBeGreaterThanOrEqual(8);
    expect(Math.max(...chunks.map((event) => event.bytes.length))).toBeLessThanOrEqual(1024 * 1024);
    expect(bytesOf(events, log).equals(content)).toBe(true);
  });

  it('preserves UTF-16 bytes split at an odd offset across writes', async () => {
    const log = join(tempDir(), 'setupact.log');
    const content = Buffer.from('\ufeff2024-05-14 10:02:16, Error SYSPRP ünïcödé € 日本\r\n', 'utf16le');
    writeFileSync(log, content.subarray(0, 21));
    const { events } = await follow([log]);
    await waitFor('the odd first part', () => bytesOf(events, log).length === 21, events);
    appendFileSync(log, content.subarray(21));
    await waitFor('the rest', () => bytesOf(events, log).length === content.length, events);
    expect(bytesOf(events, log).equals(content)).toBe(true);
  });

  it('works in polling mode', async () => {
    const log = join(tempDir(), 'setupact.log');
    writeFileSync(log, 'a\n');
    const { events } = await follow([log], { poll: 50 });
    appendFileSync(log, 'b\n');
    await waitFor('both lines', () => textOf(events, log) === 'a\nb\n', events);
  });

  it.skipIf(isWindows)('reports a target it cannot read and keeps following the others', async () => {
    const root = tempDir();
    const fifo = join(root, 'pipe', 'setupact.log');
    mkdirSync(join(root, 'pipe'));
    execFileSync('mkfifo', [fifo]);
    const log = join(root, 'setupact.log');
    writeFileSync(log, 'readable\n');
    const { events } = await follow([fifo, log]);
    const bothSeen = () => summary(events, fifo).includes('error') && textOf(events, log) === 'readable\n';
    await waitFor('the error and the readable file', bothSeen, events);
    const error = events.find((event) => event.type === 'error');
    expect(error).toEqual({ type: 'error', path: fifo, message: 'not a regular file' });
    await sleep(600); // rechecks run, the error is not repeated
    expect(events.filter((event) => event.type === 'error')).toHaveLength(1);
  });

  // Root reads anything: this one runs only as an ordinary user.
  it.skipIf(isWindows || runsAsRoot)('reports an unreadable file, then follows it once readable', async () => {
    const log = join(tempDir(), 'setupact.log');
    writeFileSync(log, 'secret\n');
    chmodSync(log, 0o000);
    const { events } = await follow([dir]);
    await waitFor('the permission error', () => summary(events, log).includes('error'), events);
    expect(events[0]).toMatchObject({ type: 'error', path: log, message: expect.stringContaining('EACCES') });
    chmodSync(log, 0o644);
    await waitFor('the content', () => textOf(events, log) === 'secret\n', events);
    expect(summary(events, log)).toEqual(['error', 'open', 'data']);
  });

  it('stops everything on close and leaves no watcher or file handle behind', async () => {
    const before = resourceCounts();
    const root = tempDir();
    const log = join(root, 'setupact.log');
    writeFileSync(log, 'before close\n');
    const { follower, events, finished } = await follow([log, root, join(root, 'absent.log')]);
    await waitFor('the content', () => textOf(events, log) === 'before close\n', events);

    await follower.close();
    await finished; // the iteration ends
    const seen = events.length;
    appendFileSync(log, 'after close\n');
    await sleep(400);
    expect(events).toHaveLength(seen);
    await sleep(20);
    const after = resourceCounts();
    for (const [type, count] of after) expect(count, type).toBeLessThanOrEqual(before.get(type) ?? 0);
  });

  it('ends when the consumer breaks out of the loop', async () => {
    const log = join(tempDir(), 'setupact.log');
    writeFileSync(log, LINE);
    const follower = followLogs([log]);
    running.push(follower);
    for await (const event of follower) if (event.type === 'data') break;
    expect(await follower[Symbol.asyncIterator]().next()).toEqual({ value: undefined, done: true });
  });
});

/** Active libuv resources by type, timers aside (the test runner has its own). */
function resourceCounts(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const type of process.getActiveResourcesInfo()) {
    if (type !== 'Timeout') counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  return counts;
}

describe('defaultPantherTargets', () => {
  it('lists the Windows Panther folders from the environment', () => {
    expect(defaultPantherTargets({ windir: 'D:\\WINDOWS', SYSTEMDRIVE: 'D:' }, 'win32')).toEqual([
      'D:\\WINDOWS\\System32\\Sysprep\\Panther',
      'D:\\WINDOWS\\Panther',
      'D:\\WINDOWS\\Panther\\UnattendGC',
      'D:\\$Windows.~BT\\Sources\\Panther',
    ]);
  });

  it('falls back to C:\\Windows when the environment says nothing', () => {
    expect(defaultPantherTargets({}, 'win32')[0]).toBe('C:\\Windows\\System32\\Sysprep\\Panther');
  });

  it('is empty on other platforms', () => {
    expect(defaultPantherTargets({ WINDIR: 'C:\\Windows' }, 'linux')).toEqual([]);
  });
});
