// Big files are read and sifted by worker threads and the main thread (src/analyze/sift.ts): the
// report must be the same as when the main thread reads them alone. The threshold is lowered with
// SYSPREP_DOCTOR_SIFT_BYTES so that small inputs take the sifted path (0 turns it off),
// SYSPREP_DOCTOR_PART_BYTES cuts them into many parts that the sifters claim in turn, and
// SYSPREP_DOCTOR_SIFT_WORKERS sets how many workers sift beside the main thread.
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

function analyze(siftBytes: number, partBytes: number | undefined, inputs: string[], workers?: number): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, 'analyze', ...inputs, '--format', 'json'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000, // a worker left waiting would hang the run: fail instead
    env: {
      ...process.env,
      NO_COLOR: '1',
      SYSPREP_DOCTOR_SIFT_BYTES: String(siftBytes),
      SYSPREP_DOCTOR_PART_BYTES: partBytes === undefined ? '' : String(partBytes),
      SYSPREP_DOCTOR_SIFT_WORKERS: workers === undefined ? '' : String(workers),
    },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Read by the main thread alone, and sifted: in parts as shipped (one, for these sizes), and in many
 * small parts shared by the main thread and 0, 1 or 2 workers.
 */
function expectSameBothWays(...inputs: string[]): void {
  const inMain = analyze(0, undefined, inputs);
  const ways = [analyze(1, undefined, inputs), ...[0, 1, 2].map((workers) => analyze(1, 64 * 1024, inputs, workers))];
  for (const sifted of ways) {
    expect(sifted.stderr).toBe(inMain.stderr);
    expect(sifted.code).toBe(inMain.code);
    expect(sifted.stdout).toBe(inMain.stdout);
  }
  expect(JSON.parse(inMain.stdout).sources.length).toBeGreaterThan(0);
}

describe.skipIf(!existsSync(CLI))('a file sifted in parts by worker threads and the main thread reads the same as in the main thread alone', () => {
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

  it('parts cut across a BOM, mixed line ends, lone CRs, Windows-1252 bytes and a line longer than the cap', () => {
    const body = log.toString('latin1');
    const third = Math.floor(body.length / 3);
    const odd = [
      '2025-07-18 11:43:44, Info                  CSI    a line with a lone CR\rand its second half\n',
      '2025-07-18 11:43:44, Info                  CSI    caf\xe9 in Windows-1252\n',
      `2025-07-18 11:43:44, Info                  CSI    ${'x'.repeat(1_300_000)}\n`, // cut at 1 Mi characters
      '2025-07-18 11:43:44, Info                  CSI    LF only\n',
    ].join('');
    const mixed = join(scratch, 'mixed-setupact.log');
    writeFileSync(mixed, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body.slice(0, third) + odd + body.slice(third).replace(/\r\n/g, '\n'), 'latin1')]));
    expectSameBothWays(mixed);
    const report = JSON.parse(analyze(1, 64 * 1024, [mixed]).stdout);
    expect(report.sources[0]).toMatchObject({ encoding: 'utf-8-bom', truncatedLines: 1, legacyDecodedLines: 1 });
  });

  it('a custom Info rule without a literal to look for: the workers started are stopped, the file is read here', () => {
    const rules = join(scratch, 'rules');
    mkdirSync(rules, { recursive: true });
    const rule = {
      id: 'long-number-info',
      title: 'A bare long number in an Info line',
      severity: 'info',
      confidence: 'low',
      role: 'noise',
      levels: ['Info'],
      pattern: '^\\d{9,}$',
      hint: 'A bare number.',
      docs: { meaning: 'Nothing.', cause: 'Nothing.' },
      remediation: [],
      references: [],
      samples: {
        matches: ['2025-06-01 10:00:00, Info                  CSI    123456789', '2025-06-01 10:00:00, Info                  CSI    9876543210'],
        ignores: ['2025-06-01 10:00:00, Info                  CSI    12345'],
      },
    };
    writeFileSync(join(rules, 'long-number.json'), JSON.stringify(rule));
    const inMain = analyze(0, undefined, [utf8, '--rules', rules]);
    const offered = analyze(1, 64 * 1024, [utf8, '--rules', rules]);
    expect(inMain.stderr).toBe('');
    expect(JSON.parse(inMain.stdout).sources[0].lines).toBeGreaterThan(10_000);
    expect(offered.stderr).toBe(inMain.stderr);
    expect(offered.code).toBe(inMain.code);
    expect(offered.stdout).toBe(inMain.stdout);
  });

  it('a folder of samples with setuperr.log files beside (not sifted) and a missing path', () => {
    expectSameBothWays(join(ROOT, 'samples'), join(scratch, 'missing.log'));
  });
});
