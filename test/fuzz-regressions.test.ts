// Every input `npm run fuzz` found crashing the CLI (test/fuzz-crashers/<hash>.log|.zip, with a <hash>.txt
// sidecar saying what happened) is replayed through the built CLI, as the fuzzer ran it: it must not crash
// any more. A crash: exit code 70 or outside 0-4, a stack trace on stderr, invalid JSON with --format json,
// or no end within a minute.
//
// Sidecar fields used here: `args:` (the options the case ran with, after the input), `input:` (`stdin`
// pipes the file to `-`). A crasher whose cause is known but not fixed yet carries `open: <why>`: it is
// replayed as an expected failure, so the day it stops crashing the test says so (then drop the line).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist', 'src', 'cli.js');
const CRASHERS = join(import.meta.dirname, 'fuzz-crashers');
const STACK_TRACE = /\n\s+at .+:\d+:\d+/;
const TIMEOUT_MS = 60_000;

interface Crasher {
  readonly file: string;
  readonly args: readonly string[];
  readonly stdin: boolean;
  readonly open: string | undefined;
  readonly kind: string;
}

function field(sidecar: string, name: string): string | undefined {
  return new RegExp(`^${name}: ?(.*)$`, 'm').exec(sidecar)?.[1]?.trim();
}

function crashers(): Crasher[] {
  if (!existsSync(CRASHERS)) return [];
  return readdirSync(CRASHERS)
    .filter((name) => /\.(log|zip)$/i.test(name))
    .sort()
    .map((name) => {
      const sidecarPath = join(CRASHERS, name.replace(/\.(log|zip)$/i, '.txt'));
      const sidecar = existsSync(sidecarPath) ? readFileSync(sidecarPath, 'utf8') : '';
      const args = field(sidecar, 'args')?.split(/\s+/).filter(Boolean) ?? ['--format', 'json'];
      return { file: name, args, stdin: field(sidecar, 'input') === 'stdin', open: field(sidecar, 'open'), kind: field(sidecar, 'kind') ?? 'unknown' };
    });
}

function formatOf(args: readonly string[]): string | undefined {
  const i = args.indexOf('--format');
  return i === -1 ? undefined : args[i + 1];
}

function replay(crasher: Crasher, args: readonly string[]): void {
  const path = join(CRASHERS, crasher.file);
  const r = spawnSync(process.execPath, [CLI, 'analyze', crasher.stdin ? '-' : path, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', CI: '1' },
    ...(crasher.stdin ? { input: readFileSync(path) } : {}),
  });
  expect(r.error, `did not finish within ${TIMEOUT_MS / 1000} s`).toBeUndefined();
  expect(r.signal, 'killed by a signal').toBeNull();
  expect([0, 1, 2, 3, 4], `exit code ${r.status}; stderr:\n${r.stderr}`).toContain(r.status);
  expect(r.stderr, 'a stack trace on stderr').not.toMatch(STACK_TRACE);
  if (formatOf(args) === 'json' && !args.includes('-q') && !args.includes('--quiet') && [0, 1, 4].includes(r.status!)) {
    expect(() => JSON.parse(r.stdout), 'stdout is not JSON').not.toThrow();
  }
}

const cases = crashers();

describe('fuzz regressions (test/fuzz-crashers, replayed through the built CLI)', () => {
  if (cases.length === 0) {
    it('has no crasher to replay (npm run fuzz saves crashing inputs in test/fuzz-crashers)', () => {
      // absent is fine; present but empty must at least be a readable folder
      if (existsSync(CRASHERS)) expect(readdirSync(CRASHERS).filter((n) => /\.(log|zip)$/i.test(n))).toEqual([]);
      else expect(existsSync(CRASHERS)).toBe(false);
    });
    return;
  }
  describe.skipIf(!existsSync(CLI))('(needs the built CLI: npm test builds it first)', () => {
    for (const crasher of cases) {
      const test = crasher.open ? it.fails : it;
      const name = `${crasher.file} (${crasher.kind}; ${crasher.args.join(' ')}${crasher.stdin ? '; stdin' : ''})${crasher.open ? ` — open: ${crasher.open}` : ''}`;
      test(name, () => {
        replay(crasher, crasher.args);
        // and the default contract, JSON, whatever the case ran with
        if (formatOf(crasher.args) !== 'json') replay(crasher, ['--format', 'json']);
      }, TIMEOUT_MS * 2 + 10_000);
    }
  });
});
