// Inputs → report, and report → exit code: shared by `analyze`, `fleet` workers and tests. Free of
// any UI import, so a worker thread starts fast.
import { EXIT } from '../errors.js';
import { InputError, resolveInputs, type ByteSource } from '../input/open-inputs.js';
import type { Report, Rule } from '../types.js';
import { capYoungGeneration } from '../util/young-generation.js';
import { stat } from 'node:fs/promises';
import { Analysis, type AnalysisResult } from './analysis.js';
import { siftThreshold, siftWorkerAvailable, startSift, type StartedSift } from './sift.js';

/**
 * Feeds every byte source into the analysis; a source that fails mid-read becomes a problem.
 * `onBytes` hears of every chunk read (a progress bar).
 */
export async function feedSources(analysis: Analysis, sources: readonly ByteSource[], onBytes?: (bytes: number) => void): Promise<number> {
  let read = 0;
  for (const source of sources) {
    const sifted = await siftIfBig(analysis, source, onBytes);
    if (sifted !== 'not sifted') {
      if (sifted === 'read') read++;
      continue;
    }
    const feed = analysis.addSource(source.path, source.role, source.flavor);
    try {
      for await (const chunk of source.read()) {
        feed.push(chunk);
        onBytes?.(chunk.length);
        capYoungGeneration();
      }
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

/**
 * A big plain file is read and sifted in parts by worker threads and this thread, which analyzes (sift.ts). Not
 * sifted when the source is not one (small, in a zip, stdin) or the analysis needs every event: then
 * it is read here. A read failure becomes a problem.
 */
async function siftIfBig(analysis: Analysis, source: ByteSource, onBytes?: (bytes: number) => void): Promise<'read' | 'failed' | 'not sifted'> {
  if (source.file === undefined || !siftWorkerAvailable()) return 'not sifted';
  const threshold = siftThreshold();
  const size = await stat(source.file).then((s) => (s.isFile() ? s.size : 0), () => 0);
  if (threshold === 0 || size < threshold) return 'not sifted';
  // the workers start first: they boot while the feed is made
  let sift: StartedSift | InputError;
  try {
    sift = startSift(source.file, source.path, size);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    sift = error;
  }
  const feed = analysis.addSiftedSource(source.path, source.role, source.flavor);
  if (!feed) {
    if (!(sift instanceof InputError)) sift.cancel();
    return 'not sifted';
  }
  try {
    if (sift instanceof InputError) throw sift;
    await sift.run(feed, onBytes);
    return 'read';
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    analysis.addProblem({ path: error.path, message: error.message });
    return 'failed';
  }
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
