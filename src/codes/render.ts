// Turning an Explanation into text for people and into a plain object for --format json.
import type { CodeInterpretation } from './argument.js';
import type { Explanation } from './explain.js';
import type { HresultFields, NtstatusFields } from './fields.js';
import { formatCode, hresultFromWin32 } from './normalize.js';
import type { CodeKind, TableEntry } from './table.js';

export interface ExplanationJson {
  value: string;
  unsigned: number;
  signed: number;
  hresult: HresultFields;
  ntstatus: NtstatusFields | null;
  known: EntryJson[];
  relations: string[];
  rules: { id: string; title: string; noise: boolean }[];
}

export interface EntryJson {
  value: string;
  decimal: number;
  kind: CodeKind;
  name: string;
  descriptive: boolean;
  meaning: string;
  source: string;
  /** For Win32 codes: HRESULT_FROM_WIN32 of the code, and its own constant when it has one. */
  hresult?: string;
  hresultName?: string;
}

/** `0x3CF2`: the short hex sysprep prints for dwRet. */
export function shortHex(n: number): string {
  return '0x' + (n >>> 0).toString(16).toUpperCase();
}

const LABEL_WIDTH = 11;

/** How the typed code was read: shown first, with the other reading when digits alone are ambiguous. */
export interface CodeReading {
  readonly input: string;
  readonly interpretation: CodeInterpretation;
}

function describeReading({ input, interpretation }: CodeReading): string {
  const text = input.trim();
  if (interpretation === 'decimal' && /^\d+$/.test(text) && text.length <= 8) return `${text}, read as decimal (for hexadecimal, type 0x${text})`;
  if (interpretation === 'hexadecimal' && /^\d+$/.test(text)) return `${text}, read as hexadecimal (8 digits starting with 8: an HRESULT typed without 0x)`;
  return `${text}, read as ${interpretation}`;
}

export function renderExplanationText(e: Explanation, reading?: CodeReading): string {
  const lines: string[] = [];
  const field = (label: string, values: readonly string[]): void => {
    values.forEach((value, i) => lines.push((i === 0 ? label : '').padEnd(LABEL_WIDTH) + value));
  };
  if (reading) field('Input', [describeReading(reading)]);
  field('Code', [e.value]);
  field('Unsigned', [String(e.unsigned)]);
  field('Signed', [String(e.signed)]);
  field('HRESULT', [describeHresult(e)]);
  if (e.ntstatus) field('NTSTATUS', [describeNtstatus(e.ntstatus)]);
  field('Known as', e.known.length ? e.known.flatMap(describeEntry) : ['not in the table']);
  if (e.relations.length) field('Relations', e.relations);
  field(
    'Rules',
    e.rules.length
      ? e.rules.map((rule) => `${rule.id}: ${rule.title}${rule.noise ? ' (noise: benign where it appears, never a root cause)' : ''}`)
      : ['no rule lists this code'],
  );
  return lines.join('\n') + '\n';
}

function describeHresult(e: Explanation): string {
  const h = e.hresult;
  if (e.unsigned > 0 && e.unsigned <= 0xffff) {
    return `not an HRESULT: a bare Win32 code (HRESULT_FROM_WIN32 gives ${formatCode(hresultFromWin32(e.unsigned))})`;
  }
  const facility = h.facilityName ? `facility ${h.facility} ${h.facilityName}` : `facility ${h.facility} (${shortHex(h.facility)}, no Windows name)`;
  const flags = [h.customer ? 'customer bit set' : '', h.ntstatusFlag ? 'N bit set (HRESULT_FROM_NT)' : ''].filter(Boolean);
  return [`${h.severity}, ${facility}, code ${shortHex(h.code)} (${h.code})`, ...flags].join(', ');
}

function describeNtstatus(n: NtstatusFields): string {
  const text = `${n.severity} severity, facility ${shortHex(n.facility)}, code ${shortHex(n.code)}`;
  return n.customer ? `${text}, customer bit set` : text;
}

const KIND_LABELS: Record<Exclude<CodeKind, 'win32'>, string> = {
  hresult: 'HRESULT',
  ntstatus: 'NTSTATUS',
  setup: 'Windows Setup result',
};

function describeEntry(entry: TableEntry): string[] {
  const what =
    entry.kind === 'win32'
      ? `Win32 error ${entry.value} (${shortHex(entry.value)})` + (entry.hresultName ? `; as an HRESULT: ${entry.hresultName}` : '')
      : `${KIND_LABELS[entry.kind]} ${formatCode(entry.value)}`;
  return [`${entry.name} - ${what}`, `  ${entry.meaning}`, `  source: ${entry.source}`];
}

export function explanationToJson(e: Explanation): ExplanationJson {
  return {
    value: e.value,
    unsigned: e.unsigned,
    signed: e.signed,
    hresult: { ...e.hresult },
    ntstatus: e.ntstatus ? { ...e.ntstatus } : null,
    known: e.known.map(entryToJson),
    relations: [...e.relations],
    rules: e.rules.map((rule) => ({ id: rule.id, title: rule.title, noise: rule.noise })),
  };
}

function entryToJson(entry: TableEntry): EntryJson {
  const json: EntryJson = {
    value: formatCode(entry.value),
    decimal: entry.value,
    kind: entry.kind,
    name: entry.name,
    descriptive: entry.descriptive ?? false,
    meaning: entry.meaning,
    source: entry.source,
  };
  if (entry.kind === 'win32' && entry.value !== 0) json.hresult = formatCode(hresultFromWin32(entry.value));
  if (entry.hresultName) json.hresultName = entry.hresultName;
  return json;
}
