// `watch --exit-on-failure` as a pipeline runs it: started before the log exists, lines appended one by
// one (one of them in two pieces), exit 1 soon after the summary failure line, every ndjson line valid.
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'src', 'cli.js');
const scratch = mkdtempSync(join(tmpdir(), 'sysprep-doctor-watch-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Exit {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly at: number;
}

function startWatch(args: readonly string[]): { exited: Promise<Exit> } {
  const child = spawn(process.execPath, [CLI, 'watch', ...args], { env: { ...process.env, NO_COLOR: '1', CI: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<Exit>((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr, at: Date.now() })));
  return { exited };
}

describe.skipIf(!existsSync(CLI))('watch (the built CLI)', () => {
  it('exits 1 within 2 s of the summary line, naming the culprit, with valid ndjson throughout', async () => {
    const dir = join(scratch, 'panther');
    const log = join(dir, 'Panther', 'setupact.log');
    const { exited } = startWatch(['--exit-on-failure', '--format', 'ndjson', '--timeout', '60s', dir]);
    await sleep(1200); // watch is up before the log exists
    mkdirSync(join(dir, 'Panther'), { recursive: true });
    const lines = readFileSync(join(ROOT, 'samples', 'mde-senseguid', 'setupact.log'), 'utf8').split(/(?<=\r\n)/);
    const summaryIndex = lines.findIndex((l) => l.includes('WinMain:Hit failure'));
    expect(summaryIndex).toBeGreaterThan(0);
    let summaryWrittenAt = 0;
    for (const [i, line] of lines.slice(0, summaryIndex + 1).entries()) {
      if (i === 5) {
        // a line written in two pieces: nothing is parsed until its newline arrives
        appendFileSync(log, line.slice(0, 20));
        await sleep(150);
        appendFileSync(log, line.slice(20));
      } else appendFileSync(log, line);
      if (i === summaryIndex) summaryWrittenAt = Date.now();
      await sleep(10);
    }
    const result = await exited;
    expect(result.code, result.stderr).toBe(1);
    expect(result.at - summaryWrittenAt).toBeLessThan(2000);
    const records = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const events = records.filter((r) => r.type === 'event');
    const seen = events.map((r) => r.line as number);
    const missing = Array.from({ length: summaryIndex + 1 }, (_, i) => i + 1).filter((n) => !seen.includes(n));
    expect({ missing, count: seen.length }, result.stderr).toEqual({ missing: [], count: summaryIndex + 1 });
    const split = records.find((r) => r.type === 'event' && r.line === 6);
    expect(split?.message).toBe(lines[5]!.replace(/\r\n$/, '').slice(50));
    const root = records.find((r) => r.type === 'finding' && r.rootCause === true);
    expect(root?.ruleId).toBe('mde-senseguid-delete-denied');
    expect(String(root?.culprit)).toContain('senseGuid');
    expect(records[records.length - 1]).toMatchObject({ type: 'exit', code: 1 });
  }, 30_000);

  it('exits 0 with --exit-on-success when a run succeeds', async () => {
    const dir = join(scratch, 'success');
    mkdirSync(dir, { recursive: true });
    const { exited } = startWatch(['--exit-on-success', '--format', 'text', '--timeout', '60s', dir]);
    await sleep(1000);
    appendFileSync(join(dir, 'setupact.log'), readFileSync(join(ROOT, 'samples', 'generalize-success', 'Windows', 'System32', 'Sysprep', 'Panther', 'setupact.log')));
    const result = await exited;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('run succeeded');
  }, 30_000);

  it('--timeout with no log ever appearing exits 3', async () => {
    const { exited } = startWatch(['--exit-on-failure', '--format', 'text', '--timeout', '1500ms', join(scratch, 'never')]);
    const result = await exited;
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('no log appeared');
  }, 30_000);
});
