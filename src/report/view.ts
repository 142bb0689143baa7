// What the Markdown and HTML reports show, decided once: the headline, the finding groups, labels.
// Both renderers call these so the two formats always carry the same content.
import type { EvidenceLine, Finding, FindingCode, Phase, Provider, ResolvedRemediation, Report, RunInfo, Verdict } from '../types.js';
import { compareIds } from '../util/compare.js';

export const VERDICT_LABEL: Readonly<Record<Verdict, string>> = {
  failed: 'Failed',
  succeeded: 'Succeeded',
  incomplete: 'Incomplete',
};

/** Culprits, hints and other one-line values longer than this are cut in Markdown and HTML. */
export const MAX_INLINE = 600;

export function rootCauseOf(report: Report): Finding | undefined {
  return report.findings.find((f) => f.rootCause);
}

/** The run the verdict is about: the last one analyzed. */
export function latestRun(report: Report): RunInfo | undefined {
  return report.runs[report.runs.length - 1];
}

/** The OS build of the latest run that names one (often the setup session beside the sysprep run). */
export function osBuildOf(report: Report): string | undefined {
  for (let i = report.runs.length - 1; i >= 0; i--) if (report.runs[i]!.osBuild) return report.runs[i]!.osBuild;
  return undefined;
}

/** `Failed: <root cause title>`, or a fixed phrase when no rule names the cause. */
export function headline(report: Report): string {
  const root = rootCauseOf(report);
  const label = VERDICT_LABEL[report.verdict];
  if (root) return `${label}: ${root.title}`;
  switch (report.verdict) {
    case 'failed':
      return `${label}: no rule explains the failure`;
    case 'succeeded':
      return `${label}: no failure found`;
    case 'incomplete':
      return `${label}: the log ends before the run finished`;
  }
}

export interface FindingGroup {
  readonly run: number;
  /** True for the latest run; the other groups are history. */
  readonly latest: boolean;
  readonly findings: readonly Finding[];
}

/**
 * Every finding but the root cause, grouped by run: the latest run first, then older runs. "Older"
 * follows the order of `report.runs`, not the index numbers (a setuperr.log session may be numbered
 * after the setupact.log runs it precedes).
 */
export function otherFindingGroups(report: Report): FindingGroup[] {
  const latest = latestRun(report)?.index;
  const position = new Map(report.runs.map((run, i) => [run.index, i]));
  const byRun = new Map<number, Finding[]>();
  for (const f of report.findings) {
    if (f.rootCause) continue;
    const list = byRun.get(f.run) ?? [];
    list.push(f);
    byRun.set(f.run, list);
  }
  return [...byRun.entries()]
    .sort(([a], [b]) => (position.get(b) ?? -1) - (position.get(a) ?? -1) || b - a)
    .map(([run, findings]) => ({ run, latest: run === latest, findings }));
}

/** `pre-validate · generalize · internal`, or null when the run did not fail. */
export function failurePoint(run: RunInfo): string | null {
  const f = run.failure;
  if (!f) return null;
  const parts = [f.stage, f.pass, f.scope].filter((p): p is string => p !== null && p !== '');
  return parts.length > 0 ? parts.join(' · ') : null;
}

/** The analysis names a stage `unknown` when the log never says which one it was. */
export const UNNAMED_STAGE = 'stage not named in the log';

/** `generalize · validate · internal`; `stage not named in the log` rather than a bare `unknown`. */
export function phaseLabel(phase: Phase): string {
  const name = phase.name === 'unknown' ? UNNAMED_STAGE : phase.name;
  return [name, phase.step, phase.scope].filter((p) => p !== undefined && p !== '').join(' · ');
}

/** The file name of a Windows or POSIX path. */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

/** `AppxSysprep.dll,SysprepGeneralizeValidate`: the notation sysprep itself uses for providers. */
export function providerLabel(provider: Provider): string {
  return `${baseName(provider.module)},${provider.entryPoint}`;
}

/** Where a code was seen (`provider`, `summary`), and a warning when the summary re-wrapped it (§1.1). */
export function codeOrigin(code: FindingCode): string {
  return code.lossy ? `${code.origin}; lossy: re-wrapped from another facility, the provider's code is the real one` : code.origin;
}

export type StepSafety = 'destructive' | 'read-only' | 'manual';

/** Commands are `destructive` or `read-only`; a step without a command is done by hand. */
export function stepSafety(step: ResolvedRemediation): StepSafety {
  if (step.destructive) return 'destructive';
  return step.command ? 'read-only' : 'manual';
}

/**
 * Short names for source paths: the file name when it tells the sources apart; otherwise the fewest
 * trailing path parts that do (`UnattendGC/setupact.log` beside `setupact.log`), so that a table
 * cell never has to hold a whole absolute path. A path that is no source is labelled the same way.
 */
export function sourceLabeler(report: Report): (path: string) => string {
  const paths = [...new Set(report.sources.map((s) => s.path))];
  const parts = (path: string) => path.split(/[\\/]/).filter((p) => p !== '');
  const suffix = (path: string, n: number) => parts(path).slice(-n).join(path.includes('\\') ? '\\' : '/');
  const labels = new Map<string, string>();
  for (const path of paths) {
    const depth = parts(path).length;
    let n = 1;
    const clashes = (k: number) => paths.some((other) => other !== path && suffix(other, k).toLowerCase() === suffix(path, k).toLowerCase());
    while (n < depth && clashes(n)) n++;
    labels.set(path, suffix(path, n) || path);
  }
  return (path) => labels.get(path) ?? (baseName(path) || path);
}

/** `setupact.log:393` for each evidence line. */
export function evidenceLocator(report: Report): (e: EvidenceLine) => string {
  const label = sourceLabeler(report);
  return (e) => `${label(e.source)}:${e.line}`;
}

/** Noise per rule, most frequent first. */
export function noiseRows(report: Report): Array<[rule: string, count: number]> {
  return Object.entries(report.noise.byRule).sort(([a, x], [b, y]) => y - x || compareIds(a, b));
}

/** `57.6 KiB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/**
 * What the report read, one line: lines, bytes, and the older runs it only counted. (Events kept for
 * the terminal UI's browser are no concern of a ticket reader: a file report keeps none.)
 */
export function readSummary(report: Report): string {
  const { lines, bytes, olderRuns } = report.stats;
  const read = `${plural(lines, 'line')} (${formatBytes(bytes)}) in ${plural(report.sources.length, 'file')}`;
  if (!olderRuns) return read;
  return `${read}; ${plural(olderRuns.count, 'older run')} not listed (${olderRuns.failed} failed)`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** Only web links become clickable; anything else in a reference is shown as text. */
export function isWebLink(url: string): boolean {
  return /^https?:\/\/[^\s<>"'`]+$/i.test(url);
}

export const REDACTION_NOTE =
  'Identifiers (computer, user and domain names, SIDs, e-mail addresses, IP addresses, product keys) ' +
  'were replaced by placeholders such as COMPUTER-1 and USER-1. The same placeholder means the same value.';
