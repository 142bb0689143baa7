// Many sources in, one Report out. Sources are fed incrementally (files, zips, stdin, `watch`),
// and a report can be taken at any moment: nothing is finalized destructively.
import { formatCode } from '../codes/normalize.js';
import type { Finding, InputProblem, LogEvent, LogFlavor, Phase, Report, Rule, RunInfo, SourceRole, Verdict } from '../types.js';
import { diagnoseRun, findingsOf, type RunDiagnosis } from './root-cause.js';
import type { RunState } from './run-state.js';
import type { DecoderStats } from '../decode/line-decoder.js';
import type { QuietStretch } from './quiet-lines.js';
import { SourceAnalyzer } from './source-analyzer.js';
import { summarize } from './summary.js';
import { VERSION } from '../version.js';
import { compareIds } from '../util/compare.js';

export interface AnalysisOptions {
  readonly rules: readonly Rule[];
  /** Events kept for browsing (the TUI); the rest are counted. Default 0. */
  readonly keepEvents?: number;
  /** Called for each event as it is parsed and segmented (ndjson streaming, live views). */
  readonly onEvent?: (event: LogEvent) => void;
  readonly maxLineChars?: number;
}

export interface SourceFeed {
  push(bytes: Uint8Array): void;
  end(): void;
}

/** A source read and sifted by a worker (sift.ts): its lines and quiet stretches, in file order. */
export interface SiftedFeed {
  readonly gateGroups: readonly (readonly string[] | null)[];
  readonly maxLineChars: number;
  acceptLine(text: string, truncated: boolean, line: number): void;
  acceptQuiet(stretch: QuietStretch): void;
  end(stats: DecoderStats): void;
}

interface IndexedFeed extends SourceFeed {
  readonly index: number;
}

export interface AnalysisResult {
  readonly report: Report;
  readonly events: readonly LogEvent[];
}

function directoryOf(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i === -1 ? '' : path.slice(0, i);
}

export class Analysis {
  private readonly sources: SourceAnalyzer[] = [];
  private readonly problems: InputProblem[] = [];
  private readonly kept: LogEvent[] = [];
  private runCounter = 0;

  constructor(private readonly options: AnalysisOptions) {}

  /** Adds an input. A `setuperr.log` is attributed to the runs of the `setupact.log` of its folder, by time. */
  addSource(path: string, role: SourceRole | undefined, flavor: LogFlavor): SourceFeed {
    const index = this.sources.length;
    this.sources.push(this.createSource(index, path, role, flavor));
    return this.feedFor(index);
  }

  /**
   * Adds an input a worker will read and sift, or returns undefined when this analysis must see every
   * line as an event (a consumer of events, a `setuperr.log`, custom Info rules without literals).
   */
  addSiftedSource(path: string, role: SourceRole | undefined, flavor: LogFlavor): SiftedFeed | undefined {
    const index = this.sources.length;
    const source = this.createSource(index, path, role, flavor);
    if (!source.siftable) return undefined;
    this.sources.push(source);
    return {
      gateGroups: source.gateGroups,
      maxLineChars: source.maxLineChars,
      acceptLine: (text, truncated, line) => source.acceptLine(text, truncated, line),
      acceptQuiet: (stretch) => source.acceptQuiet(stretch),
      end: (stats) => source.endSifted(stats),
    };
  }

  /** Starts a source again from nothing (a followed file was truncated or replaced): its old runs are dropped. */
  restartSource(feed: SourceFeed): SourceFeed {
    const index = (feed as IndexedFeed).index;
    const old = this.sources[index]!;
    this.sources[index] = this.createSource(index, old.path, old.pathRoleGiven, old.flavor);
    return this.feedFor(index);
  }

  private feedFor(index: number): IndexedFeed {
    return {
      index,
      push: (bytes) => this.sources[index]!.push(bytes),
      end: () => this.sources[index]!.end(),
    };
  }

  private createSource(index: number, path: string, role: SourceRole | undefined, flavor: LogFlavor): SourceAnalyzer {
    const dir = directoryOf(path);
    const keepEvents = this.options.keepEvents ?? 0;
    const sibling = () => this.sources.find((s) => s.flavor === 'setupact' && directoryOf(s.path) === dir);
    return new SourceAnalyzer(index, path, role, flavor, {
      rules: this.options.rules,
      nextRunIndex: () => this.runCounter++,
      ...(flavor === 'setuperr' ? { siblingRuns: () => sibling()?.runs ?? [] } : {}),
      // without a consumer of events, the source may skip making them for the lines nothing reads
      ...(keepEvents > 0 || this.options.onEvent
        ? {
            onEvent: (event: LogEvent) => {
              if (this.kept.length < keepEvents) this.kept.push(event);
              this.options.onEvent?.(event);
            },
          }
        : {}),
      ...(this.options.maxLineChars ? { maxLineChars: this.options.maxLineChars } : {}),
    });
  }

  addProblem(problem: InputProblem): void {
    this.problems.push(problem);
  }

  result(): AnalysisResult {
    for (const source of this.sources) source.settle();
    const paths = this.sources.map((s) => s.path);
    const runs = this.sources.flatMap((s) => s.runs);
    const ordered = [...runs].sort(compareRuns);
    const diagnoses = new Map<RunState, RunDiagnosis>(ordered.map((r) => [r, diagnoseRun(r)]));
    const latest = ordered[ordered.length - 1];
    const verdict: Verdict = latest?.outcome ?? 'incomplete';
    const headline = verdict === 'succeeded' ? undefined : headlineRun(ordered, diagnoses);

    const findings: Finding[] = [];
    if (headline) findings.push(...findingsOf(headline, diagnoses.get(headline)!, paths, true));
    for (const run of [...ordered].reverse()) {
      if (run === headline) continue;
      findings.push(...findingsOf(run, diagnoses.get(run)!, paths, false));
    }
    const noiseByRule: Record<string, number> = {};
    for (const run of runs) for (const [id, n] of run.noise) noiseByRule[id] = (noiseByRule[id] ?? 0) + n;
    const noiseCount = Object.values(noiseByRule).reduce((a, b) => a + b, 0);

    const sourceInfos = this.sources.map((s) => s.info());
    const runInfos = ordered.map((r) => runInfo(r, paths, diagnoses.get(r)!));
    const headlineDiagnosis = headline ? diagnoses.get(headline)! : undefined;
    const root = findings.find((f) => f.rootCause) ?? null;
    const report: Report = {
      schemaVersion: 1,
      tool: { name: 'sysprep-doctor', version: VERSION },
      verdict,
      summary: summarize({ verdict, latest: latest ? runInfos[runInfos.length - 1]! : undefined, headline: headline ? runInfos.find((r) => r.index === headline.index)! : undefined, root, sources: sourceInfos, unexplained: headlineDiagnosis?.unexplained ?? false }),
      redacted: false,
      sources: sourceInfos,
      runs: runInfos,
      findings,
      noise: { count: noiseCount, byRule: sortedRecord(noiseByRule) },
      problems: [...this.problems],
      stats: {
        lines: sourceInfos.reduce((n, s) => n + s.lines, 0),
        bytes: sourceInfos.reduce((n, s) => n + s.bytes, 0),
        keptEvents: this.kept.length,
        ...olderRunsOf(this.sources),
      },
    };
    return { report, events: this.kept };
  }
}

/**
 * The run whose root cause leads the report: the latest failing run — unless its only explanation is a
 * consequence of an earlier failure ("the computer restarted unexpectedly", a rollback), in which case
 * the earlier run's cause is the root.
 */
function headlineRun(ordered: readonly RunState[], diagnoses: ReadonlyMap<RunState, RunDiagnosis>): RunState | undefined {
  const failing = [...ordered].reverse().filter((r) => r.outcome === 'failed' || (r.outcome === 'incomplete' && diagnoses.get(r)!.root !== null));
  const latest = failing[0];
  if (!latest) return undefined;
  if (!defersToEarlierRun(latest, diagnoses.get(latest)!)) return latest;
  return failing.slice(1).find((r) => diagnoses.get(r)!.root?.rule.role === 'cause') ?? latest;
}

function defersToEarlierRun(run: RunState, diagnosis: RunDiagnosis): boolean {
  const role = diagnosis.root?.rule.role;
  return role === 'consequence' || (run.kind === 'rollback' && role !== 'cause');
}

function compareRuns(a: RunState, b: RunState): number {
  if (a.source === b.source) return a.startLine - b.startLine;
  if (a.startedAt && b.startedAt && a.startedAt !== b.startedAt) return a.startedAt < b.startedAt ? -1 : 1;
  return a.index - b.index;
}

function olderRunsOf(sources: readonly SourceAnalyzer[]): { olderRuns?: { count: number; failed: number } } {
  const count = sources.reduce((n, s) => n + s.olderRuns.count, 0);
  if (count === 0) return {};
  return { olderRuns: { count, failed: sources.reduce((n, s) => n + s.olderRuns.failed, 0) } };
}

function sortedRecord(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compareIds(a, b)));
}

function runInfo(run: RunState, paths: readonly string[], diagnosis: RunDiagnosis): RunInfo {
  const summary = run.summary?.chain;
  const failingChain = diagnosis.cascade[diagnosis.cascade.length - 1]?.chain;
  const failureAt = run.summary?.at ?? diagnosis.cascade[diagnosis.cascade.length - 1]?.at;
  const outcome = run.outcome;
  const passFromChain = diagnosis.cascade.map((c) => c.chain.pass).find((p) => p !== undefined);
  const stageFromChain = diagnosis.cascade.map((c) => c.chain.stage).find((s) => s !== undefined);
  const phases: Phase[] = run.phases.map((p, i) => {
    const last = i === run.phases.length - 1;
    const phaseOutcome = p.failed ? 'failed' : !last || outcome === 'succeeded' ? 'succeeded' : outcome === 'failed' ? 'failed' : 'incomplete';
    const phase: { -readonly [K in keyof Phase]: Phase[K] } = {
      name: p.name, startedAt: p.startedAt, endedAt: p.endedAt, startLine: p.startLine, endLine: p.endLine, outcome: phaseOutcome, providers: [...p.providers],
    };
    if (p.step) phase.step = p.step;
    if (p.scope) phase.scope = p.scope;
    return phase;
  });
  const failedPhase = [...run.phases].reverse().find((p) => p.failed);
  return {
    index: run.index,
    source: paths[run.source] ?? String(run.source),
    kind: run.kind,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    startLine: run.startLine,
    endLine: run.endLine,
    options: [...run.options],
    mode: run.mode,
    ...(run.osBuild !== null ? { osBuild: run.osBuild } : {}),
    outcome,
    failure:
      outcome === 'failed'
        ? {
            stage: summary?.stage ?? failingChain?.stage ?? stageFromChain ?? failedPhase?.step ?? null,
            pass: summary?.pass ?? passFromChain ?? failedPhase?.name ?? null,
            scope: summary?.scope ?? failingChain?.scope ?? failedPhase?.scope ?? null,
            code: summary?.code !== undefined ? formatCode(summary.code) : failingChain?.code !== undefined ? formatCode(failingChain.code) : null,
            source: paths[failureAt?.source ?? run.source] ?? '',
            line: failureAt?.line ?? run.failureLine,
          }
        : null,
    phases,
    rootCauseRuleId: diagnosis.root?.rule.id ?? null,
  };
}
