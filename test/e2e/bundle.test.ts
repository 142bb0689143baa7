// The command as installed is the bundle (rolldown.config.mjs: dist/src bundled into dist/bundle),
// while the other end-to-end tests run the compiled modules. The bundle must read the same, find its
// WebAssembly scan, and start its worker threads by the file names the code asks for: a worker
// or WebAssembly module missing from the bundle would fall back without a word, so the runs are
// profiled (--cpu-prof: one profile per thread, sampled every 100 µs) and the profiles looked at.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generatePantherLog } from '../../bench/generate-log.js';

const ROOT = join(import.meta.dirname, '..', '..');
const MODULES_CLI = join(ROOT, 'dist', 'src', 'cli.js');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
const BUNDLE = join(ROOT, pkg.bin['sysprep-doctor']!);
const SAMPLE = join(ROOT, 'samples', 'appx-onedrive-generalize');
const scratch = mkdtempSync(join(tmpdir(), 'sysprep-doctor-bundle-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Threads that ran JavaScript: the main thread and its workers. */
  readonly threads: number;
  /** Whether WebAssembly code was seen running (the quiet-line scan). */
  readonly ranWasm: boolean;
}

let runs = 0;
function run(cli: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Run {
  const profiles = join(scratch, `profiles-${runs++}`);
  const r = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-interval', '100', '--cpu-prof-dir', profiles, cli, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000, // a worker left waiting would hang the run: fail instead
    env: { ...process.env, NO_COLOR: '1', CI: '1', ...env },
  });
  const files = existsSync(profiles) ? readdirSync(profiles).filter((f) => f.endsWith('.cpuprofile')) : [];
  const ranWasm = files.some((f) => {
    const profile = JSON.parse(readFileSync(join(profiles, f), 'utf8')) as { nodes: { callFrame: { url: string } }[] };
    return profile.nodes.some((node) => node.callFrame.url.startsWith('wasm://'));
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, threads: files.length, ranWasm };
}

describe.skipIf(!existsSync(BUNDLE) || !existsSync(MODULES_CLI))('the installed command (package.json bin, the bundle)', () => {
  it('diagnoses the sample as the compiled modules do, in every format', () => {
    for (const format of ['json', 'md', 'html', 'text']) {
      const bundled = run(BUNDLE, ['analyze', SAMPLE, '--format', format]);
      const modules = run(MODULES_CLI, ['analyze', SAMPLE, '--format', format]);
      expect(bundled.stderr).toBe('');
      expect(bundled.code).toBe(1);
      expect(bundled.stdout).toBe(modules.stdout);
    }
  });

  it('scans quiet lines in WebAssembly, and sifts a big file on its worker threads with the same report as one thread', () => {
    const dir = join(scratch, 'Windows', 'System32', 'Sysprep', 'Panther');
    mkdirSync(dir, { recursive: true });
    const log = join(dir, 'setupact.log');
    writeFileSync(log, Buffer.concat([...generatePantherLog({ bytes: 8 * 1024 * 1024, seed: 7 })]));
    const oneThread = run(BUNDLE, ['analyze', log, '--format', 'json'], { SYSPREP_DOCTOR_SIFT_BYTES: '0' });
    const workers = run(BUNDLE, ['analyze', log, '--format', 'json'], { SYSPREP_DOCTOR_SIFT_BYTES: '1', SYSPREP_DOCTOR_PART_BYTES: String(1024 * 1024) });
    expect(oneThread.threads).toBe(1);
    expect(oneThread.ranWasm).toBe(true);
    expect(workers.threads).toBeGreaterThan(1);
    expect(workers.ranWasm).toBe(true);
    expect(workers.stderr).toBe(oneThread.stderr);
    expect(workers.stdout).toBe(oneThread.stdout);
    expect(JSON.parse(workers.stdout).sources[0].lines).toBeGreaterThan(10_000);
  });

  it('analyzes a fleet on its worker threads, with the same report as in-process', () => {
    const fleet = join(scratch, 'fleet');
    for (const name of ['vm-a', 'vm-b']) {
      const panther = join(fleet, name, 'Windows', 'System32', 'Sysprep', 'Panther');
      mkdirSync(panther, { recursive: true });
      writeFileSync(join(panther, 'setupact.log'), readFileSync(join(SAMPLE, 'setupact.log')));
    }
    const inProcess = run(BUNDLE, ['fleet', fleet, '--format', 'json', '--workers', '1']);
    const pooled = run(BUNDLE, ['fleet', fleet, '--format', 'json', '--workers', '2']);
    expect(inProcess.threads).toBe(1);
    expect(pooled.threads).toBe(3);
    expect(pooled.code).toBe(inProcess.code);
    expect(JSON.parse(pooled.stdout)).toEqual(JSON.parse(inProcess.stdout));
  });
});
