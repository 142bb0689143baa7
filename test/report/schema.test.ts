import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { analyzeInputs } from '../../src/commands/analyze.js';
import { builtinRules } from '../../src/engine/registry.js';
import { renderJson } from '../../src/report/json.js';
import { createRedactor } from '../../src/report/redact.js';
import { CORPUS_PRESENT, corpusCases } from '../corpus-cases.js';
import { sampleCases } from '../sample-cases.js';
import { FIXTURE_NAMES, loadFixture } from './fixtures.js';

const schemaPath = fileURLToPath(new URL('../../schema/report.schema.json', import.meta.url));
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as object;

function compile(): ValidateFunction {
  return new Ajv({ allErrors: true, strict: true }).compile(schema);
}

/** A fixture turned into plain JSON data that a test may break freely. */
function mutable(name: (typeof FIXTURE_NAMES)[number]): Record<string, unknown> & { findings: Record<string, unknown>[] } {
  return loadFixture(name) as unknown as Record<string, unknown> & { findings: Record<string, unknown>[] };
}

describe('schema/report.schema.json', () => {
  const validate = compile();

  for (const name of FIXTURE_NAMES) {
    it(`accepts the ${name} fixture`, () => {
      const ok = validate(loadFixture(name));
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    });
  }

  // The real thing: what `--format json` writes for every scenario of samples/ (and of the dev corpus,
  // where it is present), plain and redacted.
  const real = [
    ...sampleCases().map((c) => ({ id: `samples/${c.id}`, files: c.files })),
    ...(CORPUS_PRESENT ? corpusCases().map((c) => ({ id: `corpus/${c.id}`, files: c.files })) : []),
  ];
  it('has real reports to validate', () => expect(real.length).toBeGreaterThanOrEqual(10));
  for (const c of real) {
    it(`accepts the JSON report of ${c.id}, plain and redacted`, async () => {
      const { result } = await analyzeInputs(c.files, builtinRules);
      for (const report of [result.report, createRedactor().redactReport(result.report)]) {
        const ok = validate(JSON.parse(renderJson(report)));
        expect(validate.errors ?? []).toEqual([]);
        expect(ok).toBe(true);
      }
    });
  }

  it('accepts a redacted report', () => {
    expect(validate(createRedactor().redactReport(loadFixture('hostile')))).toBe(true);
  });

  const broken: Array<[string, (r: ReturnType<typeof mutable>) => void]> = [
    ['a missing verdict', (r) => delete r.verdict],
    ['an unknown verdict', (r) => (r.verdict = 'crashed')],
    ['schemaVersion 2', (r) => (r.schemaVersion = 2)],
    ['an unknown top-level property', (r) => (r.extra = true)],
    ['an unknown property in a finding', (r) => (r.findings[0]!.note = 'x')],
    ['a finding without evidence', (r) => delete r.findings[0]!.evidence],
    ['a lower-case finding code', (r) => (r.findings[0]!.codes = [{ value: '0x80073cf2', name: null, origin: 'provider' }])],
    ['an unknown shell', (r) => (r.findings[0]!.remediation = [{ description: 'x', command: 'y', shell: 'bash', destructive: false }])],
    ['a malformed timestamp', (r) => ((r.runs as Array<Record<string, unknown>>)[0]!.startedAt = '14/05/2024 10:41')],
  ];
  for (const [what, breakIt] of broken) {
    it(`rejects ${what}`, () => {
      const report = mutable('appx-failed');
      breakIt(report);
      expect(validate(report)).toBe(false);
    });
  }

  it('lets sources, runs and phases grow new properties', () => {
    const report = mutable('appx-failed');
    const run = (report.runs as Array<Record<string, unknown>>)[0]!;
    run.osBuild = '10.0.22631.3447';
    (report.sources as Array<Record<string, unknown>>)[0]!.sha256 = 'abc';
    expect(validate(report)).toBe(true);
  });
});
