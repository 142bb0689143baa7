// A log with more sysprep runs than a report lists: the latest runs are listed in full, the older
// ones counted, so that memory stays flat however many runs a long log holds.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analyze/analysis.js';
import { LISTED_RUNS } from '../src/analyze/source-analyzer.js';
import { builtinRules } from '../src/engine/registry.js';

const ROOT = join(import.meta.dirname, '..');
const sampleLog = (...path: string[]): string => readFileSync(join(ROOT, 'samples', ...path), 'utf8').replace(/^\uFEFF/, '');

describe('a log with more runs than a report lists', () => {
  const failing = sampleLog('appx-onedrive-generalize', 'setupact.log');
  const succeeding = sampleLog('generalize-success', 'Windows/System32/Sysprep/Panther/setupact.log');
  // 3 failing runs, then successful ones, then the failing run last: 150 runs in one file
  const runs = [failing, failing, failing, ...Array.from({ length: 146 }, () => succeeding), failing];
  const analysis = new Analysis({ rules: builtinRules });
  const feed = analysis.addSource('C:/Windows/System32/Sysprep/Panther/setupact.log', 'sysprep', 'setupact');
  feed.push(Buffer.from(runs.join(''), 'utf8'));
  feed.end();
  const { report } = analysis.result();

  it('lists the latest runs and counts the older ones, with how many of them failed', () => {
    expect(report.runs).toHaveLength(LISTED_RUNS);
    expect(report.stats.olderRuns).toEqual({ count: runs.length - LISTED_RUNS, failed: 3 });
    expect(report.runs.at(-1)!.outcome).toBe('failed');
  });

  it('still names the latest failing run’s root cause, and counts every line', () => {
    expect(report.verdict).toBe('failed');
    expect(report.findings[0]?.rootCause).toBe(true);
    expect(report.findings[0]?.ruleId).toBe('appx-installed-not-provisioned');
    const lines = runs.join('').split(/\r\n|\n/).length - 1;
    expect(report.sources[0]!.lines).toBe(lines);
  });

  it('a log with fewer runs has no olderRuns', () => {
    const small = new Analysis({ rules: builtinRules });
    const f = small.addSource('setupact.log', 'sysprep', 'setupact');
    f.push(Buffer.from(failing));
    f.end();
    expect(small.result().report.stats.olderRuns).toBeUndefined();
  });
});
