// Every real log of the dev corpus: verdict, root-cause rule and culprit as its expected.json says.
import { describe, expect, it } from 'vitest';
import { analyzeInputs } from '../src/commands/analyze.js';
import { builtinRules } from '../src/engine/registry.js';
import { CORPUS_ABSENT_REASON, CORPUS_PRESENT, corpusCases, type CorpusCase } from './corpus-cases.js';
import type { Report } from '../src/types.js';

export function checkAgainstExpectation(report: Report, c: CorpusCase): void {
  const { expected } = c;
  const root = report.findings.find((f) => f.rootCause);
  expect(expected.verdict, `${c.id}: verdict ${report.verdict}`).toContain(report.verdict);
  if (expected.noRootCause) {
    expect(root, `${c.id}: no root cause expected, got ${root?.ruleId}`).toBeUndefined();
    return;
  }
  expect(root, `${c.id}: a root cause is expected (${report.summary})`).toBeDefined();
  if (Array.isArray(expected.rules)) expect(expected.rules, `${c.id}: root-cause rule`).toContain(root!.ruleId);
  if (expected.culprit) expect(root!.culprit ?? '', `${c.id}: culprit`).toContain(expected.culprit);
}

describe.skipIf(!CORPUS_PRESENT)(`dev corpus${CORPUS_PRESENT ? '' : ` (skipped: ${CORPUS_ABSENT_REASON})`}`, () => {
  for (const c of corpusCases()) {
    it(`${c.id}: ${c.expected.verdict.join('|')} / ${Array.isArray(c.expected.rules) ? c.expected.rules.join('|') : String(c.expected.rules)}`, async () => {
      const { result } = await analyzeInputs(c.files, builtinRules);
      checkAgainstExpectation(result.report, c);
    });
  }
});
