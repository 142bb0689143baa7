// `--redact`: identifiers in log-derived text replaced by stable placeholders (`COMPUTER-1`, `USER-2`).
//
// Two passes. Learning finds identifiers where their context proves what they are (`C:\Users\jdoe\`,
// `CONTOSO\jdoe`, `ComputerName = WIN-BUILD01`) and numbers them in order of first appearance;
// applying replaces those and, for names, every other whole-word occurrence of a learned value
// (`bare user jdoe`), so a name seen once in a path disappears from the whole report.
import type { Report } from '../types.js';
import { type IdentifierKind, type Span, detectIdentifiers, resolveOverlaps } from './redact-detectors.js';

export type { IdentifierKind } from './redact-detectors.js';

export interface Redactor {
  /**
   * Registers the identifiers of `texts` without replacing anything yet. Streamed text learned
   * first is redacted with names that only a later line reveals (`ComputerName = BLDHOST7`).
   */
  learn(...texts: readonly string[]): void;
  /** `s` with identifiers replaced; the same value gets the same placeholder for this redactor's lifetime. */
  redactText(s: string): string;
  /** A copy of `report` with every log-derived string redacted and `redacted: true`. */
  redactReport(report: Report): Report;
}

/** Kinds whose learned values are also replaced where they appear without a telling context. */
const NAME_KINDS: ReadonlySet<IdentifierKind> = new Set(['COMPUTER', 'USER', 'DOMAIN']);
/** Shorter learned names would hit ordinary words. */
const MIN_LITERAL = 3;

/** The value → placeholder table. Windows names are case-insensitive, so keys are lower-cased. */
class Placeholders {
  private readonly byKind = new Map<IdentifierKind, Map<string, string>>();
  private readonly names = new Map<string, IdentifierKind>();
  private literal: RegExp | null = null;

  placeholder(kind: IdentifierKind, value: string): string {
    const key = value.toLowerCase();
    let table = this.byKind.get(kind);
    if (!table) this.byKind.set(kind, (table = new Map()));
    let placeholder = table.get(key);
    if (placeholder === undefined) {
      placeholder = `${kind}-${table.size + 1}`;
      table.set(key, placeholder);
      if (NAME_KINDS.has(kind) && key.length >= MIN_LITERAL && !this.names.has(key)) {
        this.names.set(key, kind);
        this.literal = null;
      }
    }
    return placeholder;
  }

  /** Whole-word occurrences of learned names. */
  literalSpans(text: string): Span[] {
    if (this.names.size === 0) return [];
    this.literal ??= new RegExp(
      `(?<![\\w-])(?:${[...this.names.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')})(?![\\w-]|\\.\\w)`,
      'gi',
    );
    return [...text.matchAll(this.literal)].map((m) => ({
      start: m.index,
      end: m.index + m[0].length,
      kind: this.names.get(m[0].toLowerCase())!,
      value: m[0],
    }));
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function createRedactor(): Redactor {
  const table = new Placeholders();

  /** Registers the identifiers found in `s` and returns them, left to right. */
  const learn = (s: string): Span[] => {
    const found = resolveOverlaps(detectIdentifiers(s));
    for (const span of found) table.placeholder(span.kind, span.value);
    return found;
  };

  const apply = (s: string, found: readonly Span[]): string => {
    let out = '';
    let at = 0;
    for (const span of resolveOverlaps([...found, ...table.literalSpans(s)])) {
      out += s.slice(at, span.start) + table.placeholder(span.kind, span.value);
      at = span.end;
    }
    return out + s.slice(at);
  };

  return {
    learn: (...texts) => {
      for (const s of texts) learn(s);
    },
    redactText: (s) => apply(s, learn(s)),
    redactReport: (report) => {
      // Learn from the whole report first, so a name is replaced even before the line that revealed it.
      const found = new Map<string, Span[]>();
      mapLogStrings(report, (s) => {
        if (!found.has(s)) found.set(s, learn(s));
        return s;
      });
      return { ...mapLogStrings(report, (s) => apply(s, found.get(s) ?? learn(s))), redacted: true };
    },
  };
}

/**
 * A copy of `report` with `f` applied to every string that can come from a log or a path: the
 * summary, paths, run settings, stage and provider names, culprits, hints, remediation (commands
 * carry the culprit), evidence and problems. Rule-authored fields (ids, titles, references) and
 * codes, counts and timestamps are left alone. Traversal order is reading order, which is what
 * "numbered in order of first appearance" follows.
 */
function mapLogStrings(report: Report, f: (s: string) => string): Report {
  const opt = (s: string | null): string | null => (s === null ? null : f(s));
  return {
    ...report,
    summary: f(report.summary),
    sources: report.sources.map((s) => ({ ...s, path: f(s.path) })),
    runs: report.runs.map((run) => ({
      ...run,
      source: f(run.source),
      options: run.options.map(f),
      mode: opt(run.mode),
      failure: run.failure && { ...run.failure, stage: opt(run.failure.stage), pass: opt(run.failure.pass), source: f(run.failure.source) },
      phases: run.phases.map((phase) => ({
        ...phase,
        name: f(phase.name),
        providers: phase.providers.map((p) => ({ ...p, module: f(p.module), entryPoint: f(p.entryPoint) })),
      })),
    })),
    findings: report.findings.map((finding) => ({
      ...finding,
      culprit: opt(finding.culprit),
      hint: f(finding.hint),
      remediation: finding.remediation.map((step) => ({ ...step, description: f(step.description), command: opt(step.command) })),
      evidence: finding.evidence.map((e) => ({ ...e, source: f(e.source), text: f(e.text) })),
    })),
    problems: report.problems.map((p) => ({ ...p, path: f(p.path), message: f(p.message) })),
  };
}
