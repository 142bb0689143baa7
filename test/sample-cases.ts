// The scenarios under samples/: each folder's log files and its expected.json.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const SAMPLES_DIR = join(import.meta.dirname, '..', 'samples');

export interface SampleExpectation {
  readonly verdict: 'failed' | 'succeeded' | 'incomplete';
  readonly rootCause: string | null;
  readonly culprit: string | null;
  readonly exitCode: number;
}

export interface SampleCase {
  readonly id: string;
  readonly dir: string;
  readonly files: readonly string[];
  readonly expected: SampleExpectation;
}

function logFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return logFiles(full);
    return /\.(log|txt)$/i.test(name) ? [full] : [];
  });
}

export function sampleCases(): SampleCase[] {
  if (!existsSync(SAMPLES_DIR)) return [];
  return readdirSync(SAMPLES_DIR)
    .filter((name) => existsSync(join(SAMPLES_DIR, name, 'expected.json')))
    .sort()
    .map((id) => {
      const dir = join(SAMPLES_DIR, id);
      const files = logFiles(dir).sort((a, b) => (relative(dir, a).toLowerCase() < relative(dir, b).toLowerCase() ? -1 : 1));
      return { id, dir, files, expected: JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as SampleExpectation };
    });
}
