// Root-cause selection for one run (signatures.md §2.3): anchor on the summary, walk back through
// the contiguous chain, and let the most specific rule inside that cascade window name the cause.
import { parseLine, withoutGle } from '../../parsers/panther.js';
import { extractCodes } from '../codes/extract.js';
import { codeName } from '../codes/names.js';
import { formatCode, sameLow16 } from '../codes/normalize.js';
import { fillTemplate } from '../engine/template.js';
import type { ChainLine } from '../segment/markers.js';
import type { EvidenceLine, Finding, FindingCode, ResolvedRemediation, RuleRole } from '../types.js';
import { matchGroupKey, type KeptChainLine, type KeptLine, type KeptMatch, type RunState } from './run-state.js';

const ROLE_RANK: Readonly<Record<RuleRole, number>> = { cause: 0, generic: 1, consequence: 2, context: 3, noise: 4 };
const CONFIDENCE_RANK = { high: 0, medium: 1, low: 2 } as const;
const MAX_EVIDENCE = 40;

export interface RunDiagnosis {
  readonly root: KeptMatch | null;
  /** The chain lines of the failing cascade, oldest first. */
  readonly cascade: readonly KeptChainLine[];
  /** True when the run failed (or may have) and something should have explained it but nothing did. */
  readonly unexplained: boolean;
}

/** The failing cascade: the chain lines walking back from the summary while their codes agree. */
export function cascadeOf(run: RunState): KeptChainLine[] {
  const own = run.chain.filter((c) => c.at.source === run.source);
  if (own.length === 0) return [];
  const anchorIndex = run.summary ? own.indexOf(run.summary) : own.length - 1;
  const anchor = own[anchorIndex >= 0 ? anchorIndex : own.length - 1]!;
  const cascade = [anchor];
  let code = anchor.chain.code;
  for (let i = own.indexOf(anchor) - 1; i >= 0; i--) {
    const c = own[i]!;
    if (code !== undefined && c.chain.code !== undefined && !sameLow16(code, c.chain.code) && !isSignedPassThrough(code, c.chain.code)) break;
    cascade.unshift(c);
    code ??= c.chain.code;
  }
  return cascade;
}

/** `-1073425657` (0xC004D307) passes through HRESULT_FROM_WIN32 unchanged: both ends carry the full value. */
function isSignedPassThrough(a: number, b: number): boolean {
  return a === b;
}

function betterCandidate(a: KeptMatch, b: KeptMatch): KeptMatch {
  const byRole = ROLE_RANK[a.rule.role] - ROLE_RANK[b.rule.role];
  if (byRole !== 0) return byRole < 0 ? a : b;
  if (a.at.seq !== b.at.seq) return a.at.seq < b.at.seq ? a : b; // closest to the start of the cascade
  const byConfidence = CONFIDENCE_RANK[a.rule.confidence] - CONFIDENCE_RANK[b.rule.confidence];
  if (byConfidence !== 0) return byConfidence < 0 ? a : b;
  return a.culprit && !b.culprit ? a : b.culprit && !a.culprit ? b : a;
}

export function diagnoseRun(run: RunState): RunDiagnosis {
  if (run.frozen) return run.frozen;
  const outcome = run.outcome;
  if (outcome === 'succeeded') return { root: null, cascade: [], unexplained: false };
  const cascade = cascadeOf(run);
  let candidates: KeptMatch[];
  const own = run.matches.filter((m) => !m.fromErrorLog);
  if (cascade.length > 0) {
    const first = cascade[0]!;
    const last = cascade[cascade.length - 1]!;
    const windowStart = Math.min(first.windowStart, first.at.seq);
    candidates = own.filter((m) => m.at.source === run.source && m.at.seq >= windowStart && m.at.seq <= last.at.seq);
    if (candidates.every((m) => ROLE_RANK[m.rule.role] > ROLE_RANK.generic)) {
      // nothing in the window: a cause logged earlier in the run (e.g. a pre-validation provider) may still explain it
      candidates = candidates.concat(own.filter((m) => m.at.seq < windowStart && m.rule.role === 'cause' && m.rule.fatal));
    }
  } else {
    candidates = own;
  }
  candidates = candidates.filter((m) => m.rule.role !== 'context' && m.rule.role !== 'noise');
  let root = candidates.length === 0 ? null : candidates.reduce(betterCandidate);
  if (root && root.culprit === null) {
    // the same signature often names its culprit on a neighbouring line (an unattend Source = ... dump)
    const named = own.find((m) => m.rule === root!.rule && m.culprit !== null);
    if (named) root = { ...root, culprit: named.culprit, groups: { ...named.groups, ...definedGroups(root.groups) } };
  }
  const unexplained = root === null && outcome === 'failed';
  return { root, cascade, unexplained };
}

function definedGroups(groups: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(groups)) if (v !== undefined) out[k] = v;
  return out;
}

function fill(template: string, match: KeptMatch): string {
  const values = { ...match.groups, culprit: match.culprit ?? undefined };
  return fillTemplate(template, values);
}

export function resolveRemediation(match: KeptMatch): ResolvedRemediation[] {
  const values = { ...match.groups, culprit: match.culprit ?? undefined };
  return match.rule.remediation.map((step) => ({
    description: fill(step.description, match),
    command: step.command ? fillTemplate(step.command, values) : null,
    shell: step.shell,
    destructive: step.destructive,
  }));
}

function evidenceOf(line: KeptLine, paths: readonly string[]): EvidenceLine {
  return { source: paths[line.source] ?? String(line.source), line: line.line, text: line.text };
}

/** Codes of a finding, most specific first: the provider's own lines, then the chain's dwRet, then the summary hr. */
function codesOf(providerLines: readonly KeptLine[], cascade: readonly KeptChainLine[], summary: ChainLine | undefined): FindingCode[] {
  const codes: FindingCode[] = [];
  const seen = new Set<number>();
  const add = (value: number, origin: FindingCode['origin'], lossy?: boolean) => {
    if (seen.has(value) || value === 0) return;
    // the dwRet form of a code already listed (0x3CF2 of 0x80073CF2) adds nothing
    if (value <= 0xffff && [...seen].some((v) => v > 0xffff && sameLow16(v, value))) return;
    seen.add(value);
    const code: { -readonly [K in keyof FindingCode]: FindingCode[K] } = { value: formatCode(value), name: codeName(value), origin };
    if (lossy) code.lossy = true;
    codes.push(code);
  };
  // codes of the message only: not the header's message id (`[0x0f0082]`, CMTrace `983170 (0xf0082)`), not `[gle=...]`
  const provider = providerLines.flatMap((line) => {
    const message = parseLine(line.text, 0, line.line).map((e) => withoutGle(e.message)).join(' ');
    return extractCodes(message).filter((c) => c.field !== 'gle');
  });
  for (const c of provider) add(c.value, 'provider');
  for (const c of cascade) if (c.chain.kind !== 'winmain' && c.chain.code !== undefined) add(c.chain.code, 'chain');
  if (summary?.code !== undefined) {
    const providerCode = provider[0]?.value;
    const lossy =
      providerCode !== undefined &&
      ((summary.code & 0xffff0000) >>> 0) === 0x80070000 &&
      ((providerCode & 0xffff0000) >>> 0) !== 0x80070000 &&
      providerCode > 0xffff &&
      sameLow16(providerCode, summary.code);
    add(summary.code, 'summary', lossy);
  }
  return codes;
}

/** Turns one run's matches into findings: the root cause (if any) first, then one finding per rule and culprit. */
export function findingsOf(run: RunState, diagnosis: RunDiagnosis, paths: readonly string[], isHeadline: boolean): Finding[] {
  const groups = new Map<string, KeptMatch[]>();
  for (const m of run.matches) {
    const key = matchGroupKey(m);
    const list = groups.get(key);
    if (list) list.push(m);
    else groups.set(key, [m]);
  }
  const findings: Finding[] = [];
  const root = diagnosis.root;
  for (const [, matches] of groups) {
    const own = matches.filter((m) => !m.fromErrorLog);
    const first = (own[0] ?? matches[0])!;
    const isRoot = root !== null && matches.some((m) => m.rule === root.rule && m.at.seq === root.at.seq && m.at.source === root.at.source);
    const lead = isRoot ? root : first;
    const cascadeLines = isRoot ? cascadeLinesOf(run, lead, diagnosis.cascade) : [];
    const evidence: EvidenceLine[] = isRoot ? cascadeLines.map((at) => evidenceOf(at, paths)) : matches.slice(0, 5).map((m) => evidenceOf(m.at, paths));
    const chainLineKeys = new Set(diagnosis.cascade.map((c) => `${c.at.source}:${c.at.line}`));
    const providerLines = isRoot ? cascadeLines.filter((at) => !chainLineKeys.has(`${at.source}:${at.line}`)) : [lead.at];
    findings.push({
      ruleId: lead.rule.id,
      title: lead.rule.title,
      severity: lead.rule.severity,
      confidence: lead.rule.confidence,
      role: lead.rule.role,
      rootCause: isRoot && isHeadline,
      run: run.index,
      culprit: lead.culprit,
      codes: codesOf(providerLines, isRoot ? diagnosis.cascade : [], isRoot ? run.summary?.chain : undefined),
      hint: fill(lead.rule.hint, lead),
      remediation: resolveRemediation(lead),
      references: [...lead.rule.references],
      evidence,
      count: run.groupCounts.get(matchGroupKey(first)) ?? matches.length,
    });
  }
  findings.sort((a, b) => {
    const aRoot = root !== null && a.ruleId === root.rule.id && a.culprit === root.culprit;
    const bRoot = root !== null && b.ruleId === root.rule.id && b.culprit === root.culprit;
    if (aRoot !== bRoot) return aRoot ? -1 : 1;
    return ROLE_RANK[a.role] - ROLE_RANK[b.role] || a.evidence[0]!.line - b.evidence[0]!.line;
  });
  return findings;
}

/** The root line, the provider lines after it, and the chain down to the summary. */
function cascadeLinesOf(run: RunState, root: KeptMatch, cascade: readonly KeptChainLine[]): KeptLine[] {
  const last = cascade[cascade.length - 1]?.at.seq ?? root.at.seq;
  const between = run.contextAtFailure.filter((at) => at.source === root.at.source && at.seq > root.at.seq && at.seq <= last);
  const lines: KeptLine[] = [root.at, ...between, ...cascade.map((c) => c.at).filter((at) => at.seq >= root.at.seq || at.source !== root.at.source)];
  lines.sort((a, b) => a.source - b.source || a.seq - b.seq);
  const seen = new Set<string>();
  return lines.filter((at) => {
    const key = `${at.source}:${at.seq}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  }).slice(0, MAX_EVIDENCE);
}
