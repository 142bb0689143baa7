// Big files are read and sifted by a worker thread (src/analyze/sift.ts): the report must be the same
// as when the main thread reads them. The threshold is lowered with SYSPREP_DOCTOR_SIFT_BYTES so that
// small inputs take the worker path; 0 turns it off.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generatePantherLog } from '../../bench/generate-log.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'src', 'cli.js');
const scratch = mkdtempSync(join(tmpdir(), 'sysprep-doctor-sift-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function analyze(siftBytes: number, ...inputs: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, 'analyze', ...inputs, '--format', 'json'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', SYSPREP_DOCTOR_SIFT_BYTES: String(siftBytes) },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function expectSameBothWays(...inputs: string[]): void {
  const inWorker = analyze(1, ...inputs);
  const inMain = analyze(0, ...inputs);
  expect(inWorker.stderr).toBe(inMain.stderr);
  expect(inWorker.code).toBe(inMain.code);
  expect(inWorker.stdout).toBe(inMain.stdout);
  expect(JSON.parse(inWorker.stdout).sources.length).toBeGreaterThan(0);
}

describe.skipIf(!existsSync(CLI))('a file sifted by a worker thread reads the same as in the main thread', () => {
  const dir = join(scratch, 'Windows', 'System32', 'Sysprep', 'Panther');
  mkdirSync(dir, { recursive: true });
  const log = Buffer.concat([...generatePantherLog({ bytes: 3 * 1024 * 1024, seed: 5 })]);
  const utf8 = join(dir, 'setupact.log');
  writeFileSync(utf8, log);

  it('a generated 3 MiB log with many runs (UTF-8)', () => {
    expectSameBothWays(utf8);
  });

  it('the same log as UTF-16LE, and without a role from its path', () => {
    const utf16 = join(scratch, 'utf16-setupact.log');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(log.toString('utf8'), 'utf16le')]));
    expectSameBothWays(utf16);
  });

  it('a folder of samples with setuperr.log files beside (not sifted) and a missing path', () => {
    expectSameBothWays(join(ROOT, 'samples'), join(scratch, 'missing.log'));
  });
});
