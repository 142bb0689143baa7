// Shared by the fault-matrix tests (docs/robustness.md): the built CLI in a child process, as a user
// runs it, and the hostile inputs written fresh into a temporary folder for each run.
import { spawn, spawnSync, type ChildProcess, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CLI = join(ROOT, 'dist', 'src', 'cli.js');
/** `npm test` builds first (pretest); without a build these tests skip, as test/e2e does. */
export const BUILT = existsSync(CLI);
/** The good input that goes along with every bad one: it must still be diagnosed. */
export const SAMPLE = join(ROOT, 'samples', 'appx-onedrive-generalize');
export const IS_ROOT = process.getuid?.() === 0;
export const IS_LINUX = process.platform === 'linux';

/** A Node stack frame (`    at fn (file.js:12:34)`): never shown to a user. */
export const STACK_FRAME = /(^|\n)\s+at .+:\d+:\d+/;

/** A fresh temporary folder for the calling test file, removed after its tests. */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `sysprep-doctor-${prefix}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment of a non-interactive run: CI set (never the UI), no colour. */
export const CLI_ENV = { ...process.env, NO_COLOR: '1', CI: '1' };

/** Runs the CLI to completion; every run is also checked for a stack trace on stderr. */
export function run(args: readonly string[], options: { input?: string | Buffer; env?: NodeJS.ProcessEnv; nodeArgs?: readonly string[]; timeout?: number } = {}): Run {
  const spawnOptions: SpawnSyncOptions = {
    cwd: ROOT,
    encoding: 'utf8',
    env: options.env ?? CLI_ENV,
    timeout: options.timeout ?? 20_000,
    maxBuffer: 64 * 1024 * 1024,
  };
  if (options.input !== undefined) spawnOptions.input = options.input;
  const r = spawnSync(process.execPath, [...(options.nodeArgs ?? []), CLI, ...args], spawnOptions);
  const result: Run = { code: r.status, signal: r.signal, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') };
  expectNoStackTrace(result);
  return result;
}

export function expectNoStackTrace(r: Pick<Run, 'stderr'>): void {
  expect(r.stderr, 'a stack trace reached the user').not.toMatch(STACK_FRAME);
}

/** stderr is exactly one `sysprep-doctor: ...` line naming `path` and containing each of `words`. */
export function expectOneLine(r: Run, path: string, ...words: string[]): string {
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  expect(lines, `stderr: ${r.stderr}`).toHaveLength(1);
  const line = lines[0]!;
  expect(line.startsWith('sysprep-doctor: ')).toBe(true);
  expect(line).toContain(path);
  for (const word of words) expect(line).toContain(word);
  return line;
}

export interface JsonReport {
  verdict: string;
  summary: string;
  findings: { ruleId: string; rootCause: boolean; culprit: string | null; evidence: { source: string; line: number; text: string }[] }[];
  sources: { path: string; lines: number; bytes: number; truncatedLines: number; encoding: string; legacyDecodedLines: number }[];
  problems: { path: string; message: string }[];
}

export function report(r: Run): JsonReport {
  return JSON.parse(r.stdout) as JsonReport;
}

/** The bundled sample went through: its AppX root cause is named. */
export function expectSampleDiagnosed(rep: JsonReport): void {
  expect(rep.verdict).toBe('failed');
  expect(rep.findings[0]).toMatchObject({ ruleId: 'appx-installed-not-provisioned', rootCause: true });
  expect(rep.findings[0]!.culprit).toMatch(/^Microsoft\.OneDriveSync_/);
  expect(rep.sources.some((s) => s.path.endsWith('setupact.log') && s.path.includes('appx-onedrive-generalize') && s.lines === 43)).toBe(true);
}

/** One Panther line in the fixed columns: timestamp, `, `, level (11), id or 10 spaces, component (6), message. */
export function pantherLine(time: string, level: string, id: string | null, component: string, message: string): string {
  return `${time}, ${level.padEnd(11)} ${id === null ? ' '.repeat(10) : `[${id}]`} ${component.padEnd(6)} ${message}`;
}

const T = '2025-06-20 18:05:39';

/** A complete failing sysprep run whose root cause is the AppX rule with `pkg` as the culprit. */
export function appxFailureLines(pkg: string, extra = ''): string[] {
  return [
    pantherLine(T, 'Info', null, 'SYSPRP', '========================================================'),
    pantherLine(T, 'Info', null, 'SYSPRP', '===          Beginning of a new sysprep run          ==='),
    pantherLine(T, 'Info', null, 'SYSPRP', '========================================================'),
    pantherLine(T, 'Info', '0x0f005f', 'SYSPRP', "ParseCommands:Found supported command line option 'GENERALIZE'"),
    pantherLine(T, 'Info', '0x0f00d7', 'SYSPRP', "WinMain:Pre-validing 'generalize' internal providers."),
    pantherLine(T, 'Info', null, 'SYSPRP', "ActionPlatform::LaunchModule: Executing method 'SysprepGeneralizeValidate' from C:\\Windows\\System32\\AppxSysprep.dll"),
    pantherLine(T, 'Error', null, 'SYSPRP', `Package ${pkg} was installed for a user, but not provisioned for all users. This package will not function properly in the sysprep image.${extra}`),
    pantherLine(T, 'Error', null, 'SYSPRP', 'Failed to remove apps for the current user: 0x80073cf2.'),
    pantherLine(T, 'Error', '0x0f0082', 'SYSPRP', "ActionPlatform::LaunchModule: Failure occurred while executing 'SysprepGeneralizeValidate' from C:\\Windows\\System32\\AppxSysprep.dll; dwRet = 0x3cf2"),
    pantherLine(T, 'Error', '0x0f0070', 'SYSPRP', 'RunDlls:An error occurred while running registry sysprep DLLs, halting sysprep execution. dwRet = 0x3cf2'),
    pantherLine(T, 'Error', '0x0f00d8', 'SYSPRP', 'WinMain:Hit failure while pre-validate sysprep generalize internal providers; hr = 0x80073cf2'),
  ];
}

export function appxFailureLog(pkg: string, extra = ''): string {
  return appxFailureLines(pkg, extra).join('\r\n') + '\r\n';
}

/** `n` filler lines (Info, after the failure: they change no verdict). */
export function fillerLines(n: number, from = 0): string {
  let s = '';
  for (let i = from; i < from + n; i++) s += pantherLine('2025-06-20 18:06:00', 'Info', null, 'SYSPRP', `Filler line ${i} of a long log`) + '\r\n';
  return s;
}

/** Deterministic pseudo-random bytes (mulberry32). */
export function seededBytes(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let a = seed >>> 0;
  for (let i = 0; i < length; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return out;
}

/** The CLI started in the background, for signals and live inputs. */
export interface Live {
  readonly child: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
}

export function start(command: string, args: readonly string[], env: NodeJS.ProcessEnv = CLI_ENV): Live {
  const child = spawn(command, [...args], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const began = Date.now();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, ms: Date.now() - began })),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}

export function startCli(args: readonly string[], env: NodeJS.ProcessEnv = CLI_ENV): Live {
  return start(process.execPath, [CLI, ...args], env);
}

/** Polls `condition` every 10 ms; rejects after `ms`. */
export async function waitFor(condition: () => boolean, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A command on PATH (`which`), or undefined. */
export function which(command: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() || undefined : undefined;
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** `script` (util-linux) gives the CLI a pseudo-terminal, so the interactive UI starts. */
export const SCRIPT = IS_LINUX ? which('script') : undefined;

/** The environment of an interactive run: not CI, a real TERM. */
export const TTY_ENV: NodeJS.ProcessEnv = { ...process.env, CI: 'false', CONTINUOUS_INTEGRATION: 'false', TERM: 'xterm-256color', NO_COLOR: '1', SHELL: '/bin/sh' };

/**
 * The CLI on a pseudo-terminal through `script -qfec`: what it draws arrives on `stdout()`, keys
 * written to `child.stdin` reach it as typed, and the CLI's own pid is printed first (`PID=n`) so a
 * signal can be sent to it rather than to `script`.
 */
export function startInTty(args: readonly string[]): Live & { readonly pid: () => number | undefined } {
  const command = `echo PID=$$; exec ${shellQuote(process.execPath)} ${shellQuote(CLI)} ${args.map(shellQuote).join(' ')}`;
  const live = start(SCRIPT!, ['-qfec', command, '/dev/null'], TTY_ENV);
  return { ...live, pid: () => Number(/PID=(\d+)/.exec(live.stdout())?.[1]) || undefined };
}

export const ENTER_ALT_SCREEN = '\u001b[?1049h';
export const LEAVE_ALT_SCREEN = '\u001b[?1049l';
export const SHOW_CURSOR = '\u001b[?25h';

/** After the UI's last entry into the alternate screen, it was left and the cursor shown again. */
export function expectTerminalRestored(output: string): void {
  const entered = output.lastIndexOf(ENTER_ALT_SCREEN);
  expect(entered, 'the UI never started').toBeGreaterThanOrEqual(0);
  const after = output.slice(entered);
  expect(after).toContain(LEAVE_ALT_SCREEN);
  expect(after).toContain(SHOW_CURSOR);
}
