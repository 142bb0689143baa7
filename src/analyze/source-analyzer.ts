// One input file: lines → events → runs, with rules applied as events pass. Keeps only what a
// report needs (runs, capped matches and chain lines, counts); every line is counted.
import { parseLine, withoutGle } from '../../parsers/panther.js';
import { DEFAULT_MAX_LINE_CHARS, LineDecoder, type DecoderStats } from '../decode/line-decoder.js';
import { levelGateAccepts, matchPattern, requiredLiterals, ruleAccepts, type PatternMatch } from '../engine/match.js';
import { hasGroup, LiteralSkipScan, scannable } from '../engine/skip-scan.js';
import { classifyChainLine, FAILURE_CHAIN_KINDS, markerLiteralGroups, readMarker, type ChainLine, type Marker } from '../segment/markers.js';
import type { LogEvent, LogFlavor, Rule, RunKind, SourceInfo, SourceRole } from '../types.js';
import { HEAD_LINES, QuietLines, type QuietStretch } from './quiet-lines.js';
import { MessageMemo } from './message-memo.js';
import { contentRoleCounter } from './roles.js';
import { diagnoseRun } from './root-cause.js';
import { keep, keepMatch, RunState } from './run-state.js';

export interface SourceContext {
  readonly rules: readonly Rule[];
  /** A new run index, unique across all sources of one analysis. */
  nextRunIndex(): number;
  /** Runs of the `setupact.log` beside a `setuperr.log`, for attribution by time window. */
  readonly siblingRuns?: () => readonly RunState[];
  /** Called for every event after segmentation (streaming outputs, the TUI's kept events). */
  readonly onEvent?: (event: LogEvent) => void;
  readonly maxLineChars?: number;
}

/** What a message alone decides; undefined: not worked out yet, null: none. */
interface MessageFacts {
  infoFound?: readonly number[];
  ruleFound?: readonly number[];
  marker?: Marker | null;
  chain?: ChainLine | null;
  /** Per rule index, what its pattern found (null: no match); a rule's pattern runs once per message. */
  patterns?: (PatternMatch | null)[];
}

/** The latest runs of a source keep every match; older ones are compacted. */
const DETAILED_RUNS = 8;
/**
 * Runs of a source the report lists; older ones are only counted (`stats.olderRuns`), so that memory
 * does not grow with the number of runs in a long log. Far more than any real log holds.
 */
export const LISTED_RUNS = 100;

const ROLE_RUN_KIND: Readonly<Record<SourceRole, RunKind>> = {
  sysprep: 'sysprep',
  setup: 'setup',
  unattendgc: 'unattend',
  'upgrade-downlevel': 'upgrade',
  rollback: 'rollback',
  unknown: 'errors-only',
};

export class SourceAnalyzer {
  readonly runs: RunState[] = [];
  /** Runs let go of beyond `LISTED_RUNS`, and how many of them failed. */
  readonly olderRuns = { count: 0, failed: 0 };
  readonly kinds = { record: 0, continuation: 0, blank: 0, foreign: 0 };
  private readonly decoder: LineDecoder;
  private current: RunState | undefined;
  private bannersSeen = false;
  /** `seq` of the last banner line: the 3 lines of one banner open one run. */
  private lastBannerSeq = -10;
  /** After a summary line in a log without banners, the next error starts a new (implicit) run. */
  private splitAfter: string | null | undefined;
  private readonly roles = contentRoleCounter();
  /** Events seen so far: the order of records even when several share a physical line. */
  private seq = 0;
  private readonly allRules: readonly Rule[];
  /** The indexes in `allRules` of the rules that read Info lines. */
  private readonly infoRules: readonly number[];
  /**
   * Info lines (97% of a log) that contain no marker keyword and no literal of an Info rule need
   * neither `readMarker` nor the rules: one scan of the message says which markers and Info rules it
   * may be. Its groups: each marker's literals, then each Info rule's. Null when a group has no
   * literal to look for (a custom Info rule): then every marker and Info rule is tried.
   */
  private readonly infoScan: LiteralSkipScan | null;
  /** The literal groups of the Info scan. */
  readonly gateGroups: readonly (readonly string[] | null)[];
  private readonly markerCount: number;
  /** The same for the other lines: one group per rule that has literals (`scannedRules`). */
  private readonly ruleScan: LiteralSkipScan | null;
  private readonly scannedRules: readonly number[];
  /** Rules without literals: tried on every line that is not Info. */
  private readonly unscannedRules: readonly number[];
  private readonly infoFound: Uint32Array;
  private readonly ruleFound: Uint32Array;
  /**
   * What each message alone decides, worked out once per distinct message: a log repeats its provider,
   * stage and error lines run after run. Bounded (message-memo.ts).
   */
  private readonly messageFacts = new MessageMemo<MessageFacts>(() => ({}));
  /**
   * Takes the Info lines the info gate finds nothing in as bytes, before they are decoded (past a file's
   * head, quiet-lines.ts): only when no event is wanted, and not in a `setuperr.log` (whose lines may
   * belong to another file's runs).
   */
  private readonly quiet: QuietLines | undefined;
  readonly maxLineChars: number;
  /** The decoder's figures from a worker that read the file (sift.ts) instead of this source's decoder. */
  private siftedStats: DecoderStats | undefined;

  constructor(
    readonly index: number,
    readonly path: string,
    readonly pathRoleGiven: SourceRole | undefined,
    readonly flavor: LogFlavor,
    private readonly context: SourceContext,
  ) {
    this.allRules = context.rules;
    this.infoRules = context.rules.flatMap((r, i) => (levelGateAccepts(r, 'Info') ? [i] : []));
    const markerGroups = markerLiteralGroups();
    this.markerCount = markerGroups.length;
    this.gateGroups = [...markerGroups, ...this.infoRules.map((i) => requiredLiterals(context.rules[i]!.pattern))];
    const infoCovered = this.gateGroups.every((literals) => literals !== null && literals.length > 0);
    this.infoScan = infoCovered ? LiteralSkipScan.create(this.gateGroups as readonly (readonly string[])[]) : null;
    const allLiterals = this.allRules.map((r) => requiredLiterals(r.pattern));
    const scanned = (literals: readonly string[] | null): boolean => literals !== null && literals.length > 0 && literals.every(scannable);
    this.scannedRules = allLiterals.flatMap((literals, i) => (scanned(literals) ? [i] : []));
    this.unscannedRules = allLiterals.flatMap((literals, i) => (scanned(literals) ? [] : [i]));
    this.ruleScan = LiteralSkipScan.create(this.scannedRules.map((i) => allLiterals[i]!));
    this.infoFound = this.infoScan?.newGroupSet() ?? new Uint32Array(1);
    this.ruleFound = this.ruleScan?.newGroupSet() ?? new Uint32Array(1);
    const maxLineChars = (this.maxLineChars = context.maxLineChars ?? DEFAULT_MAX_LINE_CHARS);
    const quietPossible = this.infoScan !== null && !context.onEvent && flavor !== 'setuperr';
    this.quiet = quietPossible ? QuietLines.forGroups(this.gateGroups, maxLineChars, false, undefined, this.infoScan) : undefined;
    this.decoder = new LineDecoder((text, truncated) => this.onLine(text, truncated), maxLineChars, this.quiet);
  }

  push(bytes: Uint8Array): void {
    this.decoder.push(bytes);
  }

  end(): void {
    this.decoder.end();
    this.settle();
  }

  /** Whether a worker may read and sift this source instead: the same quiet lines would be skipped here. */
  get siftable(): boolean {
    return this.quiet !== undefined;
  }

  /** The end of a source a worker read: its decoder's figures. */
  endSifted(stats: DecoderStats): void {
    this.siftedStats = { ...stats };
  }

  /** Applies the quiet lines taken since the last event: call before reading `runs` or `info()`. */
  settle(): void {
    const quiet = this.quiet;
    if (!quiet || quiet.pending === 0) return;
    this.acceptQuiet(quiet.collect(this.decoder.stats.lines));
  }

  /** What the event path would have done for a stretch of quiet lines: count them, and touch the run. */
  acceptQuiet(stretch: QuietStretch): void {
    const run = this.current ?? this.open(ROLE_RUN_KIND[this.pathRoleGiven ?? 'unknown'], stretch.lastLine - stretch.count + 1);
    this.kinds.record += stretch.count;
    this.seq += stretch.count;
    run.touchQuiet(stretch.lastLine, stretch.firstStamp, stretch.lastStamp);
    if (stretch.sysprp && run.kind === 'errors-only') run.kind = 'sysprep';
  }

  get role(): SourceRole {
    return this.pathRoleGiven ?? this.roles.role();
  }

  info(): SourceInfo {
    this.settle();
    const s = this.siftedStats ?? this.decoder.stats;
    return {
      path: this.path,
      role: this.role,
      flavor: this.flavor,
      encoding: s.encoding,
      lines: s.lines,
      bytes: s.bytes,
      truncatedLines: s.truncatedLines,
      kinds: { ...this.kinds },
      legacyDecodedLines: s.legacyDecodedLines,
    };
  }

  private onLine(text: string, truncated: boolean): void {
    const line = this.decoder.stats.lines;
    if (this.quiet && this.quiet.pending > 0) this.acceptQuiet(this.quiet.collect(line - 1));
    this.acceptLine(text, truncated, line);
  }

  /** One decoded line, numbered `line`; the quiet lines before it have been accepted. */
  acceptLine(text: string, truncated: boolean, line: number): void {
    const events = parseLine(text, this.index, line, truncated);
    for (let i = 0; i < events.length; i++) this.onEvent(events[i]!); // no iterator objects: this runs per line
  }

  private onEvent(event: LogEvent): void {
    const kind = event.kind;
    // named counters: a keyed `kinds[kind]++` costs several times as much in V8, once per event
    if (kind === 'record') this.kinds.record++;
    else if (kind === 'continuation') this.kinds.continuation++;
    else if (kind === 'blank') this.kinds.blank++;
    else this.kinds.foreign++;
    const seq = ++this.seq;
    if (kind !== 'record' && kind !== 'foreign') {
      if (this.current) {
        event.run = this.current.index;
        if (this.current.currentPhase) event.phase = this.current.currentPhase.name;
      }
      this.context.onEvent?.(event);
      return;
    }
    if (event.line <= HEAD_LINES) this.roles.observe(event);
    // a record without any marker literal has no marker; an Info record without an Info-rule literal meets no rule
    const info = event.level === 'Info';
    const record = kind === 'record';
    const facts = this.messageFacts.get(event.message);
    const found = this.infoScan !== null && (info || record) ? (facts.infoFound ??= Array.from(this.infoScan.groupsIn(event.message, this.infoFound))) : null;
    const marker = record ? this.markerOf(event.message, facts, found) : undefined;
    if (record && !info && facts.chain === undefined) facts.chain = classifyChainLine(withoutGle(event.message)) ?? null;
    const chain = record && !info ? (facts.chain ?? undefined) : undefined;
    const run = this.runFor(event, seq, marker, chain);
    event.run = run.index;
    const attributed = run.source !== this.index;
    if (!attributed) {
      run.touch(event);
      if (event.level !== 'Info') run.remember(keep(event, seq));
    }
    if (marker && !attributed) {
      if (marker.type === 'sysprep-run-start' && run.kind !== 'sysprep') run.kind = 'sysprep';
      run.applyMarker(marker, event, seq);
    }
    if (run.kind === 'errors-only' && (event.component === 'SYSPRP' || chain)) run.kind = 'sysprep';
    if (run.currentPhase) event.phase = run.currentPhase.name;
    if (chain && !attributed) {
      const kept = { chain, at: keep(event, seq), windowStart: run.lastBoundary };
      run.addChain(kept);
      if (chain.pass) run.nameUnnamedPhase(chain.pass, stepOf(chain.stage), chain.scope);
      if (FAILURE_CHAIN_KINDS.has(chain.kind)) {
        run.failureLine = event.line;
        run.snapshotContext();
        if (run.currentPhase) run.currentPhase.failed = true;
      }
      if (chain.kind === 'winmain' || chain.kind === 'invalid-state') {
        if (!run.summary || chain.kind === 'winmain') run.summary = kept;
        if (!this.bannersSeen) this.splitAfter = event.timestamp ?? null;
      }
      if ((chain.kind === 'module' || chain.kind === 'launch-dll') && chain.module !== undefined) {
        const code = chain.code === undefined ? null : '0x' + chain.code.toString(16).toUpperCase();
        run.finishProvider(chain.module, chain.entryPoint ?? '', 'failed', code, event);
      }
    }
    if (info) this.applyInfoRules(event, seq, run, attributed, facts, found);
    else this.applyRules(event, seq, run, attributed, facts);
    this.context.onEvent?.(event);
  }

  /** The Info rules an Info record may meet: those one of whose literals the Info scan `found` (null: all). */
  private applyInfoRules(event: LogEvent, seq: number, run: RunState, attributed: boolean, facts: MessageFacts, found: readonly number[] | null): void {
    let message: string | undefined;
    for (let k = 0; k < this.infoRules.length; k++) {
      if (found !== null && !hasGroup(found, this.markerCount + k)) continue;
      this.tryRule(this.infoRules[k]!, event, (message ??= withoutGle(event.message)), facts, seq, run, attributed);
    }
  }

  /** The rules a record that is not Info may meet: those one of whose literals it holds, and those without literals, in rule order. */
  private applyRules(event: LogEvent, seq: number, run: RunState, attributed: boolean, facts: MessageFacts): void {
    const message = withoutGle(event.message);
    const found = this.ruleScan ? (facts.ruleFound ??= Array.from(this.ruleScan.groupsIn(event.message, this.ruleFound))) : undefined;
    const scanned = this.scannedRules;
    const unscanned = this.unscannedRules;
    let u = 0;
    // the groups found are the scanned rules in order: merge them with the unscanned ones by rule index
    if (found !== undefined) {
      for (let w = 0; w < found.length; w++) {
        for (let bits = found[w]!; bits !== 0; bits &= bits - 1) {
          const rule = scanned[w * 32 + 31 - Math.clz32(bits & -bits)]!;
          while (u < unscanned.length && unscanned[u]! < rule) this.tryRule(unscanned[u++]!, event, message, facts, seq, run, attributed);
          this.tryRule(rule, event, message, facts, seq, run, attributed);
        }
      }
    }
    while (u < unscanned.length) this.tryRule(unscanned[u++]!, event, message, facts, seq, run, attributed);
  }

  /** A record's marker, from the markers whose literals the Info scan `found` in it (null: any). */
  private markerOf(message: string, facts: MessageFacts, found: readonly number[] | null): Marker | undefined {
    if (facts.marker === undefined) {
      const candidates = found === null ? -1 : found[0]! & markerMask(this.markerCount);
      facts.marker = candidates === 0 ? null : (readMarker(message, candidates) ?? null);
    }
    return facts.marker ?? undefined;
  }

  /**
   * Rule `index` on an event that holds one of its literals: the gates, then the pattern (run once per
   * distinct message: `facts`), then what a match means.
   */
  private tryRule(index: number, event: LogEvent, message: string, facts: MessageFacts, seq: number, run: RunState, attributed: boolean): void {
    const rule = this.allRules[index]!;
    if (!ruleAccepts(rule, event)) return;
    const patterns = (facts.patterns ??= []);
    let found = patterns[index];
    if (found === undefined) found = patterns[index] = matchPattern(rule, message);
    if (found === null) return;
    if (rule.role === 'noise') {
      run.noise.set(rule.id, (run.noise.get(rule.id) ?? 0) + 1);
      return;
    }
    run.addMatch(keepMatch({ rule, event, groups: found.groups, culprit: found.culprit }, event, seq, run.lastBoundary, attributed));
    if (rule.fatal && !attributed) run.failureLine = event.line;
  }

  /** The run an event belongs to, opening a new one at a boundary. */
  private runFor(event: LogEvent, seq: number, marker: Marker | undefined, chain: ChainLine | undefined): RunState {
    const markerType = marker?.type;
    if (markerType === 'sysprep-run-start' || (markerType === 'banner-rule' && event.component === 'SYSPRP')) {
      const continuesBanner = this.current !== undefined && seq - this.lastBannerSeq <= 2;
      this.lastBannerSeq = seq;
      if (continuesBanner) return this.current!;
      this.bannersSeen = true;
      this.splitAfter = undefined;
      return this.open('sysprep', event.line);
    }
    if (marker?.type === 'session-start') {
      return this.open(marker.kind, event.line);
    }
    if (this.flavor === 'setuperr' && this.context.siblingRuns) {
      const sibling = this.siblingRunAt(event.timestamp);
      if (sibling) return sibling;
    }
    if (this.current && this.splitAfter !== undefined && this.startsNewCascade(event, chain)) {
      this.splitAfter = undefined;
      return this.open(this.current.kind, event.line);
    }
    return this.current ?? this.open(ROLE_RUN_KIND[this.pathRoleGiven ?? 'unknown'], event.line);
  }

  /**
   * After a summary in a log without banners (a setuperr.log), does this record begin the next run?
   * Chatter around a paste (no level, no component) never does; the summary's own tail (the WinMain
   * line after an invalid-state line, the halting line) does not; another cascade's first line does.
   */
  private startsNewCascade(event: LogEvent, chain: ChainLine | undefined): boolean {
    if (chain) return chain.kind !== 'winmain' && chain.kind !== 'halting';
    if (event.level === 'Info') return false;
    const looksLikeLogRecord = event.component !== undefined || event.level !== undefined;
    if (!looksLikeLogRecord) return false;
    return this.splitAfter === null || event.timestamp !== this.splitAfter;
  }

  private siblingRunAt(timestamp: string | undefined): RunState | undefined {
    const runs = this.context.siblingRuns!();
    if (runs.length === 0) return undefined;
    if (!timestamp) return runs[runs.length - 1];
    let found: RunState | undefined;
    for (const run of runs) if (run.startedAt !== null && run.startedAt <= timestamp) found = run;
    return found;
  }

  private open(kind: RunKind, line: number): RunState {
    const run = new RunState(this.context.nextRunIndex(), this.index, kind, line);
    this.runs.push(run);
    this.current = run;
    // older runs of a long, many-run log are finished: keep their diagnosis, let go of the rest
    const finished = this.runs[this.runs.length - 1 - DETAILED_RUNS];
    if (finished && !finished.frozen) finished.compact(diagnoseRun(finished));
    if (this.runs.length > LISTED_RUNS) {
      const oldest = this.runs.shift()!;
      this.olderRuns.count++;
      if (oldest.outcome === 'failed') this.olderRuns.failed++;
    }
    return run;
  }
}

/** A chain line's stage word (`pre-validate`, `validating`, `Execute`...) as a phase step. */
function stepOf(stage: string | undefined): 'validate' | 'execute' | undefined {
  if (stage === undefined) return undefined;
  return /valid/.test(stage) ? 'validate' : 'execute';
}

/** The bits of the first `count` groups of a group set's first word (markers: at most 32). */
function markerMask(count: number): number {
  return count >= 32 ? -1 : (1 << count) - 1;
}
