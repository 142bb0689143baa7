// Fleet throughput: builds N machine bundles (half folders, half zips) from the samples/ scenarios
// in os.tmpdir(), then analyzes them with `fleet`'s pool at each worker count and reports bundles/s.
// A benchmark, not a test. Run the compiled JS (the workers load dist/src/fleet/worker.js):
//
//   node dist/bench/fleet.js [--bundles 200] [--workers 1,2] [--repeat 3] [--log-bytes 0] [--keep]
//
// The samples are small (~10 KB a machine); `--log-bytes 1M` adds a synthetic Windows/Panther/setupact.log
// of that size (bench/generate-log.ts) to every bundle, closer to real collected logs.
// Wall time per pass includes listing the folder and starting the worker threads, as the CLI does;
// the first pass is cold (JIT, file cache), as a CLI run is, and is reported apart.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { builtinRules } from '../src/engine/registry.js';
import { buildFleetReport } from '../src/fleet/aggregate.js';
import { listBundles } from '../src/fleet/bundles.js';
import { analyzeBundles, workersAvailable } from '../src/fleet/pool.js';
import { createZip } from '../test/zip-writer.js';
import { generatePantherLog, parseSize } from './generate-log.js';

interface Scenario {
  readonly id: string;
  readonly files: readonly { readonly name: string; readonly data: Buffer }[];
}

/** samples/ of the repository, from bench/ (sources) or dist/bench/ (compiled). */
function samplesDir(): string {
  for (let dir = import.meta.dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'samples');
    if (existsSync(join(dir, 'package.json')) && existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error('samples/ not found above ' + import.meta.dirname);
  }
}

function logFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) return logFiles(full);
      return /\.(log|txt)$/i.test(name) ? [full] : [];
    });
}

function scenarios(): Scenario[] {
  const root = samplesDir();
  return readdirSync(root)
    .filter((id) => existsSync(join(root, id, 'expected.json')))
    .sort()
    .map((id) => {
      const dir = join(root, id);
      return { id, files: logFiles(dir).map((f) => ({ name: relative(dir, f).replace(/\\/g, '/'), data: readFileSync(f) })) };
    });
}

/** A few distinct synthetic logs, shared round-robin by the bundles (generation is not what is measured). */
function syntheticLogs(bytes: number): Buffer[] {
  if (bytes === 0) return [];
  return Array.from({ length: 8 }, (_, seed) => Buffer.concat([...generatePantherLog({ bytes, seed: seed + 1 })]));
}

function buildFleet(dir: string, count: number, logBytes: number): { bytes: number; zips: number } {
  const all = scenarios();
  if (all.length === 0) throw new Error('no scenario in samples/');
  const extra = syntheticLogs(logBytes);
  let bytes = 0;
  let zips = 0;
  for (let i = 0; i < count; i++) {
    const scenario = all[i % all.length]!;
    const name = `m${String(i + 1).padStart(3, '0')}-${scenario.id}`;
    const files = extra.length ? [...scenario.files, { name: 'Windows/Panther/setupact.log', data: extra[i % extra.length]! }] : scenario.files;
    for (const f of files) bytes += f.data.length;
    if (i % 2 === 1) {
      writeFileSync(join(dir, `${name}.zip`), createZip(files));
      zips++;
      continue;
    }
    for (const f of files) {
      const path = join(dir, name, f.name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, f.data);
    }
  }
  return { bytes, zips };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      bundles: { type: 'string', default: '200' },
      workers: { type: 'string', default: '1,2' },
      repeat: { type: 'string', default: '3' },
      'log-bytes': { type: 'string', default: '0' },
      keep: { type: 'boolean', default: false },
    },
  });
  const count = Number(values.bundles);
  const repeat = Number(values.repeat);
  const poolSizes = values.workers.split(',').map(Number);
  const logBytes = parseSize(values['log-bytes']);
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(repeat) || repeat < 1 || poolSizes.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new Error('usage: node dist/bench/fleet.js [--bundles N] [--workers 1,2,...] [--repeat R] [--log-bytes SIZE] [--keep]');
  }
  if (!workersAvailable()) console.warn('note: the compiled worker is not available (running the .ts sources?): every pass runs in-process');

  const dir = mkdtempSync(join(tmpdir(), 'sysprep-doctor-fleet-bench-'));
  try {
    const built = buildFleet(dir, count, logBytes);
    console.log(`fleet bench: ${count} bundles (${count - built.zips} folders, ${built.zips} zips, ${(built.bytes / 1024 / 1024).toFixed(1)} MiB of logs) in ${dir}`);
    console.log(`node ${process.version}, ${cpus()[0]?.model ?? 'cpu'}, availableParallelism ${availableParallelism()}, load average ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
    console.log('');
    console.log('workers  mode        cold s   best s   bundles/s (cold)   bundles/s (best)   MiB/s (best)   cpu s (best pass)');
    let reference: string | undefined;
    for (const size of poolSizes) {
      const times: number[] = [];
      const cpu: number[] = [];
      let mode = '';
      for (let r = 0; r < repeat; r++) {
        const start = performance.now();
        const cpuStart = process.cpuUsage();
        const bundles = await listBundles(dir);
        const run = await analyzeBundles(bundles, { workers: size, rules: builtinRules });
        const report = buildFleetReport(run.machines);
        times.push((performance.now() - start) / 1000);
        const used = process.cpuUsage(cpuStart); // all threads of the process
        cpu.push((used.user + used.system) / 1e6);
        mode = run.mode;
        // every pool size must give the same answer
        const digest = JSON.stringify(report.causes);
        if (reference === undefined) reference = digest;
        else if (digest !== reference) throw new Error(`--workers ${size} gave different causes than the first pass`);
      }
      const cold = times[0]!;
      const best = Math.min(...times);
      const bestCpu = cpu[times.indexOf(best)]!;
      console.log(
        `${String(size).padStart(7)}  ${mode.padEnd(10)}  ${cold.toFixed(3).padStart(6)}   ${best.toFixed(3).padStart(6)}   ${(count / cold).toFixed(1).padStart(16)}   ${(count / best).toFixed(1).padStart(16)}   ${(built.bytes / 1024 / 1024 / best).toFixed(1).padStart(12)}   ${bestCpu.toFixed(3).padStart(17)}`,
      );
    }
  } finally {
    if (values.keep) console.log(`\nkept: ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
