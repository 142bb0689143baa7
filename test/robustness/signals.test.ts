// Fault matrix (docs/robustness.md), interruptions: Ctrl-C (SIGINT) or SIGTERM during an analysis
// exits promptly with 130 / 143, one line, no stack trace and no half-written -o file; in the
// terminal UI, Ctrl-C quits and the terminal is restored (alternate screen left, cursor shown).
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BUILT,
  expectNoStackTrace,
  expectTerminalRestored,
  fillerLines,
  SAMPLE,
  SCRIPT,
  scratchDir,
  startCli,
  startInTty,
  waitFor,
} from './helpers.js';

const dir = scratchDir('signals');
const SAMPLE_LOG = readFileSync(join(SAMPLE, 'setupact.log'));

/** A ~40 MB log: the sample's failure, then filler; analyzing it to ndjson takes seconds. */
let big: string | undefined;
function bigLog(): string {
  if (big) return big;
  const path = join(dir, 'big.log');
  const fd = openSync(path, 'w');
  writeSync(fd, SAMPLE_LOG);
  const block = Buffer.from(fillerLines(10_000));
  for (let written = 0; written < 40 * 1024 * 1024; written += block.length) writeSync(fd, block);
  closeSync(fd);
  big = path;
  return path;
}

function tempFiles(folder: string): string[] {
  return readdirSync(folder).filter((f) => f.endsWith('.tmp'));
}

describe.skipIf(!BUILT)('fault matrix: signals', () => {
  it('Ctrl-C (SIGINT) during analyze of a big input, ndjson to -o: exit 130 promptly, one line, no file left', async () => {
    const outDir = join(dir, 'out-ndjson');
    mkdirSync(outDir);
    const target = join(outDir, 'events.ndjson');
    const live = startCli(['--format', 'ndjson', '-o', target, bigLog()]);
    // the temporary output exists once the analysis is under way
    await waitFor(() => tempFiles(outDir).length > 0, 10_000, 'the temporary output file');
    await new Promise((r) => setTimeout(r, 50));
    const sentAt = Date.now();
    live.child.kill('SIGINT');
    const { code } = await live.exited;
    expect(Date.now() - sentAt).toBeLessThan(2_000);
    expect(code).toBe(130);
    expect(live.stderr()).toBe('sysprep-doctor: interrupted\n');
    expect(existsSync(target)).toBe(false);
    expect(tempFiles(outDir)).toEqual([]);
  });

  it('Ctrl-C while reading a live stdin, json to -o: exit 130, no report file, no temporary file', async () => {
    const outDir = join(dir, 'out-json');
    mkdirSync(outDir);
    const target = join(outDir, 'report.json');
    const live = startCli(['--format', 'json', '-o', target, '-']);
    live.child.stdin!.write(SAMPLE_LOG); // and stdin stays open: the analysis waits for more
    await waitFor(() => tempFiles(outDir).length > 0, 10_000, 'the temporary output file');
    live.child.kill('SIGINT');
    const { code, ms } = await live.exited;
    expect(code).toBe(130);
    expect(ms).toBeLessThan(10_000);
    expect(live.stderr()).toBe('sysprep-doctor: interrupted\n');
    expect(readdirSync(outDir)).toEqual([]);
  });

  it('Ctrl-C with the report going to stdout: exit 130, nothing half-printed, no stack trace', async () => {
    const live = startCli(['--format', 'json', '-']);
    // 1 MB through a 64 KiB pipe: once written, the CLI is reading stdin (its Ctrl-C handler is in place)
    const chunk = Buffer.concat([SAMPLE_LOG, Buffer.from(fillerLines(12_000))]);
    await new Promise<void>((resolve) => live.child.stdin!.write(chunk, () => resolve()));
    live.child.kill('SIGINT');
    const { code } = await live.exited;
    expect(code).toBe(130);
    expect(live.stdout()).toBe('');
    expectNoStackTrace({ stderr: live.stderr() });
    expect(live.stderr()).toBe('sysprep-doctor: interrupted\n');
  });

  it('SIGTERM during analyze: exit 143, one line, no file left', async () => {
    const outDir = join(dir, 'out-term');
    mkdirSync(outDir);
    const live = startCli(['--format', 'ndjson', '-o', join(outDir, 'e.ndjson'), bigLog()]);
    await waitFor(() => tempFiles(outDir).length > 0, 10_000, 'the temporary output file');
    live.child.kill('SIGTERM');
    const { code } = await live.exited;
    expect(code).toBe(143);
    expect(live.stderr()).toBe('sysprep-doctor: stopped by SIGTERM\n');
    expect(readdirSync(outDir)).toEqual([]);
  });

  it.skipIf(!SCRIPT)('Ctrl-C typed in the TUI (script pty): quits like q (exit 1, the verdict), terminal restored', async () => {
    const tty = startInTty(['analyze', SAMPLE]);
    try {
      await waitFor(() => tty.stdout().includes('help'), 10_000, 'the UI');
      await new Promise((r) => setTimeout(r, 200));
      tty.child.stdin!.write('\u0003');
      const { code, ms } = await tty.exited;
      expect(code).toBe(1);
      expect(ms).toBeLessThan(10_000);
    } finally {
      tty.child.kill();
    }
    expectNoStackTrace({ stderr: tty.stdout() });
    expectTerminalRestored(tty.stdout());
  });

  it.skipIf(!SCRIPT)('SIGINT sent to the process while the TUI is shown: exit 130, alternate screen left, cursor shown', async () => {
    const tty = startInTty(['analyze', SAMPLE]);
    try {
      await waitFor(() => tty.stdout().includes('help') && tty.pid() !== undefined, 10_000, 'the UI');
      await new Promise((r) => setTimeout(r, 200));
      process.kill(tty.pid()!, 'SIGINT');
      const { code } = await tty.exited;
      expect(code).toBe(130);
    } finally {
      tty.child.kill();
    }
    const out = tty.stdout();
    expectNoStackTrace({ stderr: out });
    expectTerminalRestored(out);
    expect(out).toContain('sysprep-doctor: interrupted');
  });
});
