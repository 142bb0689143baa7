// The shared contracts of sysprep-doctor: events, rules, findings, runs and the report.
// Everything else imports its types from here.

/** The level column of a Panther line. `Unknown` when the line has a header but no readable level. */
export type Level = 'Info' | 'Warning' | 'Error' | 'Fatal Error' | 'Unknown';

/**
 * What a physical line turned out to be.
 * - `record`: a log record (header parsed, or a header-less line that still reads as a message)
 * - `continuation`: an indented line that continues the previous record
 * - `blank`: empty or white space only
 * - `foreign`: WIMGAPI/DISM chatter without a Panther header (`[8312] [0x80070002] ...`)
 */
export type EventKind = 'record' | 'continuation' | 'blank' | 'foreign';

/** Where a log file comes from, decided by its path or, failing that, its content. */
export type SourceRole = 'sysprep' | 'setup' | 'unattendgc' | 'upgrade-downlevel' | 'rollback' | 'unknown';

/** A file's kind: the full activity log or the errors-only log. */
export type LogFlavor = 'setupact' | 'setuperr' | 'other';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16le-bom' | 'utf-16be-bom';

/** A result code found in a message, normalized to an unsigned 32-bit value. */
export interface CodeValue {
  /** The field that carried it: `hr`, `dwRet`, `error code`, `status`, `exit code`, `error`, `result`. */
  readonly field: string;
  /** Unsigned 32-bit value. */
  readonly value: number;
  /** The code as written in the log (`0x3cf2`, `-1073425657`, `31`). */
  readonly text: string;
}

/** One physical line of one input, typed. Every physical line becomes exactly one event. */
export interface LogEvent {
  /** Index of the source in `Report.sources`. */
  readonly source: number;
  /** 1-based physical line number in that source. */
  readonly line: number;
  readonly kind: EventKind;
  /** `YYYY-MM-DD HH:MM:SS` (normalized from CMTrace and ISO renderings), absent when the line has none. */
  readonly timestamp?: string;
  /** Absent when the line carries no level (CMTrace rendering, stripped pastes, continuations). */
  readonly level?: Level;
  /** The `[0xNNNNNN]` message id, lower-case, `0x` + 6 digits. */
  readonly messageId?: string;
  /** The component column (`SYSPRP`, `IBS`, ...). */
  readonly component?: string;
  /** A leading process tag in the message (`setup.exe`, `Shell Unattend`). */
  readonly process?: string;
  /** The message text after the header (the whole line for header-less lines), `[gle=...]` included. */
  readonly message: string;
  /** The physical line as decoded, without its line terminator (truncated at the line cap). */
  readonly text: string;
  /** True when the physical line was longer than the cap and was cut. */
  readonly truncated?: boolean;
  /** Index of the run or session this event belongs to (`Report.runs[].index`); set by segmentation. */
  run?: number;
  /** The configuration pass or sysprep stage the event belongs to (`generalize`, `specialize`, ...). */
  phase?: string;
}

export type Severity = 'critical' | 'error' | 'warning' | 'info';
export type Confidence = 'high' | 'medium' | 'low';

/**
 * How a rule takes part in root-cause selection (signatures.md §2.3):
 * - `cause`: a specific signature; the preferred root cause of a cascade it belongs to
 * - `generic`: a provider-level fallback (SIG-15..17), used only where no `cause` rule explains the chain
 * - `consequence`: a symptom of an earlier failure (SIG-27); never chosen while a cause exists
 * - `context`: a condition worth reporting that explains nothing alone (pending reboot, domain join)
 * - `noise`: known benign; counted and set aside, never a root cause
 */
export type RuleRole = 'cause' | 'generic' | 'consequence' | 'context' | 'noise';

export type Shell = 'powershell' | 'cmd' | 'none';

export interface RemediationStep {
  readonly description: string;
  /** The exact command, `{{culprit}}` and capture names filled in at report time. Empty for manual steps. */
  readonly command?: string;
  readonly shell: Shell;
  /** True for anything that changes the machine (shown as "changes the system"); false only for commands that just read. */
  readonly destructive: boolean;
}

/** A rule's own examples, run by the strict rule tester (test/rule-tester.ts). */
export interface RuleSamples {
  /** Full log lines (any rendering) that must match. At least two for non-noise rules, one for noise rules. */
  readonly matches: readonly string[];
  /** Near misses that must not match. At least one. */
  readonly ignores: readonly string[];
  /** Expected culprit per `matches` entry (same order); `null` where none is extracted. Optional. */
  readonly culprits?: readonly (string | null)[];
}

export interface RuleDocs {
  /** What the signature means, in plain words. */
  readonly meaning: string;
  /** Why it happens. */
  readonly cause: string;
  /** Set when the signature cannot be seen in Panther logs (it is documented but never fires). */
  readonly unobservable?: string;
}

/** The declarative shape shared by built-in rules (TypeScript) and custom rules (JSON/YAML). */
export interface RuleDefinition {
  /** kebab-case; the catalogue id where the rule implements a catalogue signature; equals the file name. */
  readonly id: string;
  /** The catalogue entry it implements (`SIG-01`, `NOISE`), when it does. */
  readonly catalogue?: string;
  readonly title: string;
  readonly severity: Severity;
  readonly confidence: Confidence;
  readonly role: RuleRole;
  /** The line alone proves the run or session failed (an unattend dialog, a non-zero specialize return). */
  readonly fatal?: boolean;
  /** Regular expression on the message part of a record; named groups feed the culprit and templates. */
  readonly pattern: RegExp;
  /** Levels the rule looks at. Default: Warning, Error, Fatal Error and lines without a level. */
  readonly levels?: readonly Level[];
  /** Restrict to these component tags (lines without a component still match). */
  readonly components?: readonly string[];
  /** Template for the culprit (`{{pkg}}`, `{{module}},{{entry}}`); absent: no culprit. */
  readonly culprit?: string;
  /** Why this matters, in plain words; `{{culprit}}` and capture names are filled in. */
  readonly hint: string;
  readonly docs: RuleDocs;
  readonly remediation: readonly RemediationStep[];
  readonly references: readonly string[];
  /** Codes this rule is about (uint32), for `explain` and for the finding's `codes`. */
  readonly codes?: readonly number[];
  readonly samples: RuleSamples;
}

/** A loaded rule: the definition plus where it came from. */
export interface Rule extends RuleDefinition {
  /** `builtin`, or the path of the custom rule file. */
  readonly origin: string;
}

export type Verdict = 'failed' | 'succeeded' | 'incomplete';
export type RunOutcome = Verdict;

export interface EvidenceLine {
  /** Exactly the `Report.sources[].path` of the line's source. */
  readonly source: string;
  readonly line: number;
  readonly text: string;
}

export interface FindingCode {
  /** `0x80073CF2` style, upper-case hex digits, 8 digits. */
  readonly value: string;
  /** Symbolic name when known (`ERROR_INSTALL_INVALID_PACKAGE`). */
  readonly name: string | null;
  /** Where it was seen: the provider's own line, the chain's `dwRet`, or the summary `hr`. */
  readonly origin: 'provider' | 'chain' | 'summary';
  /** True when the summary re-wrapped a non-Win32 code into facility 7 and lost its meaning (§1.1). */
  readonly lossy?: boolean;
}

export interface ResolvedRemediation {
  readonly description: string;
  readonly command: string | null;
  readonly shell: Shell;
  readonly destructive: boolean;
}

export interface Finding {
  readonly ruleId: string;
  readonly title: string;
  readonly severity: Severity;
  readonly confidence: Confidence;
  readonly role: RuleRole;
  /** True for the one finding that names the root cause of the latest failing run. */
  readonly rootCause: boolean;
  /** Index of the run (`Report.runs[].index`) the finding belongs to. */
  readonly run: number;
  readonly culprit: string | null;
  readonly codes: readonly FindingCode[];
  readonly hint: string;
  readonly remediation: readonly ResolvedRemediation[];
  readonly references: readonly string[];
  /** The matched line first, then the rest of the cascade when this finding is a root cause. */
  readonly evidence: readonly EvidenceLine[];
  /** How many lines matched this rule in this run (evidence keeps the first). */
  readonly count: number;
}

export interface SourceInfo {
  readonly path: string;
  readonly role: SourceRole;
  readonly flavor: LogFlavor;
  readonly encoding: Encoding;
  /** Physical lines, including a last line without a terminator. */
  readonly lines: number;
  readonly bytes: number;
  /** Lines longer than the cap, cut and counted. */
  readonly truncatedLines: number;
  readonly kinds: { readonly record: number; readonly continuation: number; readonly blank: number; readonly foreign: number };
  /** Lines whose bytes were not valid UTF-8 and were decoded as Windows-1252. */
  readonly legacyDecodedLines: number;
}

export interface InputProblem {
  readonly path: string;
  readonly message: string;
}

export type StageName = 'cleanup' | 'generalize' | 'specialize' | 'audit' | 'oobe' | string;

export interface Provider {
  /** Module path or DLL (`C:\Windows\System32\AppxSysprep.dll`, `DscCore.dll`). */
  readonly module: string;
  readonly entryPoint: string;
  readonly result: 'succeeded' | 'failed' | 'running';
  /** Code reported on failure, `0x...`. */
  readonly code: string | null;
  readonly startedAt: string | null;
  readonly endedAt: string | null;
  readonly line: number;
}

/** A stage of a sysprep run (`generalize` × `validate`) or a configuration pass of a setup session. */
export interface Phase {
  readonly name: StageName;
  /** `validate` or `execute` for sysprep stages; absent for unattend passes. */
  readonly step?: 'validate' | 'execute';
  /** `internal` (action file) or `external` (registry) providers, when known. */
  readonly scope?: 'internal' | 'external';
  readonly startedAt: string | null;
  readonly endedAt: string | null;
  readonly startLine: number;
  readonly endLine: number;
  readonly outcome: RunOutcome;
  readonly providers: readonly Provider[];
}

export type RunKind = 'sysprep' | 'setup' | 'unattend' | 'upgrade' | 'rollback' | 'errors-only';

export interface RunFailure {
  /** `pre-validate` or `processing` (from the summary), or the failing step otherwise. */
  readonly stage: string | null;
  readonly pass: string | null;
  readonly scope: 'internal' | 'external' | null;
  /** Headline code of the summary line, `0x...`. */
  readonly code: string | null;
  readonly source: string;
  readonly line: number;
}

export interface RunInfo {
  /** 0-based, in the order runs were read (sources in input order); `runs[]` itself is chronological. */
  readonly index: number;
  /** Path of the source the run was read from. */
  readonly source: string;
  readonly kind: RunKind;
  readonly startedAt: string | null;
  readonly endedAt: string | null;
  readonly startLine: number;
  readonly endLine: number;
  /** Sysprep command-line options as logged (`GENERALIZE`, `OOBE`, `SHUTDOWN`, `MODE`). */
  readonly options: readonly string[];
  /** `/mode:` value (`vm`), `gui` for the dialog, or null. */
  readonly mode: string | null;
  /** The Windows build the run's log names (`6.3.9600.16384 (winblue_rtm.130821-1623)`); absent when it names none. */
  readonly osBuild?: string;
  readonly outcome: RunOutcome;
  readonly failure: RunFailure | null;
  readonly phases: readonly Phase[];
  /** The rule that explains this run's failure, when one does (older runs keep theirs here). */
  readonly rootCauseRuleId: string | null;
}

export interface NoiseSummary {
  readonly count: number;
  readonly byRule: Readonly<Record<string, number>>;
}

/** The JSON report, schemaVersion 1 (schema/report.schema.json). */
export interface Report {
  readonly schemaVersion: 1;
  readonly tool: { readonly name: 'sysprep-doctor'; readonly version: string };
  /** The latest run's outcome. */
  readonly verdict: Verdict;
  /** One sentence a person can paste. */
  readonly summary: string;
  /** True when identifiers were replaced by placeholders (`--redact`). */
  readonly redacted: boolean;
  readonly sources: readonly SourceInfo[];
  readonly runs: readonly RunInfo[];
  /** Root cause first, then the latest run's other findings, then older runs'. */
  readonly findings: readonly Finding[];
  readonly noise: NoiseSummary;
  /** Inputs that could not be read; the others were still analyzed. */
  readonly problems: readonly InputProblem[];
  /** Lines seen in all sources, and events kept for browsing (the rest are counted, not kept). */
  readonly stats: {
    readonly lines: number;
    readonly bytes: number;
    readonly keptEvents: number;
    /** Runs not listed in `runs` (a log with more runs than a report lists: the oldest are counted only). */
    readonly olderRuns?: { readonly count: number; readonly failed: number };
  };
}
