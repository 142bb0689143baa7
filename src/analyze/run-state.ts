// The mutable state of one run or session while its events stream in. Bounded: matches and chain
// lines are capped, everything else is counted.
import type { RuleMatch } from '../engine/match.js';
import type { RunDiagnosis } from './root-cause.js';
import type { ChainLine, Marker } from '../segment/markers.js';
import type { LogEvent, Provider, Rule, RunKind, RunOutcome } from '../types.js';
import { detach } from '../util/detach.js';

const MAX_MATCHES_PER_RUN = 2000;
const MAX_CHAIN_LINES_PER_RUN = 500;
const MAX_PROVIDERS_PER_PHASE = 300;
const RECENT_LINES = 64;
/** The phase providers run in before any stage or pass line names one. */
const UNNAMED_PHASE = 'unknown';
/** Matches a compacted run keeps per finding (evidence shows the first few). */
const KEPT_MATCHES_PER_FINDING = 5;

/** Findings group matches by rule and culprit. */
export function matchGroupKey(m: KeptMatch): string {
  return `${m.rule.id}\u0000${m.culprit ?? ''}`;
}

/** A kept copy of an event: strings detached from the decoded chunk so no chunk stays alive. */
export interface KeptLine {
  readonly source: number;
  readonly line: number;
  /** Position of the event in its source: lines can hold several records (a log joined into one line). */
  readonly seq: number;
  readonly text: string;
  readonly timestamp?: string;
}

export interface KeptMatch {
  readonly rule: Rule;
  readonly groups: Readonly<Record<string, string | undefined>>;
  readonly culprit: string | null;
  readonly at: KeptLine;
  /** `seq` of the last provider start before this match (the start of its cascade window). */
  readonly windowStart: number;
  /** Seen in a `setuperr.log` attributed to this run (setupact has the same line). */
  readonly fromErrorLog: boolean;
}

export interface KeptChainLine {
  readonly chain: ChainLine;
  readonly at: KeptLine;
  readonly windowStart: number;
}

export interface PhaseState {
  name: string;
  step?: 'validate' | 'execute';
  scope?: 'internal' | 'external';
  startedAt: string | null;
  endedAt: string | null;
  startLine: number;
  endLine: number;
  providers: Provider[];
  failed: boolean;
}

/**
 * What is kept of an event. Its text is a line the decoder made a string of its own (LineDecoder), or
 * a part of one: it pins no more than its line, so it needs no copy.
 */
export function keep(event: LogEvent, seq: number): KeptLine {
  const kept: { -readonly [K in keyof KeptLine]: KeptLine[K] } = { source: event.source, line: event.line, seq, text: event.text };
  if (event.timestamp) kept.timestamp = event.timestamp;
  return kept;
}

export function keepMatch(match: RuleMatch, event: LogEvent, seq: number, windowStart: number, fromErrorLog: boolean): KeptMatch {
  const groups: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(match.groups)) groups[name] = value === undefined ? undefined : detach(value);
  return { rule: match.rule, groups, culprit: match.culprit === null ? null : detach(match.culprit), at: keep(event, seq), windowStart, fromErrorLog };
}

export class RunState {
  startedAt: string | null = null;
  endedAt: string | null = null;
  endLine: number;
  options: string[] = [];
  mode: string | null = null;
  /** The Windows build the log names first (`Build version is ...`), if any. */
  osBuild: string | null = null;
  successLine = 0;
  failureLine = 0;
  /** The WinMain summary, or the invalid-state line. */
  summary: KeptChainLine | null = null;
  readonly chain: KeptChainLine[] = [];
  readonly matches: KeptMatch[] = [];
  readonly matchCounts = new Map<string, number>();
  /** Matches per rule and culprit, counted even after old matches are let go. */
  readonly groupCounts = new Map<string, number>();
  /** Set when the run is compacted: its diagnosis, taken while all its matches were still kept. */
  frozen: RunDiagnosis | undefined = undefined;
  readonly noise = new Map<string, number>();
  readonly phases: PhaseState[] = [];
  private lastPhase: PhaseState | undefined = undefined;
  /** `seq` of the latest provider start, where a cascade window begins. */
  lastBoundary = 0;
  droppedMatches = 0;
  /** The latest Warning/Error/level-less records, for the evidence between a root line and its chain. */
  private readonly recent: KeptLine[] = [];
  /** `recent` as it was when the failure was logged. */
  contextAtFailure: readonly KeptLine[] = [];

  constructor(
    readonly index: number,
    readonly source: number,
    public kind: RunKind,
    readonly startLine: number,
  ) {
    this.endLine = startLine;
  }

  get outcome(): RunOutcome {
    if (this.failureLine > 0 && this.failureLine >= this.successLine) return 'failed';
    if (this.successLine > 0) return 'succeeded';
    return 'incomplete';
  }

  /** The phase the run is in: the last of `phases` (kept as a field, read for every event). */
  get currentPhase(): PhaseState | undefined {
    return this.lastPhase;
  }

  touch(event: LogEvent): void {
    if (event.line > this.endLine) this.endLine = event.line;
    if (event.timestamp) {
      this.startedAt ??= event.timestamp;
      this.endedAt = event.timestamp;
    }
    const phase = this.currentPhase;
    if (phase) {
      phase.endLine = event.line;
      if (event.timestamp) phase.endedAt = event.timestamp;
    }
  }

  /** `touch` for a stretch of timestamped records the event path skipped (quiet-lines.ts). */
  touchQuiet(lastLine: number, firstStamp: string | null, lastStamp: string): void {
    if (lastLine > this.endLine) this.endLine = lastLine;
    if (firstStamp !== null) this.startedAt ??= firstStamp;
    this.endedAt = lastStamp;
    const phase = this.currentPhase;
    if (phase) {
      phase.endLine = lastLine;
      phase.endedAt = lastStamp;
    }
  }

  /**
   * Lets go of what a finished run no longer needs, so memory does not grow with the number of runs
   * in a long log: a few matches per finding, the cascade's chain lines, no recent-line buffer.
   */
  compact(diagnosis: RunDiagnosis): void {
    this.frozen = diagnosis;
    const perGroup = new Map<string, number>();
    const kept = this.matches.filter((m) => {
      const root = diagnosis.root;
      if (root && m.rule === root.rule && m.at.seq === root.at.seq) return true;
      const key = matchGroupKey(m);
      const n = (perGroup.get(key) ?? 0) + 1;
      perGroup.set(key, n);
      return n <= KEPT_MATCHES_PER_FINDING;
    });
    this.matches.splice(0, this.matches.length, ...kept);
    this.chain.splice(0, this.chain.length, ...diagnosis.cascade);
    this.recent.length = 0;
    // the evidence between the root line and the chain is all that is read from the context later
    const rootSeq = diagnosis.root?.at.seq;
    this.contextAtFailure = rootSeq === undefined ? [] : this.contextAtFailure.filter((at) => at.seq >= rootSeq);
    // a finished run's timeline keeps its stages and the providers that failed
    for (const phase of this.phases) phase.providers = phase.providers.filter((p) => p.result === 'failed');
  }

  remember(line: KeptLine): void {
    if (this.recent.length >= RECENT_LINES) this.recent.shift();
    this.recent.push(line);
  }

  snapshotContext(): void {
    this.contextAtFailure = [...this.recent];
  }

  addMatch(kept: KeptMatch): void {
    const group = matchGroupKey(kept);
    this.groupCounts.set(group, (this.groupCounts.get(group) ?? 0) + 1);
    const id = kept.rule.id;
    this.matchCounts.set(id, (this.matchCounts.get(id) ?? 0) + 1);
    if (this.matches.length < MAX_MATCHES_PER_RUN) this.matches.push(kept);
    else this.droppedMatches++;
  }

  addChain(kept: KeptChainLine): void {
    if (this.chain.length < MAX_CHAIN_LINES_PER_RUN) this.chain.push(kept);
  }

  applyMarker(marker: Marker, event: LogEvent, seq: number): void {
    switch (marker.type) {
      case 'option':
        if (!this.options.includes(marker.option)) this.options.push(marker.option);
        break;
      case 'mode':
        this.mode = marker.mode;
        break;
      case 'os-build':
        this.osBuild ??= detach(marker.build);
        break;
      case 'stage':
        this.enterPhase(marker.name, event, marker.step, marker.scope);
        break;
      case 'pass':
        if (this.currentPhase?.name !== marker.name) this.enterPhase(marker.name, event);
        break;
      case 'provider-start':
        this.lastBoundary = seq;
        this.addProvider(marker.module, marker.entryPoint, event);
        break;
      case 'provider-success':
        this.finishProvider(marker.module, marker.entryPoint, 'succeeded', null, event);
        break;
      case 'success':
        this.successLine = event.line;
        break;
      case 'failure':
        this.failureLine = event.line;
        break;
      default:
        break;
    }
  }

  enterPhase(name: string, event: LogEvent, step?: 'validate' | 'execute', scope?: 'internal' | 'external'): void {
    const current = this.currentPhase;
    if (current && current.name === name && current.step === step && (current.scope === scope || scope === undefined)) return;
    const ts = event.timestamp ?? null;
    const phase: PhaseState = { name, startedAt: ts, endedAt: ts, startLine: event.line, endLine: event.line, providers: [], failed: false };
    if (step) phase.step = step;
    if (scope) phase.scope = scope;
    this.phases.push(phase);
    this.lastPhase = phase;
  }

  private addProvider(module: string, entryPoint: string, event: LogEvent): void {
    const phase = this.currentPhase ?? this.implicitPhase(event);
    if (phase.providers.length >= MAX_PROVIDERS_PER_PHASE) return;
    const ts = event.timestamp ?? null;
    phase.providers.push({ module: detach(module), entryPoint: detach(entryPoint), result: 'running', code: null, startedAt: ts, endedAt: ts, line: event.line });
  }

  finishProvider(module: string, entryPoint: string, result: 'succeeded' | 'failed', code: string | null, event: LogEvent): void {
    const phase = this.currentPhase ?? this.implicitPhase(event);
    const providers = phase.providers;
    const sameEntry = (p: Provider) => p.entryPoint.toLowerCase() === entryPoint.toLowerCase() && p.result === 'running';
    let index = -1;
    for (let i = providers.length - 1; i >= 0; i--) if (sameEntry(providers[i]!)) { index = i; break; }
    const ts = event.timestamp ?? null;
    if (index === -1) {
      if (providers.length >= MAX_PROVIDERS_PER_PHASE) return;
      providers.push({ module: detach(module), entryPoint: detach(entryPoint), result, code, startedAt: ts, endedAt: ts, line: event.line });
      return;
    }
    const p = providers[index]!;
    providers[index] = { ...p, result, code, endedAt: ts ?? p.endedAt };
  }

  private implicitPhase(event: LogEvent): PhaseState {
    this.enterPhase(event.phase ?? UNNAMED_PHASE, event);
    return this.currentPhase!;
  }

  /**
   * A failure line names the pass (and step) the run was in: the phase opened without a stage line
   * (an excerpt that starts at a provider) takes that name.
   */
  nameUnnamedPhase(pass: string, step: 'validate' | 'execute' | undefined, scope: 'internal' | 'external' | undefined): void {
    const phase = this.currentPhase;
    if (!phase || phase.name !== UNNAMED_PHASE) return;
    phase.name = pass;
    if (step && !phase.step) phase.step = step;
    if (scope && !phase.scope) phase.scope = scope;
  }
}
