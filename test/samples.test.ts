// Every scenario under samples/ gives the verdict, root cause, culprit and exit code its expected.json states.
import { describe, expect, it } from 'vitest';
import { analyzeInputs, exitCodeFor } from '../src/commands/analyze.js';
import { builtinRules } from '../src/engine/registry.js';
import { sampleCases } from './sample-cases.js';

describe('samples/', () => {
  const cases = sampleCases();
  it('has scenarios', () => expect(cases.length).toBeGreaterThanOrEqual(10));
  for (const c of cases) {
    it(`${c.id}: ${c.expected.verdict} / ${c.expected.rootCause ?? 'no root cause'} / exit ${c.expected.exitCode}`, async () => {
      const { result, readable } = await analyzeInputs(c.files, builtinRules);
      const report = result.report;
      const root = report.findings.find((f) => f.rootCause);
      expect(report.verdict, report.summary).toBe(c.expected.verdict);
      expect(root?.ruleId ?? null, report.summary).toBe(c.expected.rootCause);
      if (c.expected.culprit) expect(root?.culprit ?? '').toContain(c.expected.culprit);
      expect(exitCodeFor(report, readable)).toBe(c.expected.exitCode);
      expect(report.sources.every((s) => s.lines > 0)).toBe(true);
    });
  }
});
