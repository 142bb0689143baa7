// Fault matrix (docs/robustness.md), output: an -o path that cannot be written is a usage error
// (exit 2) found before the analysis and leaves nothing behind; a reader that closes the pipe early
// (`| head`) ends the output quietly and the exit code still tells the verdict.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appxFailureLines, BUILT, CLI, expectOneLine, expectNoStackTrace, IS_LINUX, run, SAMPLE, scratchDir, startCli } from './helpers.js';

const dir = scratchDir('output');
const FORMATS = ['text', 'json', 'ndjson', 'md', 'html'] as const;

/** 400 failing runs, each with its own AppX culprit: every format but text is far over a pipe's 64 KiB. */
let manyRuns: string | undefined;
function manyRunsLog(): string {
  if (manyRuns) return manyRuns;
  const path = join(dir, 'many-runs.log');
  const lines: string[] = [];
  for (let r = 0; r < 400; r++) {
    const time = `2025-06-20 ${String(10 + Math.floor(r / 60)).padStart(2, '0')}:${String(r % 60).padStart(2, '0')}:00`;
    lines.push(...appxFailureLines(`Contoso.App${r}_1.0.0.0_neutral__8wekyb3d8bbwe`).map((l) => time + l.slice(19)));
  }
  writeFileSync(path, lines.join('\r\n') + '\r\n');
  manyRuns = path;
  return path;
}

function leftovers(folder: string): string[] {
  return readdirSync(folder).filter((f) => f.endsWith('.tmp'));
}

describe.skipIf(!BUILT)('fault matrix: output', () => {
  it.each(FORMATS)('-o into a folder that does not exist (--format %s): exit 2, one line, nothing created', (format) => {
    const target = join(dir, 'no-such-dir', 'deeper', `report.${format}`);
    const r = run(['--format', format, '-o', target, SAMPLE]);
    expect(r.code).toBe(2);
    expectOneLine(r, target, 'cannot write', 'folder does not exist');
    expect(r.stdout).toBe('');
    expect(readdirSync(dir)).not.toContain('no-such-dir');
  });

  it('-o /nonexistent/dir/x.json: exit 2, one line', () => {
    const r = run(['--format', 'json', '-o', '/nonexistent/dir/x.json', SAMPLE]);
    expect(r.code).toBe(2);
    expectOneLine(r, '/nonexistent/dir/x.json', 'cannot write');
  });

  it.each(FORMATS)('-o onto a directory (--format %s): exit 2, one line "is a directory", the folder untouched', (format) => {
    const folder = join(dir, `existing-${format}`);
    mkdirSync(folder, { recursive: true });
    const r = run(['--format', format, '-o', folder, SAMPLE]);
    expect(r.code).toBe(2);
    expectOneLine(r, folder, 'cannot write', 'is a directory');
    expect(readdirSync(folder)).toEqual([]);
    expect(leftovers(dir)).toEqual([]);
  });

  it('-o under a path whose parent is a file: exit 2, one line', () => {
    const file = join(dir, 'plain-file');
    writeFileSync(file, 'x');
    const target = join(file, 'report.json');
    const r = run(['--format', 'json', '-o', target, SAMPLE]);
    expect(r.code).toBe(2);
    expectOneLine(r, target, 'cannot write', 'not a folder');
  });

  it('-o with --format tui: exit 2 (the UI cannot go to a file); -o without --format writes text, never the UI', () => {
    const target = join(dir, 'tui.out');
    const r = run(['--format', 'tui', '-o', target, SAMPLE]);
    expect(r.code).toBe(2);
    expectOneLine(r, '--format tui', 'cannot be written to a file');
    const plain = join(dir, 'plain.txt');
    const ok = run(['-o', plain, SAMPLE]);
    expect(ok.code).toBe(1);
    expect(spawnSync('cat', [plain], { encoding: 'utf8' }).stdout).toContain('Root cause  appx-installed-not-provisioned');
  });

  it.each(FORMATS)('stdout closed early by the reader (--format %s): quiet, exit code of the verdict (1)', async (format) => {
    const log = manyRunsLog();
    const live = startCli(['--format', format, log]);
    // read the first bytes, then close the pipe as `head -c` does
    await Promise.race([new Promise<void>((resolve) => live.child.stdout!.once('data', () => resolve())), live.exited]);
    live.child.stdout!.destroy();
    const { code } = await live.exited;
    expect(live.stderr()).toBe('');
    expectNoStackTrace({ stderr: live.stderr() });
    expect(code).toBe(1);
  });

  it('`| head -n 1` in a shell: the CLI exits with the verdict, nothing on stderr', () => {
    const log = manyRunsLog();
    for (const format of ['ndjson', 'json']) {
      const r = spawnSync('bash', ['-c', `node "${CLI}" --format ${format} "${log}" | head -n 1 >/dev/null; echo "cli=\${PIPESTATUS[0]}" >&2`], {
        encoding: 'utf8',
        env: { ...process.env, CI: '1', NO_COLOR: '1' },
      });
      expect(r.stderr).toBe('cli=1\n');
    }
  });

  it.skipIf(!IS_LINUX)('-o into a named pipe (as into /dev/null or /dev/stdout): the report goes into it, the pipe stays a pipe', async () => {
    const fifo = join(dir, 'report.pipe');
    const received = join(dir, 'received.json');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = spawn('sh', ['-c', `cat "${fifo}" > "${received}"`]);
    const read = new Promise((resolve) => reader.on('close', resolve));
    const r = run(['--format', 'json', '-o', fifo, SAMPLE]);
    await read;
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(JSON.parse(readFileSync(received, 'utf8')).verdict).toBe('failed');
    expect(statSync(fifo).isFIFO()).toBe(true);
    expect(leftovers(dir)).toEqual([]);
  });

  it('a failed write to stdout that is not EPIPE (/dev/full: no space left): one line, exit 2', () => {
    const r = spawnSync('sh', ['-c', `node "${CLI}" --format json "${SAMPLE}" > /dev/full`], { encoding: 'utf8', env: { ...process.env, CI: '1' } });
    if (r.stderr.includes('/dev/full')) return; // no /dev/full on this system: the shell said so
    expectNoStackTrace(r);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('cannot write to standard output: no space left');
  });
});
