// `explain <code>`: what a 32-bit result code is, what it is related to, and which rules mention it.
import { formatCode, hresultFromWin32 } from './normalize.js';
import {
  hresultFields,
  hresultFromNt,
  isForeignFailure,
  isWin32Hresult,
  isWin32Number,
  ntstatusFields,
  ntstatusFromHresult,
  type HresultFields,
  type NtstatusFields,
} from './fields.js';
import { shortHex } from './render.js';
import { CODE_TABLE, entriesFor, entryOfKind, type TableEntry } from './table.js';

export { parseCodeArgument, type CodeArgument, type CodeInterpretation } from './argument.js';
export { explanationToJson, renderExplanationText, type ExplanationJson } from './render.js';

export interface RuleRef {
  readonly id: string;
  readonly title: string;
  /** True for a noise rule: the code also shows up in benign lines that are never a root cause. */
  readonly noise: boolean;
}

/** The part of a rule `explain` needs (a `RuleDefinition` fits). */
export interface CodeRule {
  readonly id: string;
  readonly title: string;
  readonly role?: string;
  readonly codes?: readonly number[];
}

export interface Explanation {
  /** `0x80073CF2` */
  readonly value: string;
  readonly unsigned: number;
  readonly signed: number;
  readonly hresult: HresultFields;
  /** Present when the value has NTSTATUS shape (bit 30 set). */
  readonly ntstatus: NtstatusFields | null;
  /** Table rows for the value, its Win32 code when it is HRESULT_FROM_WIN32(x), its NTSTATUS when HRESULT_FROM_NT(x). */
  readonly known: readonly TableEntry[];
  /** Sentences relating the value to its other forms and to sysprep's dwRet -> hr chain. */
  readonly relations: readonly string[];
  /** Rules whose codes contain the value or one of its relatives: signatures first, then noise rules. */
  readonly rules: readonly RuleRef[];
}

export function explainCode(value: number, rules: readonly CodeRule[]): Explanation {
  const v = value >>> 0;
  return {
    value: formatCode(v),
    unsigned: v,
    signed: v | 0,
    hresult: hresultFields(v),
    ntstatus: ntstatusFields(v),
    known: knownEntries(v),
    relations: relations(v),
    rules: rulesMentioning(rules, relatives(v)),
  };
}

function knownEntries(v: number): TableEntry[] {
  const known = [...entriesFor(v)];
  const win32 = isWin32Hresult(v) ? entryOfKind(v & 0xffff, 'win32') : undefined;
  if (win32) known.push(win32);
  const status = ntstatusFromHresult(v);
  const nt = status === undefined ? undefined : entryOfKind(status, 'ntstatus');
  if (nt) known.push(nt);
  return known;
}

/** Whether the value can be the Win32 side of sysprep's chain: a bare dwRet or its 0x8007xxxx hr. */
function isWin32Side(v: number): boolean {
  return isWin32Number(v) || isWin32Hresult(v);
}

/**
 * Non-Win32 failure codes in the table with these low 16 bits: what a provider may have returned
 * before sysprep's chain kept only the low 16 bits as dwRet (signatures.md §1.1).
 */
function truncationSources(low16: number): TableEntry[] {
  return CODE_TABLE.filter(
    (entry) => entry.kind !== 'win32' && entry.kind !== 'ntstatus' && isForeignFailure(entry.value) && (entry.value & 0xffff) === low16,
  );
}

function relations(v: number): string[] {
  const out: string[] = [];
  const low16 = v & 0xffff;
  if (isWin32Side(v)) {
    const hr = formatCode(hresultFromWin32(low16));
    out.push(`${hr} = HRESULT_FROM_WIN32(${low16} / ${shortHex(low16)})`);
    out.push(`sysprep's dwRet ${shortHex(low16)} becomes hr ${hr} in the WinMain summary`);
    const lossy = lossyNote(low16);
    if (lossy) out.push(lossy);
  } else if (isForeignFailure(v)) {
    const truncated = formatCode(hresultFromWin32(low16));
    const lookalike = entryOfKind(low16, 'win32');
    out.push(`sysprep passes ${formatCode(v)} through unchanged when a provider returns it whole as dwRet (HRESULT_FROM_WIN32 leaves negative values alone)`);
    out.push(
      `a provider that keeps only the low 16 bits reports dwRet ${shortHex(low16)}, and the WinMain hr becomes ${truncated}: a lossy re-wrap` +
        (lookalike ? ` that reads as ${lookalike.name} but is not` : ''),
    );
  }
  out.push(...ntRelations(v));
  if ((v | 0) < 0) out.push(`in signed decimal it reads ${v | 0}; some logs print it as ${'0x' + (v | 0)}`);
  return out;
}

function lossyNote(low16: number): string | undefined {
  const sources = truncationSources(low16);
  if (sources.length === 0) return undefined;
  const hr = formatCode(hresultFromWin32(low16));
  const listed = sources.map((entry) => `${formatCode(entry.value)} (${entry.name})`);
  if (entryOfKind(low16, 'win32')) {
    return `${hr} can also be a lossy re-wrap of a code with the same low 16 bits: ${listed.join(', ')}; the provider's own error line shows the original`;
  }
  return `${hr} is likely a lossy re-wrap of ${listed.join(' or ')}: the provider's code was cut to its low 16 bits (dwRet ${shortHex(low16)}) and HRESULT_FROM_WIN32 put them in facility 7`;
}

function ntRelations(v: number): string[] {
  const status = ntstatusFromHresult(v);
  if (status !== undefined && entryOfKind(status, 'ntstatus')) {
    return [`${formatCode(v)} = HRESULT_FROM_NT(${formatCode(status)})`];
  }
  if (v !== 0 && entryOfKind(v, 'ntstatus')) {
    return [`as an HRESULT: HRESULT_FROM_NT(${formatCode(v)}) = ${formatCode(hresultFromNt(v))}`];
  }
  return [];
}

/** The value and the forms the same failure takes elsewhere in sysprep's chain. */
function relatives(v: number): Set<number> {
  const low16 = v & 0xffff;
  const out = new Set([v]);
  const win32Known = entryOfKind(low16, 'win32') !== undefined;
  if (isWin32Side(v)) {
    out.add(low16).add(hresultFromWin32(low16));
    // A meaningless 0x8007xxxx is only a truncated foreign code: relate it to that code.
    if (!win32Known) for (const source of truncationSources(low16)) out.add(source.value);
  } else if (isForeignFailure(v) && !win32Known) {
    // With a known Win32 look-alike (0x80080005 -> 5) the truncated form is another error: keep apart.
    out.add(low16).add(hresultFromWin32(low16));
  }
  return out;
}

function rulesMentioning(rules: readonly CodeRule[], codes: ReadonlySet<number>): RuleRef[] {
  const seen = new Set<string>();
  const out: RuleRef[] = [];
  for (const rule of rules) {
    if (seen.has(rule.id) || !rule.codes?.some((code) => codes.has(code >>> 0))) continue;
    seen.add(rule.id);
    out.push({ id: rule.id, title: rule.title, noise: rule.role === 'noise' });
  }
  return [...out.filter((rule) => !rule.noise), ...out.filter((rule) => rule.noise)];
}
