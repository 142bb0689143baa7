// Golden files for the bundled samples: each scenario under samples/ analyzed with the built-in rules,
// rendered as Markdown and HTML, compared byte for byte with test/golden/samples/<scenario>.{md,html}.
// Paths are made relative to the repository, so the goldens do not depend on the checkout.
// A change to a rule's text or to the analysis shows up here too: after an intended change,
// regenerate with `UPDATE_GOLDEN=1 npx vitest run test/report/golden-samples.test.ts` and review the diff.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeInputs } from '../../src/commands/analyze.js';
import { builtinRules } from '../../src/engine/registry.js';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import type { Report } from '../../src/types.js';
import { sampleCases } from '../sample-cases.js';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const ROOT = join(import.meta.dirname, '..', '..');
const GOLDEN_DIR = join(ROOT, 'test', 'golden', 'samples');

/** The report with every path relative to the repository, `/`-separated (paths only: log text keeps its backslashes). */
function relativePaths(report: Report): Report {
  const rel = (path: string) => relative(ROOT, path).split(sep).join('/');
  return {
    ...report,
    sources: report.sources.map((s) => ({ ...s, path: rel(s.path) })),
    runs: report.runs.map((r) => ({ ...r, source: rel(r.source), failure: r.failure && { ...r.failure, source: rel(r.failure.source) } })),
    findings: report.findings.map((f) => ({ ...f, evidence: f.evidence.map((e) => ({ ...e, source: rel(e.source) })) })),
    problems: report.problems.map((p) => ({ ...p, path: rel(p.path) })),
  };
}

describe('golden reports of the samples', () => {
  const cases = sampleCases();
  it('has samples', () => expect(cases.length).toBeGreaterThanOrEqual(10));
  if (UPDATE) mkdirSync(GOLDEN_DIR, { recursive: true });

  for (const c of cases) {
    it(`${c.id}.md and ${c.id}.html`, async () => {
      const { result } = await analyzeInputs(c.files, builtinRules);
      const report = relativePaths(result.report);
      expect(report.sources.every((s) => s.path.startsWith(`samples/${c.id}/`)), JSON.stringify(report.sources.map((s) => s.path))).toBe(true);
      for (const [extension, render] of [
        ['md', renderMarkdown],
        ['html', renderHtml],
      ] as const) {
        const path = join(GOLDEN_DIR, `${c.id}.${extension}`);
        const actual = render(report);
        if (UPDATE) writeFileSync(path, actual);
        expect(existsSync(path), `missing golden ${path}: run with UPDATE_GOLDEN=1`).toBe(true);
        expect(actual, `${c.id}.${extension} differs from its golden file`).toBe(readFileSync(path, 'utf8'));
      }
    });
  }
});
