// One JSON object per line for log shippers (Elasticsearch, Loki, Splunk).
//
// Every line has the same core fields, so one index mapping fits all of them:
//
//   type          "event" | "finding" | "summary"
//   @timestamp    ISO 8601 `YYYY-MM-DDTHH:MM:SS`, no zone (Panther logs have none), or null when unknown
//   timestamp     same value, for shippers that reject `@` in field names
//   level         "info" | "warning" | "error" | "fatal" | "unknown"
//   message       the text to show: the log message, a finding's title and culprit, or the summary
//   source        path of the log file, or null
//   line          1-based line in `source`, or null
//   run           index of the run or session (`Report.runs[].index`), or null
//   pass          configuration pass or sysprep stage (`generalize`, `specialize`, ...), or null
//   ruleId        the rule of a finding, the root cause's rule on the summary, null on events
//
// Events add:   component ("SYSPRP"), messageId ("0x0f0082"), process ("setup.exe"), kind (record,
//               continuation, blank, foreign), truncated (boolean); null when the line has none.
// Findings add: ruleId, title, rootCause, culprit, severity, confidence, role, hint, codes (the
//               `0x...` values, provider's first), codeNames (parallel, null when unknown), count
//               (matched lines in the run); `source`/`line` are the first evidence line's and
//               `@timestamp` is that line's timestamp when it carries one; `pass` is the stage holding
//               that line, or the failing pass of the run for a root cause, when the log names one.
// The summary adds: verdict, summary, redacted, tool, version, runs, sources, findings, noise,
//               problems (counts), rootCause (rule id or null), culprit, code (headline code or null).
//
// Log text keeps its content, but control characters are made visible (`␛`) so that `jq -r` or a
// dashboard never replays an escape sequence; JSON escaping keeps each record on one line.
import type { Finding, Level, LogEvent, Report, RunInfo, Severity, Verdict } from '../types.js';
import { safeLine } from './safe-text.js';
import { isoLocal } from './time.js';
import { latestRun, rootCauseOf } from './view.js';

export type NdjsonLevel = 'info' | 'warning' | 'error' | 'fatal' | 'unknown';

const LEVEL: Readonly<Record<Level, NdjsonLevel>> = {
  Info: 'info',
  Warning: 'warning',
  Error: 'error',
  'Fatal Error': 'fatal',
  Unknown: 'unknown',
};

const SEVERITY_LEVEL: Readonly<Record<Severity, NdjsonLevel>> = {
  critical: 'fatal',
  error: 'error',
  warning: 'warning',
  info: 'info',
};

const VERDICT_LEVEL: Readonly<Record<Verdict, NdjsonLevel>> = {
  failed: 'error',
  incomplete: 'warning',
  succeeded: 'info',
};

/** A Panther (`2024-05-14 10:41:43,`) or CMTrace (`05-14-2024 10:41:43.000`) line's timestamp. */
const LINE_TIMESTAMP = /^(?:(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}),|(\d{2})-(\d{2})-(\d{4}) (\d{2}:\d{2}:\d{2})\.\d{3} )/;

function line(record: Readonly<Record<string, unknown>>): string {
  return JSON.stringify(record);
}

function text(s: string | null | undefined): string | null {
  return s === null || s === undefined ? null : safeLine(s);
}

function stamp(ts: string | null | undefined): { '@timestamp': string | null; timestamp: string | null } {
  const iso = isoLocal(ts);
  return { '@timestamp': iso, timestamp: iso };
}

export function eventToNdjson(event: LogEvent, ctx: { sourcePath: string; runIndex?: number }): string {
  return line({
    type: 'event',
    ...stamp(event.timestamp),
    level: event.level ? LEVEL[event.level] : 'unknown',
    message: text(event.message),
    source: text(ctx.sourcePath),
    line: event.line,
    run: event.run ?? ctx.runIndex ?? null,
    pass: text(event.phase),
    component: text(event.component),
    messageId: event.messageId ?? null,
    process: text(event.process),
    kind: event.kind,
    truncated: event.truncated === true,
    ruleId: null,
  });
}

function evidenceTimestamp(finding: Finding): string | null {
  const first = finding.evidence[0]?.text.trimStart() ?? '';
  const m = LINE_TIMESTAMP.exec(first);
  if (!m) return null;
  return m[1] ? `${m[1]} ${m[2]}` : `${m[5]}-${m[3]}-${m[4]} ${m[6]}`;
}

/**
 * The stage of the run that holds the finding's first evidence line (by source and line), or, for a
 * root cause, the pass the run's failure summary names. `unknown` stages count as none.
 */
function findingPass(finding: Finding, run: RunInfo | undefined): string | null {
  const first = finding.evidence[0];
  const named = (name: string | null | undefined) => (name && name !== 'unknown' ? name : null);
  if (run && first && first.source === run.source) {
    const phase = run.phases.find((p) => p.startLine <= first.line && first.line <= p.endLine && named(p.name));
    if (phase) return phase.name;
  }
  return finding.rootCause ? named(run?.failure?.pass) : null;
}

export function findingToNdjson(finding: Finding, run?: RunInfo): string {
  const first = finding.evidence[0];
  return line({
    type: 'finding',
    ...stamp(evidenceTimestamp(finding)),
    level: SEVERITY_LEVEL[finding.severity],
    message: text(finding.culprit ? `${finding.title}: ${finding.culprit}` : finding.title),
    source: text(first?.source),
    line: first?.line ?? null,
    run: finding.run,
    pass: text(findingPass(finding, run)),
    ruleId: finding.ruleId,
    title: text(finding.title),
    rootCause: finding.rootCause,
    culprit: text(finding.culprit),
    severity: finding.severity,
    confidence: finding.confidence,
    role: finding.role,
    hint: text(finding.hint),
    codes: finding.codes.map((c) => c.value),
    codeNames: finding.codes.map((c) => c.name),
    count: finding.count,
  });
}

/** Every finding, one per line, then one `summary` line. Events are streamed separately (`eventToNdjson`). */
export function reportToNdjson(report: Report): string {
  const root = rootCauseOf(report);
  const latest = latestRun(report);
  const rootRun = root ? report.runs.find((r) => r.index === root.run) : undefined;
  const summary = line({
    type: 'summary',
    ...stamp(latest?.endedAt ?? latest?.startedAt),
    level: VERDICT_LEVEL[report.verdict],
    message: text(report.summary),
    source: text(latest?.source),
    line: null,
    run: latest?.index ?? null,
    pass: text(latest?.failure?.pass),
    ruleId: root?.ruleId ?? null,
    verdict: report.verdict,
    summary: text(report.summary),
    redacted: report.redacted,
    tool: report.tool.name,
    version: report.tool.version,
    rootCause: root?.ruleId ?? null,
    culprit: text(root?.culprit),
    code: root?.codes[0]?.value ?? rootRun?.failure?.code ?? null,
    runs: report.runs.length,
    sources: report.sources.length,
    findings: report.findings.length,
    noise: report.noise.count,
    problems: report.problems.length,
  });
  const runOf = (f: Finding) => report.runs.find((r) => r.index === f.run);
  return [...report.findings.map((f) => findingToNdjson(f, runOf(f))), summary].map((l) => `${l}\n`).join('');
}
