// `npm run fuzz`: mutated real-format logs through the whole CLI, for a given time. Not a test (it is not
// part of `npm test`); crashing inputs are saved under test/fuzz-crashers/ and replayed by
// test/fuzz-regressions.test.ts.
//
//   node dist/fuzz/run.js [--minutes 1] [--seed N] [--child-every 20] [--timeout 15] [--out DIR]
//                         [--max-cases N] [--case N] [--no-save] [--no-minimize]
//
// Seeds: every samples/**/setupact.log and setuperr.log. Each case (a pure function of --seed and its
// number, see fuzz/cases.ts) mutates one log, a setupact/setuperr pair or several logs (byte flips, line
// duplication/deletion/shuffle, splicing, long lines, NUL/0xFF/ESC bytes, CR/LF changes, truncation,
// re-encoding to UTF-16, hostile numbers and renderings), puts them in a file, a folder, a .zip or stdin,
// and runs `sysprep-doctor analyze <input> --format json|text|md|html|ndjson [--redact] [--run ...]`:
// in-process (the `main()` the CLI runs, in a worker thread so that a hang can be stopped), and every
// --child-every'th case as a real child process.
//
// A crash: exit code 70 or any exit code outside 0-4, a stack trace on stderr, invalid JSON (or NDJSON)
// with --format json (ndjson), no end within --timeout seconds (confirmed once in a child process with
// four times the time), or an uncaught exception in-process.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { generateCase, loadCorpus, type CaseFile, type Container, type FuzzCase } from './cases.js';
import { createZip } from '../test/zip-writer.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The built CLI the cases run: a private copy of dist/ (see snapshotDist), or dist/ itself with --no-snapshot. */
let CLI = join(ROOT, 'dist', 'src', 'cli.js');
/** This script, as the in-process worker loads it (from the snapshot too, so a worker restart is immune to rebuilds). */
let WORKER_URL = new URL(import.meta.url);
/** Set by Ctrl-C: the loop stops after the current case and prints its summary. */
let stopRequested = false;
const STACK_TRACE = /\n\s+at .+:\d+:\d+/;
/** A dist/ being rebuilt under us (another `tsc` run, with --no-snapshot): a module that does not load is not a finding. */
const ENVIRONMENT = /ERR_MODULE_NOT_FOUND|Cannot find module|does not provide an export named|SyntaxError[^\n]*\n(?:\s+at .*\n)*?\s+at [^\n]*node:internal\/modules\//;

/**
 * A private copy of dist/ (with package.json, and node_modules linked), so that a rebuild of dist/ during
 * a long run (another engineer's `tsc`, half-written files) neither breaks the cases nor mixes versions
 * between the in-process runner and the child processes. The copy is the code as built when the run began.
 */
function snapshotDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sysprep-doctor-fuzz-dist-'));
  cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

// ------------------------------------------------------------------------------------ worker side

interface RunRequest {
  readonly id: number;
  readonly argv: readonly string[];
}

type WorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'done'; readonly id: number; readonly code: number; readonly stdout: string; readonly stderr: string }
  | { readonly type: 'uncaught'; readonly id: number; readonly error: string };

async function workerMain(): Promise<void> {
  const port = parentPort!;
  const { main } = (await import(pathToFileURL((workerData as { cli: string }).cli).href)) as { main: (argv: readonly string[]) => Promise<number> };
  const out: string[] = [];
  const err: string[] = [];
  let current = -1;
  const capture = (sink: string[]) =>
    function write(chunk: unknown, encoding?: unknown, callback?: unknown): boolean {
      const cb = typeof encoding === 'function' ? encoding : callback;
      sink.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      if (typeof cb === 'function') queueMicrotask(() => (cb as () => void)());
      return true;
    };
  process.stdout.write = capture(out) as typeof process.stdout.write;
  process.stderr.write = capture(err) as typeof process.stderr.write;
  const report = (error: unknown) =>
    port.postMessage({ type: 'uncaught', id: current, error: error instanceof Error ? error.stack ?? error.message : String(error) } satisfies WorkerMessage);
  process.on('uncaughtException', report);
  process.on('unhandledRejection', report);
  port.on('message', (request: RunRequest) => {
    current = request.id;
    out.length = 0;
    err.length = 0;
    main(request.argv).then(
      (code) => port.postMessage({ type: 'done', id: request.id, code, stdout: out.join(''), stderr: err.join('') } satisfies WorkerMessage),
      report,
    );
  });
  port.postMessage({ type: 'ready' } satisfies WorkerMessage);
}

// ------------------------------------------------------------------------------------ running a case

interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
  readonly timedOut: boolean;
  readonly uncaught?: string;
  readonly via: 'in-process' | 'child';
}

/** `main()` in a worker thread: a hang is stopped by terminating the worker, which is then replaced. */
class InProcessRunner {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private nextId = 0;
  private pending: { id: number; resolve: (r: RunResult) => void; started: number; timer: NodeJS.Timeout } | undefined;
  private runsOnWorker = 0;

  /** A worker that fails to start (its script being rewritten on disk) is tried again a few times. */
  private async start(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.startOnce();
      } catch (error) {
        if (attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 2000 * attempt));
      }
    }
  }

  private startOnce(): Promise<void> {
    const worker = new Worker(WORKER_URL, { workerData: { cli: CLI }, stdout: true, stderr: true });
    worker.stdout.resume();
    worker.stderr.resume();
    this.worker = worker;
    this.runsOnWorker = 0;
    this.ready = new Promise((resolve, reject) => {
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'ready') return resolve();
        const pending = this.pending;
        if (!pending) return;
        const ms = performance.now() - pending.started;
        if (message.type === 'done' && message.id === pending.id) {
          this.finish({ code: message.code, stdout: message.stdout, stderr: message.stderr, ms, timedOut: false, via: 'in-process' });
        } else if (message.type === 'uncaught') {
          this.finish({ code: null, stdout: '', stderr: '', ms, timedOut: false, uncaught: message.error, via: 'in-process' });
        }
      });
      worker.on('error', (error) => {
        reject(error);
        const pending = this.pending;
        if (pending) this.finish({ code: null, stdout: '', stderr: '', ms: performance.now() - pending.started, timedOut: false, uncaught: error.stack ?? String(error), via: 'in-process' });
        this.worker = undefined;
      });
      worker.on('exit', (code) => {
        if (this.worker !== worker) return; // terminated by us (a hang, a restart)
        this.worker = undefined;
        const pending = this.pending;
        if (pending) this.finish({ code: null, stdout: '', stderr: '', ms: performance.now() - pending.started, timedOut: false, uncaught: `the in-process runner exited (code ${code}) during the case`, via: 'in-process' });
      });
    });
    return this.ready;
  }

  private finish(result: RunResult): void {
    const pending = this.pending;
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pending = undefined;
    pending.resolve(result);
  }

  async run(argv: readonly string[], timeoutMs: number): Promise<RunResult> {
    if (this.worker && this.runsOnWorker >= 3000) await this.stop();
    if (!this.worker) await this.start();
    else await this.ready;
    this.runsOnWorker++;
    const id = this.nextId++;
    return new Promise((resolve) => {
      const started = performance.now();
      const timer = setTimeout(() => {
        this.finish({ code: null, stdout: '', stderr: '', ms: performance.now() - started, timedOut: true, via: 'in-process' });
        void this.stop();
      }, timeoutMs);
      this.pending = { id, resolve, started, timer };
      this.worker!.postMessage({ id, argv } satisfies RunRequest);
    });
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }
}

function runChild(args: readonly string[], stdin: Buffer | undefined, timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', CI: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.stdin.on('error', () => undefined); // the CLI may exit before reading all of stdin
    child.stdin.end(stdin ?? Buffer.alloc(0));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ms: performance.now() - started, timedOut, via: 'child' });
    });
  });
}

// ------------------------------------------------------------------------------------ inputs on disk

/** Writes the case under `dir` and returns the CLI input argument (a path, or `-` for stdin). */
function materialize(c: Pick<FuzzCase, 'container' | 'files' | 'zipBytes'>, dir: string): { input: string; stdin?: Buffer } {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  if (c.container === 'stdin') return { input: '-', stdin: c.files[0]!.bytes };
  if (c.container === 'zip') {
    const path = join(dir, 'bundle.zip');
    writeFileSync(path, c.zipBytes!);
    return { input: path };
  }
  if (c.container === 'file') {
    const name = c.files[0]!.name.split('/').pop()!;
    const path = join(dir, ...c.files[0]!.name.split('/').slice(0, -1).map(safeSegment), safeSegment(name));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, c.files[0]!.bytes);
    return { input: path };
  }
  const root = join(dir, 'bundle');
  for (const f of c.files) {
    const path = join(root, ...f.name.split('/').map(safeSegment));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.bytes);
  }
  return { input: root };
}

function safeSegment(segment: string): string {
  return segment === '..' || segment === '.' || segment === '' ? '_' : segment;
}

// ------------------------------------------------------------------------------------ oracle

interface Crash {
  readonly kind: string;
  /** Groups crashes with the same cause: kind + message + top frame, numbers and paths normalized. */
  readonly signature: string;
}

function topFrame(stack: string): string {
  const frame = /\n\s+at (.+)/.exec(stack)?.[1] ?? '';
  return frame.replace(/\(?file:\/\/\S*?\/(dist\/[^:)]+):\d+:\d+\)?/g, '$1').replace(/\/\S*\/(dist\/[^:)\s]+):\d+:\d+/g, '$1').trim();
}

function normalize(message: string): string {
  return message.replace(/0x[0-9a-f]+/gi, 'N').replace(/\d+/g, 'N').replace(/'[^']*'|"[^"]*"/g, "'…'").slice(0, 160);
}

function classify(c: Pick<FuzzCase, 'format' | 'quiet'>, r: RunResult): Crash | null {
  if (r.timedOut) return { kind: 'timeout', signature: 'timeout' };
  if (r.uncaught !== undefined) {
    const first = r.uncaught.split('\n')[0] ?? '';
    return { kind: 'uncaught-exception', signature: `uncaught: ${normalize(first)} @ ${topFrame(r.uncaught)}` };
  }
  const stack = STACK_TRACE.test(r.stderr);
  if (r.code === 70 || r.code === null || r.code < 0 || r.code > 4 || stack) {
    const lines = r.stderr.split('\n');
    const at = lines.findIndex((l) => /^\s+at /.test(l));
    const message = at > 0 ? lines[at - 1]! : lines.find((l) => l.trim() !== '') ?? '';
    const kind = r.code === 70 ? 'internal-error' : stack ? 'stack-trace' : `exit-code-${r.code}`;
    return { kind, signature: `${kind}: ${normalize(message)} @ ${topFrame(r.stderr)}` };
  }
  if (!c.quiet && (r.code === 0 || r.code === 1 || r.code === 4)) {
    if (c.format === 'json') {
      try {
        JSON.parse(r.stdout);
      } catch (error) {
        return { kind: 'invalid-json', signature: `invalid-json: ${normalize((error as Error).message)}` };
      }
    } else if (c.format === 'ndjson') {
      for (const line of r.stdout.split('\n')) {
        if (line === '') continue;
        try {
          JSON.parse(line);
        } catch (error) {
          return { kind: 'invalid-ndjson', signature: `invalid-ndjson: ${normalize((error as Error).message)}` };
        }
      }
    }
  }
  return null;
}

// ------------------------------------------------------------------------------------ fuzzing loop

interface Options {
  minutes: number;
  seed: number;
  childEvery: number;
  timeoutMs: number;
  out: string;
  maxCases: number;
  save: boolean;
  minimize: boolean;
  only: number | undefined;
  snapshot: boolean;
}

const USAGE = `usage: npm run fuzz -- [options]     (or: node dist/fuzz/run.js [options] after a build)

  --minutes N       how long to fuzz (default 1; fractions allowed)
  --seed N          seed of the case generator (default: from the clock; printed, to replay a run)
  --child-every N   every N-th case runs as a real child process (default 20; 0: never)
  --timeout S       seconds a case may take in-process before it counts as a hang (default 15)
  --out DIR         where crashing inputs are saved (default test/fuzz-crashers)
  --max-cases N     stop after N cases even if time is left
  --case N          regenerate case N of --seed, run it in-process and as a child, print what happened
  --no-save         do not save crashing inputs
  --no-minimize     save crashing inputs as found
  --no-snapshot     run dist/ itself instead of a copy taken at start (a rebuild during the run then shows)`;

function parseOptions(argv: readonly string[]): Options {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      minutes: { type: 'string', default: '1' },
      seed: { type: 'string' },
      'child-every': { type: 'string', default: '20' },
      timeout: { type: 'string', default: '15' },
      out: { type: 'string', default: join(ROOT, 'test', 'fuzz-crashers') },
      'max-cases': { type: 'string' },
      case: { type: 'string' },
      'no-save': { type: 'boolean', default: false },
      'no-minimize': { type: 'boolean', default: false },
      'no-snapshot': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    process.exit(0);
  }
  const number = (name: string, value: string | undefined, fallback: number): number => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name}: not a number: ${value}`);
    return n;
  };
  return {
    minutes: number('minutes', values.minutes, 1),
    seed: Math.floor(number('seed', values.seed, Date.now() % 2 ** 31)) >>> 0,
    childEvery: Math.floor(number('child-every', values['child-every'], 20)),
    timeoutMs: number('timeout', values.timeout, 15) * 1000,
    out: values.out!,
    maxCases: values['max-cases'] === undefined ? Infinity : number('max-cases', values['max-cases'], Infinity),
    save: !values['no-save'],
    minimize: !values['no-minimize'],
    only: values.case === undefined ? undefined : number('case', values.case, 0),
    snapshot: !values['no-snapshot'],
  };
}

function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m ${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

interface CrashRecord {
  readonly crash: Crash;
  count: number;
  saved: string[];
  example: string;
  /** A minimization was tried (once per signature, on the first single-file case). */
  minimized: boolean;
}

class Fuzzer {
  readonly inProcess = new InProcessRunner();
  readonly scratch = mkdtempSync(join(tmpdir(), 'sysprep-doctor-fuzz-'));
  readonly crashes = new Map<string, CrashRecord>();
  executions = 0;
  cases = 0;
  childExecutions = 0;
  environmentErrors = 0;
  slow: { index: number; ms: number }[] = [];
  /** Not crashes: reports whose line count is not the input's (README: every physical line is counted). */
  lineCountMismatches: { index: number; expected: number; got: number }[] = [];
  slowest = { index: -1, ms: 0 };

  constructor(readonly options: Options) {}

  async execute(c: Pick<FuzzCase, 'container' | 'files' | 'zipBytes' | 'args'>, child: boolean, slot: string, timeoutMs = this.options.timeoutMs): Promise<RunResult> {
    const { input, stdin } = materialize(c, join(this.scratch, slot));
    this.executions++;
    if (child) {
      this.childExecutions++;
      return runChild(['analyze', input, ...c.args], stdin, timeoutMs + 10_000);
    }
    return this.inProcess.run(['node', 'sysprep-doctor', 'analyze', input, ...c.args], timeoutMs);
  }

  /** A hang in-process is confirmed in a child process with four times the time (a loaded machine is not a hang). */
  async check(c: FuzzCase, result: RunResult, child: boolean): Promise<{ crash: Crash | null; result: RunResult; child: boolean }> {
    let crash = classify(c, result);
    if (crash && crash.kind !== 'timeout' && ENVIRONMENT.test(result.stderr + (result.uncaught ?? ''))) {
      this.environmentErrors++;
      return { crash: null, result, child };
    }
    if (crash?.kind === 'timeout') {
      const again = await this.execute(c, true, 'confirm', this.options.timeoutMs * 4);
      const second = classify(c, again);
      if (second?.kind !== 'timeout') {
        this.slow.push({ index: c.index, ms: result.ms });
        return { crash: second, result: again, child: true };
      }
      crash = second;
      return { crash, result: again, child: true };
    }
    return { crash, result, child };
  }

  async loop(): Promise<void> {
    const corpus = loadCorpus(join(ROOT, 'samples'));
    const { options } = this;
    const started = performance.now();
    const deadline = started + options.minutes * 60_000;
    let lastProgress = started;
    process.stdout.write(
      `sysprep-doctor fuzz: seed ${options.seed}, ${options.minutes} min, ${corpus.seeds.length} seed logs, child process every ${options.childEvery || 'never'}, timeout ${options.timeoutMs / 1000} s, crashers -> ${relative(process.cwd(), options.out) || '.'}\n`,
    );
    for (let i = 0; performance.now() < deadline && i < options.maxCases && !stopRequested; i++) {
      const child = options.childEvery > 0 && i % options.childEvery === options.childEvery - 1;
      const c = generateCase(options.seed, i, corpus, child);
      this.cases = i + 1;
      const first = await this.execute(c, child, 'case');
      if (first.ms > this.slowest.ms) this.slowest = { index: i, ms: first.ms };
      const { crash, result, child: via } = await this.check(c, first, child);
      if (crash) await this.record(c, crash, result, via);
      else this.checkLineCount(c, result);
      const now = performance.now();
      if (now - lastProgress >= 30_000) {
        lastProgress = now;
        const unique = this.crashes.size;
        process.stdout.write(
          `  ${formatDuration(now - started)}  cases ${i + 1}  executions ${this.executions}  ${(this.executions / ((now - started) / 1000)).toFixed(1)}/s  crashes ${unique} unique\n`,
        );
      }
    }
    const elapsed = performance.now() - started;
    await this.inProcess.stop();
    this.summary(elapsed);
    rmSync(this.scratch, { recursive: true, force: true });
  }

  /** A second, softer oracle on single-file JSON cases: sources[0].lines must be the input's line count. */
  checkLineCount(c: FuzzCase, result: RunResult): void {
    if (c.format !== 'json' || c.quiet || (c.container !== 'file' && c.container !== 'stdin') || c.args.includes('--run')) return;
    const expected = referenceLineCount(c.files[0]!.bytes);
    if (expected === undefined) return;
    let got: number | undefined;
    try {
      got = (JSON.parse(result.stdout) as { sources?: { lines?: number }[] }).sources?.[0]?.lines;
    } catch {
      return;
    }
    if (got === undefined || got === expected) return;
    this.lineCountMismatches.push({ index: c.index, expected, got });
    process.stdout.write(`  ? case ${c.index}: ${got} lines reported, the input has ${expected} (not a crash; replay with --case ${c.index})\n`);
  }

  async record(c: FuzzCase, crash: Crash, result: RunResult, child: boolean): Promise<void> {
    let entry = this.crashes.get(crash.signature);
    const isNew = !entry;
    if (!entry) {
      entry = { crash, count: 0, saved: [], example: '', minimized: false };
      this.crashes.set(crash.signature, entry);
    }
    entry.count++;
    process.stdout.write(`  ! case ${c.index}: ${crash.signature}${isNew ? ' (new)' : ''}\n`);
    if (!this.options.save || entry.saved.length >= 3) return;
    let files = c.files;
    let minimized = '';
    if (this.options.minimize && !entry.minimized && crash.kind !== 'timeout' && (c.container === 'file' || c.container === 'stdin')) {
      entry.minimized = true;
      const before = files[0]!.bytes.length;
      const bytes = await this.minimize(c, crash.signature, child);
      if (bytes.length < before) {
        files = [{ name: files[0]!.name, bytes }];
        minimized = `yes, ${before} -> ${bytes.length} bytes`;
      }
    }
    const saved = this.save(c, files, crash, result, child, minimized);
    entry.saved.push(saved);
    entry.example = saved;
  }

  /** Line-wise delta debugging, then byte chunks, keeping the same crash signature; bounded in time. */
  async minimize(c: FuzzCase, signature: string, child: boolean): Promise<Buffer> {
    const budgetEnd = performance.now() + 90_000;
    const reproduces = async (bytes: Buffer): Promise<boolean> => {
      if (performance.now() > budgetEnd) return false;
      const trial = { ...c, files: [{ name: c.files[0]!.name, bytes }] };
      const r = await this.execute(trial, child, 'minimize');
      return classify(c, r)?.signature === signature;
    };
    let units = splitUnits(c.files[0]!.bytes, 'line');
    for (const mode of ['line', 'byte'] as const) {
      if (mode === 'byte') units = splitUnits(Buffer.concat(units), 'byte');
      let chunk = Math.max(1, Math.floor(units.length / 2));
      while (chunk >= 1 && performance.now() < budgetEnd) {
        let removed = false;
        for (let start = 0; start < units.length && performance.now() < budgetEnd; ) {
          const candidate = [...units.slice(0, start), ...units.slice(start + chunk)];
          if (candidate.length < units.length && (await reproduces(Buffer.concat(candidate)))) {
            units = candidate;
            removed = true;
          } else start += chunk;
        }
        if (!removed) chunk = Math.floor(chunk / 2);
      }
    }
    return Buffer.concat(units);
  }

  save(c: FuzzCase, files: readonly CaseFile[], crash: Crash, result: RunResult, child: boolean, minimized: string): string {
    mkdirSync(this.options.out, { recursive: true });
    const asZip = c.container === 'zip' || c.container === 'dir';
    const data = c.container === 'zip' ? c.zipBytes! : c.container === 'dir' ? createZip(files.map((f) => ({ name: f.name, data: f.bytes }))) : files[0]!.bytes;
    const hash = createHash('sha256').update(data).update(c.args.join(' ')).digest('hex').slice(0, 16);
    const file = join(this.options.out, `${hash}.${asZip ? 'zip' : 'log'}`);
    writeFileSync(file, data);
    const input: Container | 'dir-as-zip' = c.container === 'dir' ? 'dir-as-zip' : c.container;
    const stderr = (result.uncaught ?? result.stderr).split('\n').slice(0, 40).join('\n');
    const sidecar = [
      `kind: ${crash.kind}`,
      `signature: ${crash.signature}`,
      `args: ${c.args.join(' ')}`,
      `input: ${input}`,
      `found: ${new Date().toISOString()} by npm run fuzz -- --seed ${this.options.seed} (case ${c.index}, ${child ? 'child process' : 'in-process'})`,
      `replay: node dist/fuzz/run.js --seed ${this.options.seed} --case ${c.index}`,
      `seeds: ${c.seeds.join(', ')}`,
      `files: ${files.map((f) => `${f.name} (${f.bytes.length} bytes)`).join(', ')}`,
      `mutations: ${c.mutations.join(', ') || 'none'}`,
      `minimized: ${minimized || 'no'}`,
      `exit code: ${result.code ?? 'none'}${result.timedOut ? ` (timed out after ${Math.round(result.ms)} ms)` : ''}`,
      `stderr:`,
      stderr,
      '',
    ].join('\n');
    writeFileSync(file.replace(/\.(log|zip)$/, '.txt'), sidecar);
    process.stdout.write(`    saved ${relative(process.cwd(), file)}\n`);
    return file;
  }

  summary(elapsedMs: number): void {
    const seconds = elapsedMs / 1000;
    const inputs = [...this.crashes.values()].reduce((n, r) => n + r.count, 0);
    const lines = [
      '',
      'fuzz summary',
      `  seed          ${this.options.seed}`,
      `  duration      ${formatDuration(elapsedMs)}`,
      `  cases         ${this.cases}`,
      `  executions    ${this.executions} (${this.executions - this.childExecutions} in-process, ${this.childExecutions} child processes)`,
      `  executions/s  ${(this.executions / seconds).toFixed(1)}`,
      `  crashes       ${this.crashes.size} unique (${inputs} crashing cases)`,
    ];
    for (const record of this.crashes.values()) lines.push(`    - ${record.crash.signature} ×${record.count}${record.example ? ` — ${relative(process.cwd(), record.example)}` : ''}`);
    lines.push(`  saved in      ${this.options.save ? relative(process.cwd(), this.options.out) || '.' : '(not saved: --no-save)'}`);
    lines.push(`  slowest case  ${this.slowest.index} (${Math.round(this.slowest.ms)} ms); hangs not confirmed in a child: ${this.slow.length}`);
    const mismatches = this.lineCountMismatches;
    lines.push(`  line counts   ${mismatches.length === 0 ? 'all as in the input' : `${mismatches.length} case(s) off (not crashes): ${mismatches.slice(0, 8).map((m) => `case ${m.index} ${m.got}/${m.expected}`).join(', ')}`}`);
    if (this.environmentErrors > 0) lines.push(`  dist/ rebuilt during the run: ${this.environmentErrors} case(s) ignored`);
    process.stdout.write(lines.join('\n') + '\n');
  }

  /** `--case N`: one case, in-process and as a child, with what the oracle says. */
  async replay(index: number): Promise<number> {
    const corpus = loadCorpus(join(ROOT, 'samples'));
    let bad = false;
    for (const child of [false, true]) {
      const c = generateCase(this.options.seed, index, corpus, child);
      const r = await this.execute(c, child, child ? 'replay-child' : 'replay');
      const crash = classify(c, r);
      bad ||= crash !== null;
      process.stdout.write(
        `case ${index} ${child ? 'child' : 'in-process'}: ${c.container} ${c.files.map((f) => `${f.name} (${f.bytes.length} B)`).join(', ')} ${c.args.join(' ')}\n` +
          `  mutations: ${c.mutations.join(', ') || 'none'}\n  exit ${r.code} in ${Math.round(r.ms)} ms${r.timedOut ? ' (timeout)' : ''}: ${crash ? crash.signature : 'ok'}\n` +
          (r.stderr ? `  stderr: ${r.stderr.split('\n').slice(0, 12).join('\n  ')}\n` : '') +
          `  input kept in ${join(this.scratch, child ? 'replay-child' : 'replay')}\n`,
      );
    }
    await this.inProcess.stop();
    return bad ? 1 : 0;
  }
}

/**
 * Lines in a UTF-8 (or 8-bit) input, or a UTF-16 input with a BOM, as the README counts them: LF, CRLF and
 * a lone CR end a line, a last line without terminator counts. Undefined where the decoder's encoding is a
 * guess (BOM-less with NUL bytes: maybe UTF-16LE).
 */
function referenceLineCount(bytes: Buffer): number | undefined {
  const be = bytes[0] === 0xfe && bytes[1] === 0xff;
  const le = bytes[0] === 0xff && bytes[1] === 0xfe;
  if (!be && !le && bytes.subarray(0, 512).includes(0)) return undefined;
  const unit = be || le ? 2 : 1;
  const start = be || le ? 2 : bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const at = (i: number): number => (unit === 1 ? bytes[i]! : be ? (bytes[i]! << 8) | bytes[i + 1]! : bytes[i]! | (bytes[i + 1]! << 8));
  const end = start + Math.floor((bytes.length - start) / unit) * unit;
  let lines = 0;
  let open = false;
  for (let i = start; i < end; i += unit) {
    const c = at(i);
    if (c === 13) {
      lines++;
      open = false;
      if (i + unit < end && at(i + unit) === 10) i += unit;
    } else if (c === 10) {
      lines++;
      open = false;
    } else open = true;
  }
  // a dangling odd byte of UTF-16 is dropped by the decoder, as here
  return lines + (open ? 1 : 0);
}

function splitUnits(bytes: Buffer, mode: 'line' | 'byte'): Buffer[] {
  const units: Buffer[] = [];
  if (mode === 'byte') {
    const size = Math.max(1, Math.ceil(bytes.length / 256));
    for (let i = 0; i < bytes.length; i += size) units.push(bytes.subarray(i, i + size));
    return units;
  }
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 10 || (bytes[i] === 13 && bytes[i + 1] !== 10)) {
      units.push(bytes.subarray(start, i + 1));
      start = i + 1;
    }
  }
  if (start < bytes.length) units.push(bytes.subarray(start));
  return units;
}

async function cliMain(): Promise<void> {
  let options: Options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (!existsSync(CLI)) {
    process.stderr.write(`${CLI} is missing: run npm run build first\n`);
    process.exit(2);
  }
  const snapshot = options.snapshot ? snapshotDist() : undefined;
  if (snapshot) {
    CLI = join(snapshot, 'dist', 'src', 'cli.js');
    WORKER_URL = pathToFileURL(join(snapshot, 'dist', 'fuzz', 'run.js'));
  }
  process.once('SIGINT', () => {
    stopRequested = true;
    process.stdout.write('  (interrupted: finishing the current case, then the summary; Ctrl-C again to quit now)\n');
    process.once('SIGINT', () => process.exit(130));
  });
  const probe = spawnSync(process.execPath, [CLI, '--version'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    process.stderr.write(`the built CLI does not start (is dist/ half rebuilt? run npm run build):\n${probe.stderr}\n`);
    if (snapshot) rmSync(snapshot, { recursive: true, force: true });
    process.exit(2);
  }
  const fuzzer = new Fuzzer(options);
  process.once('exit', () => {
    if (snapshot) rmSync(snapshot, { recursive: true, force: true });
  });
  if (options.only !== undefined) {
    process.exitCode = await fuzzer.replay(options.only);
    return;
  }
  await fuzzer.loop();
  if (existsSync(options.out) && readdirSync(options.out).length > 0 && options.save && fuzzer.crashes.size > 0) {
    process.stdout.write('  replay them with: npx vitest run test/fuzz-regressions.test.ts\n');
  }
  process.exitCode = fuzzer.crashes.size > 0 ? 1 : 0;
}

if (isMainThread) await cliMain();
else await workerMain();
