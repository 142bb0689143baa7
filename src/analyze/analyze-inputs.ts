// Inputs → report, and report → exit code: shared by `analyze`, `fleet` workers and tests. Free of
// any UI import, so a worker thread starts fast.
import { EXIT } from '../errors.js';
import { InputError, resolveInputs, type ByteSource } from '../input/open-inputs.js';
import type { Report, Rule } from '../types.js';
import { Analysis, type AnalysisResult } from './analysis.js';

/** Feeds every byte source into the analysis; a source that fails mid-read becomes a problem. */
export async function feedSources(analysis: Analysis, sources: readonly ByteSource[]): Promise<number> {
  let read = 0;
  for (const source of sources) {
    const feed = analysis.addSource(source.path, source.role, source.flavor);
    try {
      for await (const chunk of source.read()) feed.push(chunk);
      read++;
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      analysis.addProblem({ path: error.path, message: error.message });
    } finally {
      feed.end();
    }
  }
  return read;
}

export async function analyzeInputs(inputs: readonly string[], rules: readonly Rule[], keepEvents = 0): Promise<{ result: AnalysisResult; readable: number }> {
  const { sources, problems } = await resolveInputs(inputs);
  const analysis = new Analysis({ rules, keepEvents });
  for (const problem of problems) analysis.addProblem(problem);
  const readable = await feedSources(analysis, sources);
  return { result: analysis.result(), readable };
}

/** The product.md exit code of an analysis: 0 no failure, 1 explained, 3 unreadable input, 4 unexplained. */
export function exitCodeFor(report: Report, readable: number): number {
  if (readable === 0) return EXIT.noInput;
  if (report.problems.length > 0) return EXIT.noInput;
  if (report.verdict === 'succeeded') return EXIT.ok;
  if (report.findings.some((f) => f.rootCause)) return EXIT.failureExplained;
  return report.runs.some((r) => r.outcome === 'failed') ? EXIT.failureUnexplained : EXIT.ok;
}
