// Every sample and every dev-corpus log, re-rendered the ways real logs reach a ticket, must keep its
// verdict, root-cause rule and culprit (for an errors-only copy: its root cause; it cannot show success).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeInputs } from '../src/commands/analyze.js';
import { builtinRules } from '../src/engine/registry.js';
import type { Report } from '../src/types.js';
import { CORPUS_ABSENT_REASON, CORPUS_PRESENT, corpusCases } from './corpus-cases.js';
import { sampleCases } from './sample-cases.js';
import { VARIANTS, type BundleFile } from './variants.js';

interface Answer {
  readonly verdict: string;
  /** Non-noise findings in any run (kept apart from the compared fields). */
  readonly hadFindings?: boolean;
  readonly ruleId: string | null;
  readonly culprit: string | null;
}

function answerOf0(a: Answer): Answer {
  return { verdict: a.verdict, ruleId: a.ruleId, culprit: a.culprit };
}

function answerOf(report: Report): Answer {
  const root = report.findings.find((f) => f.rootCause);
  return { verdict: report.verdict, ruleId: root?.ruleId ?? null, culprit: root?.culprit ?? null };
}

const scratch = mkdtempSync(join(tmpdir(), 'sysprep-doctor-variants-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;

function writeBundle(files: readonly BundleFile[]): string[] {
  const dir = join(scratch, String(counter++));
  return files.map((f) => {
    const path = join(dir, f.name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.bytes);
    return path;
  });
}

async function answerFor(paths: readonly string[]): Promise<Answer> {
  const { result } = await analyzeInputs(paths, builtinRules);
  return answerOf(result.report);
}

async function originalAnswer(paths: readonly string[]): Promise<Answer & { hadFindings: boolean }> {
  const { result } = await analyzeInputs(paths, builtinRules);
  return { ...answerOf(result.report), hadFindings: result.report.findings.some((f) => f.role !== 'noise' && f.role !== 'context') };
}

function bundleOf(dir: string, files: readonly string[]): BundleFile[] {
  return files.map((f) => ({ name: relative(dir, f).replace(/\\/g, '/'), bytes: readFileSync(f) }));
}

function sameBundle(a: readonly BundleFile[], b: readonly BundleFile[]): boolean {
  return a.length === b.length && a.every((f, i) => f.name === b[i]!.name && f.bytes.equals(b[i]!.bytes));
}

function variantSuite(id: string, dir: string, files: readonly string[]): void {
  describe(id, () => {
    for (const variant of VARIANTS) {
      it(variant.name, async (ctx) => {
        const input = bundleOf(dir, files);
        const output = variant.apply(input);
        const unchanged = sameBundle(input, output);
        // A generator that silently leaves a log alone would make the comparison vacuous.
        if (variant.appliesTo(input)) expect(unchanged, `${id} / ${variant.name}: the variant left the bundle unchanged`).toBe(false);
        else if (unchanged) ctx.skip(`${id} has nothing for "${variant.name}" to change`);
        const original = await originalAnswer(files);
        const changed = await answerFor(writeBundle(output));
        if (variant.keepsVerdict) {
          expect(changed, `${id} / ${variant.name}`).toEqual(answerOf0(original));
        } else if (original.verdict === 'succeeded') {
          // an errors-only log cannot show success; it may still show an older run's failure
          expect(changed.verdict, `${id} / ${variant.name}`).not.toBe('succeeded');
          if (!original.hadFindings) expect(changed.ruleId, `${id} / ${variant.name}`).toBeNull();
        } else {
          expect({ ruleId: changed.ruleId, culprit: changed.culprit }, `${id} / ${variant.name}`).toEqual({ ruleId: original.ruleId, culprit: original.culprit });
          expect(['failed', 'incomplete']).toContain(changed.verdict);
        }
      });
    }
  });
}

describe('metamorphic variants of samples/', () => {
  for (const c of sampleCases()) variantSuite(c.id, c.dir, c.files);
});

describe.skipIf(!CORPUS_PRESENT)(`metamorphic variants of the dev corpus${CORPUS_PRESENT ? '' : ` (skipped: ${CORPUS_ABSENT_REASON})`}`, () => {
  for (const c of corpusCases()) variantSuite(c.id, c.dir, c.files);
});
