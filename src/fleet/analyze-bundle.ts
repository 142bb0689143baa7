// One machine's bundle → its compact result. Runs in a worker thread (or in-process), so it imports
// only the analysis pipeline: `commands/analyze.ts` would pull the terminal UI (ink, react, yoga) into
// every worker and cost seconds of start-up. `analyzeInputs`, `feedSources` and `exitCodeFor` are
// therefore mirrored here, line for line; test/fleet.test.ts checks that both agree on every sample.
import { Analysis } from '../analyze/analysis.js';
import { EXIT } from '../errors.js';
import { InputError, resolveInputs } from '../input/open-inputs.js';
import type { Report, Rule } from '../types.js';
import { bundleInputs } from './bundles.js';
import type { Bundle, MachineResult } from './types.js';

/** Same as `analyzeInputs` in commands/analyze.ts (no kept events, no event callback). */
async function analyzePaths(inputs: readonly string[], rules: readonly Rule[]): Promise<{ report: Report; readable: number }> {
  const { sources, problems } = await resolveInputs(inputs);
  const analysis = new Analysis({ rules, keepEvents: 0 });
  for (const problem of problems) analysis.addProblem(problem);
  let readable = 0;
  for (const source of sources) {
    const feed = analysis.addSource(source.path, source.role, source.flavor);
    try {
      for await (const chunk of source.read()) feed.push(chunk);
      readable++;
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      analysis.addProblem({ path: error.path, message: error.message });
    } finally {
      feed.end();
    }
  }
  return { report: analysis.result().report, readable };
}

/** Same as `exitCodeFor` in commands/analyze.ts: what `sysprep-doctor analyze BUNDLE` exits with. */
export function machineExitCode(report: Report, readable: number): number {
  if (readable === 0) return EXIT.noInput;
  if (report.problems.length > 0) return EXIT.noInput;
  if (report.verdict === 'succeeded') return EXIT.ok;
  if (report.findings.some((f) => f.rootCause)) return EXIT.failureExplained;
  return report.runs.some((r) => r.outcome === 'failed') ? EXIT.failureUnexplained : EXIT.ok;
}

/** The compact per-machine result of a full report. */
export function machineResult(bundle: Bundle, report: Report, readable: number): MachineResult {
  const root = report.findings.find((f) => f.rootCause);
  return {
    name: bundle.name,
    bundle: bundle.entry,
    verdict: readable === 0 ? 'unreadable' : report.verdict,
    exitCode: machineExitCode(report, readable),
    rootCause: root ? { ruleId: root.ruleId, culprit: root.culprit, title: root.title } : null,
    summary: readable === 0 ? 'No log of this bundle could be read.' : report.summary,
    findings: report.findings.map((f) => ({ ruleId: f.ruleId, rootCause: f.rootCause, culprit: f.culprit, run: f.run })),
    problems: report.problems.map((p) => ({ path: p.path, message: p.message })),
  };
}

export async function analyzeBundle(bundle: Bundle, rules: readonly Rule[]): Promise<MachineResult> {
  const { report, readable } = await analyzePaths(await bundleInputs(bundle), rules);
  return machineResult(bundle, report, readable);
}
