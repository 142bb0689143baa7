// Fault matrix (docs/robustness.md), internal errors: a bug exits 70 with one line that names the
// report URL and no stack trace; the stack is there on request (SYSPREP_DOCTOR_DEBUG=1).
import { spawnSync } from 'node:child_process';
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
});
