// Fault matrix (docs/robustness.md), internal errors: a bug exits 70 with one line that names the
// report URL and no stack trace; the stack is there on request (SYSPREP_DOCTOR_DEBUG=1).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPORT_BUG_URL } from '../../src/errors.js';
import { BUILT, CLI, CLI_ENV, ROOT, run, SAMPLE, STACK_FRAME } from './helpers.js';

describe.skipIf(!BUILT)('fault matrix: internal errors', () => {
  it('a real internal error (test hook SYSPREP_DOCTOR_CRASH_TEST=1): exit 70, one line with the report URL, no stack', () => {
    const r = run(['--format', 'json', SAMPLE], { env: { ...CLI_ENV, SYSPREP_DOCTOR_CRASH_TEST: '1' } });
    expect(r.code).toBe(70);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^sysprep-doctor: internal error: /);
    expect(lines[0]).toContain(REPORT_BUG_URL);
    expect(lines[0]).toContain('SYSPREP_DOCTOR_DEBUG=1');
  });

  it('with SYSPREP_DOCTOR_DEBUG=1 the stack trace is printed for the bug report', () => {
    const r = spawnSync(process.execPath, [CLI, SAMPLE], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...CLI_ENV, SYSPREP_DOCTOR_CRASH_TEST: '1', SYSPREP_DOCTOR_DEBUG: '1' },
    });
    expect(r.status).toBe(70);
    expect(r.stderr).toContain(REPORT_BUG_URL);
    expect(r.stderr).toMatch(STACK_FRAME);
  });

  it('without the hook, the same command is a normal run (the hook is inert unless set to 1)', () => {
    expect(run(['--format', 'json', SAMPLE], { env: { ...CLI_ENV, SYSPREP_DOCTOR_CRASH_TEST: '0' } }).code).toBe(1);
  });

  it('a broken install (one of its own modules missing): the command says so in one line, exit 70, no stack', () => {
    const install = mkdtempSync(join(tmpdir(), 'sysprep-doctor-broken-'));
    try {
      cpSync(join(ROOT, 'dist'), join(install, 'dist'), { recursive: true });
      writeFileSync(join(install, 'package.json'), '{"type":"module"}');
      symlinkSync(join(ROOT, 'node_modules'), join(install, 'node_modules'));
      rmSync(join(install, 'dist', 'src', 'commands', 'fleet.js'));
      const bin = join(install, 'dist', 'src', 'bin.js');
      const r = spawnSync(process.execPath, [bin, SAMPLE], { cwd: ROOT, encoding: 'utf8', env: CLI_ENV });
      expect(r.status).toBe(70);
      const lines = r.stderr.split('\n').filter(Boolean);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^sysprep-doctor: cannot start: .*fleet\.js.* the installation looks broken; reinstall it/);
      expect(r.stderr).not.toMatch(STACK_FRAME);
      const debug = spawnSync(process.execPath, [bin, SAMPLE], { cwd: ROOT, encoding: 'utf8', env: { ...CLI_ENV, SYSPREP_DOCTOR_DEBUG: '1' } });
      expect(debug.status).toBe(70);
      expect(debug.stderr).toMatch(STACK_FRAME);
    } finally {
      rmSync(install, { recursive: true, force: true });
    }
  });

  it('the installed command (the bundle) with one of its chunks missing: the same one line, exit 70', () => {
    const install = mkdtempSync(join(tmpdir(), 'sysprep-doctor-broken-bundle-'));
    try {
      cpSync(join(ROOT, 'dist', 'bundle'), join(install, 'dist', 'bundle'), { recursive: true });
      writeFileSync(join(install, 'package.json'), '{"type":"module"}');
      symlinkSync(join(ROOT, 'node_modules'), join(install, 'node_modules'));
      const chunk = readdirSync(join(install, 'dist', 'bundle')).find((file) => /^cli-.*\.js$/.test(file));
      expect(chunk).toBeDefined();
      rmSync(join(install, 'dist', 'bundle', chunk!));
      const r = spawnSync(process.execPath, [join(install, 'dist', 'bundle', 'sysprep-doctor.js'), SAMPLE], { cwd: ROOT, encoding: 'utf8', env: CLI_ENV });
      expect(r.status).toBe(70);
      const lines = r.stderr.split('\n').filter(Boolean);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^sysprep-doctor: cannot start: .*cli-.*\.js.* the installation looks broken; reinstall it/);
      expect(r.stderr).not.toMatch(STACK_FRAME);
    } finally {
      rmSync(install, { recursive: true, force: true });
    }
  });

  it('bin.js (the entry the bundle is made from) runs the CLI as cli.js does', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'src', 'bin.js'), '--format', 'json', SAMPLE], { cwd: ROOT, encoding: 'utf8', env: CLI_ENV });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(run(['--format', 'json', SAMPLE]).stdout);
  });
});
