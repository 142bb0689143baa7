// One machine's bundle → its compact result. Runs in a worker thread (or in-process), so it imports
// only the analysis pipeline (src/analyze/analyze-inputs.ts), never the terminal UI.
import { analyzeInputs, exitCodeFor } from '../analyze/analyze-inputs.js';
import type { Report, Rule } from '../types.js';
import { bundleInputs } from './bundles.js';
import type { Bundle, MachineResult } from './types.js';

/** What `sysprep-doctor analyze BUNDLE` exits with. */
export const machineExitCode = exitCodeFor;

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
  const { result, readable } = await analyzeInputs(await bundleInputs(bundle), rules);
  return machineResult(bundle, result.report, readable);
}
