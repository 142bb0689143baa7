// Fuzz cases: mutated real-format logs, built deterministically from (seed, case number) so any case
// can be regenerated with `--seed S --case N`. Seeds are every samples/**/setupact.log and setuperr.log.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createZip, type ZipEntryInput } from '../test/zip-writer.js';

// ------------------------------------------------------------------------------------ random

/** sfc32: small, fast, and good enough to drive mutations; seeded from two 32-bit words. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = 0) {
    this.a = 0x9e3779b9;
    this.b = seed >>> 0;
    this.c = stream >>> 0;
    this.d = 1;
    for (let i = 0; i < 15; i++) this.u32();
  }

  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** 0 <= n < max */
  int(max: number): number {
    return max <= 1 ? 0 : Math.floor((this.u32() / 0x100000000) * max);
  }

  range(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.u32() / 0x100000000 < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** A length biased towards small values, sometimes large. */
  size(max: number): number {
    const r = this.int(10);
    if (r < 6) return this.range(0, Math.min(max, 16));
    if (r < 9) return this.range(0, Math.min(max, 512));
    return this.range(0, max);
  }
}

// ------------------------------------------------------------------------------------ seeds

export interface SeedLog {
  /** Path relative to samples/ (keeps the Panther folders that give a role). */
  readonly name: string;
  readonly bytes: Buffer;
  /** The sample folder it belongs to (pairs come from one folder). */
  readonly sample: string;
}

export interface Corpus {
  readonly seeds: readonly SeedLog[];
  /** Every line of every seed, decoded, without terminator. */
  readonly lines: readonly string[];
  /** The message part (after the fixed columns) of the lines that have one. */
  readonly messages: readonly string[];
}

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (/^(setupact|setuperr)\.log$/i.test(entry.name)) out.push(path);
  }
}

export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  return bytes.toString('utf8');
}

export function loadCorpus(samplesDir: string): Corpus {
  const paths: string[] = [];
  walk(samplesDir, paths);
  paths.sort();
  const seeds = paths.map((p) => {
    const name = relative(samplesDir, p).replace(/\\/g, '/');
    return { name, bytes: readFileSync(p), sample: name.split('/')[0]! };
  });
  const lines: string[] = [];
  const messages: string[] = [];
  for (const seed of seeds) {
    for (const line of decodeText(seed.bytes).split(/\r\n|\r|\n/)) {
      if (line.length === 0) continue;
      lines.push(line);
      if (line.length > 50 && line[19] === ',') messages.push(line.slice(50));
    }
  }
  return { seeds, lines, messages };
}

// ------------------------------------------------------------------------------------ vocabulary

const TIMESTAMPS = [
  '2025-06-20 18:05:39', '2025-11-04 14:21:07', '2026-01-12 19:55:07', '0000-00-00 00:00:00', '9999-12-31 23:59:59',
  '2025-13-45 25:61:61', '1601-01-01 00:00:00', '2025-06-20 18:05:3', '<Date> <Time>', '06-20-2025 18:05:39.123',
  '2025-07-18T11:43:44Z: ==> builder: 2025-06-20 18:05:39',
];
const LEVELS = ['Info', 'Warning', 'Error', 'Fatal Error', 'Verbose', 'Debug', 'Unknown', '', 'error', 'INFO'];
const IDS = ['[0x0f004d]', '[0x0F0082]', '[0x0f0070]', '          ', '[0xZZZZZZ]', '[0x]      ', '[0x0f00d7]', '[0x060432]'];
const COMPONENTS = ['SYSPRP', 'IBS', 'PANTHR', 'MOUPG', 'CONX', 'MIG', 'DISM', 'CBS', 'CSI', 'SPPNP', 'SP', '', 'ABCDEFGHIJ', 'TOOL', 'IBSLIB'];
const CODES = [
  '0x80073cf2', '0x80073CF2', '-1073425657', '0x0', '0xFFFFFFFF', '4294967296', '99999999999999999999999', '-0', '0x',
  '0xffffffffffffffffff', 'NaN', '31', '0x8007001f', '0xc004d307', '-2147483648', '0x800F0975', '1e308', '0x-1',
];
const FRAGMENTS = [
  'WinMain:Hit failure while pre-validate sysprep generalize internal providers; hr = ',
  'RunPlatformActions:Failed while validating Sysprep session actions; dwRet = ',
  'ActionPlatform::LaunchModule: Failure occurred while executing \'SysprepGeneralizeValidate\' from C:\\Windows\\System32\\AppxSysprep.dll; dwRet = ',
  'SysprepSession::Validate: Error in validating actions from C:\\Windows\\System32\\Sysprep\\ActionFiles\\Generalize.xml; dwRet = ',
  'Sysprep_Clean_Validate_Opk: There are one or more Windows updates that require a reboot.',
  'LaunchDll:Failure occurred while executing \'DscCore.dll,DscCoreGeneralize\', returned error code ',
  'Package Microsoft.OneDriveSync_25174.907.2.0_neutral__8wekyb3d8bbwe was installed for a user, but not provisioned for all users. This package will not function properly in the sysprep image.',
  '===          Beginning of a new sysprep run          ===',
  '========================================================',
  'Sysprep_Generalize_Validate_BitLocker: BitLocker is on for the OS volume. Turn BitLocker off to run Sysprep. (0x80310039)',
  'FCreateTagFile:Successfully created tag file C:\\Windows\\System32\\Sysprep\\Sysprep_succeeded.tag',
  'Shutting down the system by calling ExitWindowsEx',
  'ParseCommands:Found supported command line option \'GENERALIZE\'',
  'Setup has encountered an unexpected error and cannot continue.',
  'Machine is in an invalid state or we couldn\'t get the state',
  '[setup.exe] ',
  '[windeploy.exe] Process exited with exit code [0x0]',
  '[gle=0x00000012]',
  '[gle=0x',
  'IMAGE_STATE_COMPLETE',
  'Callback_Specialize: Internal Providers Specialize failed, halting setup; hr = ',
  '[8312] [0x80070002] FindFirstFile(C:\\x)',
  '\t  continuation of something',
  '\u00e9\u00e8\u20ac\u2028\u{1f600}\ufffd\ufeff',
  '\u001b[31mred\u001b[0m',
];

/** A fixed-column Panther line from the vocabulary, sometimes with broken columns or extreme codes. */
function pantherLine(rng: Rng, corpus: Corpus): string {
  const ts = rng.chance(0.8) ? rng.pick(TIMESTAMPS.slice(0, 3)) : rng.pick(TIMESTAMPS);
  const level = rng.pick(LEVELS);
  const id = rng.pick(IDS);
  const component = rng.pick(COMPONENTS);
  let message = rng.chance(0.5) && corpus.messages.length > 0 ? rng.pick(corpus.messages) : rng.pick(FRAGMENTS);
  if (message.endsWith('= ') || message.endsWith('code ')) message += rng.pick(CODES);
  if (rng.chance(0.3)) message = mutateNumbers(rng, message);
  if (rng.chance(0.1)) message += rng.pick(FRAGMENTS);
  const sep = rng.chance(0.9) ? ', ' : rng.pick([',', ',\t', ' , ', '']);
  return `${ts}${sep}${level.padEnd(11)}${id} ${component.padEnd(6)} ${message}`;
}

function mutateNumbers(rng: Rng, text: string): string {
  return text.replace(/0x[0-9a-fA-F]+|-?\d{2,}/g, (m) => (rng.chance(0.5) ? rng.pick(CODES) : m));
}

// ------------------------------------------------------------------------------------ line mutations

/** Lines with their terminators, so joining them gives back the bytes. */
function splitKeep(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 10 || b === 13) {
      const end = b === 13 && bytes[i + 1] === 10 ? i + 2 : i + 1;
      out.push(bytes.subarray(start, end));
      start = end;
      i = end - 1;
    }
  }
  if (start < bytes.length) out.push(bytes.subarray(start));
  return out;
}

function terminatorOf(lines: readonly Buffer[]): string {
  const first = lines.find((l) => l.length > 0 && (l[l.length - 1] === 10 || l[l.length - 1] === 13));
  if (!first) return '\r\n';
  if (first[first.length - 1] === 13) return '\r';
  return first.length > 1 && first[first.length - 2] === 13 ? '\r\n' : '\n';
}

function stripTerminator(line: Buffer): Buffer {
  let end = line.length;
  while (end > 0 && (line[end - 1] === 10 || line[end - 1] === 13)) end--;
  return line.subarray(0, end);
}

const SPECIAL_BYTES: readonly number[][] = [
  [0x00], [0xff], [0x1b], [0x1b, 0x5b, 0x33, 0x31, 0x6d], [0xfe, 0xff], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xc3], [0xe2, 0x82],
  [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x0d], [0x0a], [0x0d, 0x0a], [0x09], [0x7f], [0x85], [0xe2, 0x80, 0xa8],
  [0x00, 0x00, 0x00, 0x00], [0xc0, 0x80], [0x0c], [0x0b], [0x08],
];

type Mutator = (rng: Rng, bytes: Buffer, corpus: Corpus) => Buffer;

function randomOffset(rng: Rng, bytes: Buffer): number {
  return rng.int(bytes.length + 1);
}

function longLine(rng: Rng, corpus: Corpus): string {
  const big = rng.chance(0.03);
  const length = big ? rng.range(1024 * 1024 - 8, 1024 * 1024 + 70_000) : rng.pick([300, 299, 301, 1000, 5000, 20_000, 70_000]);
  const kind = rng.int(7);
  let unit: string;
  switch (kind) {
    case 0: unit = 'A'; break;
    case 1: unit = ' '; break;
    case 2: unit = pantherLine(rng, corpus) + ' '; break;
    case 3: unit = rng.pick(['2025-06-20 18:05:39, ', 'Error ', 'Error [0x0f0082] SYSPRP ', '06-20-2025 18:05:39.123 ', '[gle=0x', '[setup.exe] ', 'Fatal Error\t']); break;
    case 4: unit = rng.pick(corpus.lines) + ' '; break;
    case 5: unit = '\t'.repeat(rng.range(1, 5)) + rng.pick(['x', 'Error', '2025']); break;
    default: unit = ' '.repeat(rng.range(1, 200)) + '2025-06-20 18:05:39, Error      SYSPRP x';
  }
  let out = unit.repeat(Math.ceil(length / Math.max(unit.length, 1)));
  out = out.slice(0, length);
  return out;
}

const LINE_MUTATORS: readonly [string, Mutator][] = [
  ['flip-bytes', (rng, bytes) => {
    const out = Buffer.from(bytes);
    if (out.length === 0) return out;
    const n = rng.range(1, 8);
    for (let i = 0; i < n; i++) {
      const at = rng.int(out.length);
      out[at] = rng.chance(0.5) ? out[at]! ^ (1 << rng.int(8)) : rng.int(256);
    }
    return out;
  }],
  ['insert-special', (rng, bytes) => {
    const parts: Buffer[] = [];
    let rest = bytes;
    const n = rng.range(1, 6);
    for (let i = 0; i < n; i++) {
      const at = randomOffset(rng, rest);
      parts.push(rest.subarray(0, at), Buffer.from(rng.pick(SPECIAL_BYTES)));
      rest = rest.subarray(at);
    }
    parts.push(rest);
    return Buffer.concat(parts);
  }],
  ['duplicate-lines', (rng, bytes) => {
    const lines = splitKeep(bytes);
    if (lines.length === 0) return bytes;
    const from = rng.int(lines.length);
    const to = Math.min(lines.length, from + rng.range(1, 12));
    const copies = rng.chance(0.1) ? rng.range(50, 1500) : rng.range(1, 4);
    const block = lines.slice(from, to);
    const repeated: Buffer[] = [];
    for (let i = 0; i < copies; i++) repeated.push(...block);
    return Buffer.concat([...lines.slice(0, to), ...repeated, ...lines.slice(to)]);
  }],
  ['delete-lines', (rng, bytes) => {
    const lines = splitKeep(bytes);
    if (lines.length === 0) return bytes;
    const from = rng.int(lines.length);
    const to = Math.min(lines.length, from + rng.size(lines.length));
    return Buffer.concat([...lines.slice(0, from), ...lines.slice(to)]);
  }],
  ['shuffle-lines', (rng, bytes) => {
    const lines = splitKeep(bytes);
    const from = rng.int(lines.length);
    const to = Math.min(lines.length, from + rng.range(2, rng.chance(0.2) ? lines.length : 20));
    const window = lines.slice(from, to);
    for (let i = window.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [window[i], window[j]] = [window[j]!, window[i]!];
    }
    return Buffer.concat([...lines.slice(0, from), ...window, ...lines.slice(to)]);
  }],
  ['splice', (rng, bytes, corpus) => {
    const other = Buffer.from(decodeText(rng.pick(corpus.seeds).bytes), 'utf8');
    if (rng.chance(0.5)) {
      const a = splitKeep(bytes);
      const b = splitKeep(other);
      return Buffer.concat([...a.slice(0, rng.int(a.length + 1)), ...b.slice(rng.int(b.length + 1))]);
    }
    return Buffer.concat([bytes.subarray(0, randomOffset(rng, bytes)), other.subarray(randomOffset(rng, other))]);
  }],
  ['interleave', (rng, bytes, corpus) => {
    const a = splitKeep(bytes);
    const b = splitKeep(Buffer.from(decodeText(rng.pick(corpus.seeds).bytes), 'utf8'));
    const out: Buffer[] = [];
    while (a.length > 0 || b.length > 0) {
      const from = b.length === 0 || (a.length > 0 && rng.chance(0.5)) ? a : b;
      out.push(from.shift()!);
    }
    return Buffer.concat(out);
  }],
  ['long-line', (rng, bytes, corpus) => {
    const lines = splitKeep(bytes);
    const at = rng.int(lines.length + 1);
    const term = terminatorOf(lines);
    const line = Buffer.from(longLine(rng, corpus) + (rng.chance(0.9) ? term : ''), 'utf8');
    return Buffer.concat([...lines.slice(0, at), line, ...lines.slice(at)]);
  }],
  ['join-lines', (rng, bytes) => {
    const lines = splitKeep(bytes);
    const from = rng.int(lines.length);
    const to = Math.min(lines.length, from + rng.range(2, rng.chance(0.3) ? lines.length : 40));
    const sep = Buffer.from(rng.pick([' ', '', '  ', '\t']));
    const joined: Buffer[] = [];
    for (let i = from; i < to; i++) joined.push(stripTerminator(lines[i]!), sep);
    return Buffer.concat([...lines.slice(0, from), ...joined, Buffer.from('\r\n'), ...lines.slice(to)]);
  }],
  ['line-endings', (rng, bytes) => {
    const lines = splitKeep(bytes).map(stripTerminator);
    const mode = rng.int(5);
    const terms = ['\r\n', '\n', '\r'];
    const parts: Buffer[] = [];
    for (const line of lines) {
      const term = mode < 3 ? terms[mode]! : mode === 3 ? rng.pick(terms) : rng.pick(['\n\r', '\r\r\n', '\r\n\n', '\n']);
      parts.push(line, Buffer.from(term));
    }
    if (rng.chance(0.3) && parts.length > 0) parts.pop();
    return Buffer.concat(parts);
  }],
  ['swap-cr-lf', (_rng, bytes) => {
    const out = Buffer.from(bytes);
    for (let i = 0; i < out.length; i++) if (out[i] === 10) out[i] = 13; else if (out[i] === 13) out[i] = 10;
    return out;
  }],
  ['truncate', (rng, bytes) => bytes.subarray(0, rng.int(bytes.length + 1))],
  ['truncate-head', (rng, bytes) => bytes.subarray(rng.int(bytes.length + 1))],
  ['insert-panther-lines', (rng, bytes, corpus) => {
    const lines = splitKeep(bytes);
    const term = terminatorOf(lines);
    const n = rng.range(1, 30);
    for (let i = 0; i < n; i++) lines.splice(rng.int(lines.length + 1), 0, Buffer.from(pantherLine(rng, corpus) + term, 'utf8'));
    return Buffer.concat(lines);
  }],
  ['insert-corpus-lines', (rng, bytes, corpus) => {
    const lines = splitKeep(bytes);
    const term = terminatorOf(lines);
    const n = rng.range(1, 40);
    for (let i = 0; i < n; i++) lines.splice(rng.int(lines.length + 1), 0, Buffer.from(rng.pick(corpus.lines) + term, 'utf8'));
    return Buffer.concat(lines);
  }],
  ['insert-raw-lines', (rng, bytes) => {
    // header-less lines: foreign WIMGAPI chatter, continuations, blanks, bare fragments
    const lines = splitKeep(bytes);
    const term = terminatorOf(lines);
    const n = rng.range(1, 20);
    for (let i = 0; i < n; i++) {
      const raw = rng.pick([rng.pick(FRAGMENTS), `[${rng.range(1, 99999)}] [0x${rng.u32().toString(16)}] ${rng.pick(FRAGMENTS)}`, '    ' + rng.pick(FRAGMENTS), '', ' \t ', rng.pick(FRAGMENTS) + rng.pick(CODES)]);
      lines.splice(rng.int(lines.length + 1), 0, Buffer.from(raw + term, 'utf8'));
    }
    return Buffer.concat(lines);
  }],
  ['numbers', (rng, bytes) => Buffer.from(mutateNumbers(rng, bytes.toString('utf8')), 'utf8')],
  ['rendering', (rng, bytes) => {
    const text = bytes.toString('utf8');
    const mode = rng.int(7);
    const map = (f: (line: string) => string) => text.split(/(\r\n|\r|\n)/).map((p, i) => (i % 2 === 0 ? f(p) : p)).join('');
    switch (mode) {
      case 0: return Buffer.from(map((l) => l.replace(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\s*/, '')), 'utf8');
      case 1: return Buffer.from(map((l) => l.replace(/[ \t]+/g, ' ').trim()), 'utf8');
      case 2: return Buffer.from(map((l) => `2025-07-18T11:43:44Z: ==> hyperv-iso: ${l}`), 'utf8');
      case 3: return Buffer.from(map((l) => (rng.chance(0.3) ? '    ' + l : l)), 'utf8');
      case 4: return Buffer.from(map((l) => l.replace(/^(\d{4})-(\d{2})-(\d{2}) (\d{2}:\d{2}:\d{2}), \S+\s+(?:\[0x(\w{6})\])?\s*(\w+)\s+/, (_m, y, mo, d, t, id, c) => `${mo}-${d}-${y} ${t}.000 ${c} ${id ? `983152 (0x${id}) ` : ''}`)), 'utf8');
      case 5: return Buffer.from(map((l) => (rng.chance(0.5) ? l.toUpperCase() : l.toLowerCase())), 'utf8');
      default: return Buffer.from(map((l) => l.replace(/ /g, () => (rng.chance(0.2) ? '\t' : ' '))), 'utf8');
    }
  }],
];

// ------------------------------------------------------------------------------------ encodings

const ENCODINGS = ['keep', 'utf-8', 'utf-8-bom', 'utf-16le-bom', 'utf-16le', 'utf-16be-bom', 'latin1-bytes'] as const;

function encode(text: string, encoding: (typeof ENCODINGS)[number]): Buffer {
  switch (encoding) {
    case 'utf-8-bom': return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le-bom': return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf-16le': return Buffer.from(text, 'utf16le');
    case 'utf-16be-bom': return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    case 'latin1-bytes': return Buffer.from(text, 'latin1');
    default: return Buffer.from(text, 'utf8');
  }
}

// ------------------------------------------------------------------------------------ cases

export type Container = 'file' | 'dir' | 'zip' | 'stdin';

export interface CaseFile {
  /** Relative path (folders give the role). */
  readonly name: string;
  readonly bytes: Buffer;
}

export interface FuzzCase {
  readonly index: number;
  readonly container: Container;
  /** For `file`/`stdin`: one file; for `dir`: the folder's files; for `zip`: the entries (zipBytes holds the archive). */
  readonly files: readonly CaseFile[];
  readonly zipBytes?: Buffer;
  /** Options after the input path (`--format json`, ...). */
  readonly args: readonly string[];
  readonly format: 'json' | 'text' | 'md' | 'html' | 'ndjson';
  readonly quiet: boolean;
  readonly mutations: readonly string[];
  readonly seeds: readonly string[];
}

const PANTHER_DIRS = ['', 'Windows/System32/Sysprep/Panther/', 'Windows/Panther/', 'Windows/Panther/UnattendGC/', '$WINDOWS.~BT/Sources/Panther/', '$WINDOWS.~BT/Sources/Rollback/', 'ticket/'];

function mutateLog(rng: Rng, seed: SeedLog, corpus: Corpus, applied: string[]): Buffer {
  const original = seed.bytes;
  let bytes: Buffer = Buffer.from(decodeText(original), 'utf8');
  const wasUtf16 = original[0] === 0xff && original[1] === 0xfe;
  const count = rng.chance(0.1) ? 0 : rng.range(1, rng.chance(0.2) ? 8 : 4);
  for (let i = 0; i < count; i++) {
    const [name, mutate] = rng.pick(LINE_MUTATORS);
    bytes = mutate(rng, bytes, corpus);
    applied.push(name);
  }
  let encoding: (typeof ENCODINGS)[number] = rng.chance(0.7) ? 'keep' : rng.pick(ENCODINGS);
  if (encoding === 'keep') encoding = wasUtf16 ? 'utf-16le-bom' : original[0] === 0xef ? 'utf-8-bom' : 'utf-8';
  else applied.push(`encode:${encoding}`);
  let out = encoding === 'utf-8' ? bytes : encode(bytes.toString('utf8'), encoding);
  // byte damage after encoding: a UTF-16 file cut at an odd byte, NULs in a UTF-8 file, ...
  if (rng.chance(0.15)) {
    const [name, mutate] = rng.pick(LINE_MUTATORS.filter(([n]) => ['flip-bytes', 'insert-special', 'truncate', 'truncate-head', 'swap-cr-lf'].includes(n)));
    out = mutate(rng, out, corpus);
    applied.push(`post:${name}`);
  }
  return out;
}

function zipEntries(rng: Rng, files: readonly CaseFile[], applied: string[]): ZipEntryInput[] {
  const method = (): 'store' | 'deflate' => (rng.chance(0.5) ? 'deflate' : 'store');
  const entries: ZipEntryInput[] = files.map((f) => ({ name: f.name, data: f.bytes, method: method() }));
  if (rng.chance(0.15)) {
    const extra = rng.pick([
      { name: 'Windows/', data: Buffer.alloc(0) },
      { name: '../evil/setupact.log', data: files[0]?.bytes ?? Buffer.alloc(0) },
      { name: 'C:\\Windows\\Panther\\setupact.log', data: files[0]?.bytes ?? Buffer.alloc(0) },
      { name: '/abs/setuperr.log', data: Buffer.from('x\r\n') },
      { name: 'readme.txt', data: Buffer.from('not a log\n') },
      { name: 'empty/setupact.log', data: Buffer.alloc(0) },
      { name: 'nested.zip', data: createZip([{ name: 'setupact.log', data: files[0]?.bytes ?? Buffer.alloc(0) }]) },
      { name: `${'d/'.repeat(100)}setupact.log`, data: files[0]?.bytes ?? Buffer.alloc(0) },
      { name: 'dup/setupact.log', data: Buffer.from('a\r\n') },
      { name: 'dup/setupact.log', data: Buffer.from('b\r\n') },
    ]);
    entries.splice(rng.int(entries.length + 1), 0, { ...extra, method: method() });
    applied.push(`zip-extra:${extra.name.slice(0, 40)}`);
  }
  if (rng.chance(0.08) && entries.length > 0) {
    const i = rng.int(entries.length);
    entries[i] = { ...entries[i]!, badCrc: true };
    applied.push('zip-bad-crc');
  }
  if (rng.chance(0.05) && entries.length > 0) {
    const i = rng.int(entries.length);
    entries[i] = { ...entries[i]!, declaredSize: rng.pick([0, 1, entries[i]!.data.length + 1, 0xffffffff]) };
    applied.push('zip-lie-size');
  }
  return entries;
}

export function generateCase(seed: number, index: number, corpus: Corpus, childRun: boolean): FuzzCase {
  const rng = new Rng(seed, index);
  const applied: string[] = [];
  const seedsUsed: string[] = [];
  // the base: one log, a setupact/setuperr pair of one sample, or files of several samples
  let chosen: SeedLog[];
  const shape = rng.int(10);
  if (shape < 7) chosen = [rng.pick(corpus.seeds)];
  else if (shape < 9) {
    const sample = rng.pick(corpus.seeds).sample;
    chosen = corpus.seeds.filter((s) => s.sample === sample);
  } else chosen = Array.from({ length: rng.range(2, 4) }, () => rng.pick(corpus.seeds));

  let container: Container = rng.pick<Container>(['file', 'file', 'file', 'file', 'file', 'dir', 'dir', 'zip', 'zip', 'zip', 'zip']);
  if (chosen.length > 1 && container === 'file') container = rng.chance(0.5) ? 'dir' : 'zip';
  const toStdin = rng.chance(0.25); // drawn always, so a case is the same bytes in-process and as a child
  if (childRun && container === 'file' && toStdin) container = 'stdin';

  const used = new Set<string>();
  const files: CaseFile[] = chosen.map((s) => {
    seedsUsed.push(`samples/${s.name}`);
    const bytes = mutateLog(rng, s, corpus, applied);
    const base = s.name.split('/').pop()!;
    const keepDirs = rng.chance(0.6);
    let name = keepDirs ? s.name.split('/').slice(1).join('/') : rng.pick(PANTHER_DIRS) + (rng.chance(0.8) ? base : rng.pick(['excerpt.log', 'SetupAct.LOG', 'setuperr.txt', 'log with spaces.log']));
    if (container === 'dir' && !/(^|\/)(setupact|setuperr)\.log$/i.test(name)) name = name.replace(/[^/]*$/, base);
    let unique = name;
    for (let n = 2; used.has(unique.toLowerCase()); n++) unique = name.replace(/([^/]*)$/, `copy${n}/$1`);
    used.add(unique.toLowerCase());
    return { name: unique, bytes };
  });

  let zipBytes: Buffer | undefined;
  if (container === 'zip') {
    zipBytes = createZip(zipEntries(rng, files, applied));
    if (rng.chance(0.06)) {
      zipBytes = Buffer.from(zipBytes);
      for (let i = rng.range(1, 4); i > 0; i--) zipBytes[rng.int(zipBytes.length)] = rng.int(256);
      applied.push('zip-damaged');
    }
    if (rng.chance(0.03)) {
      zipBytes = zipBytes.subarray(0, rng.int(zipBytes.length));
      applied.push('zip-truncated');
    }
  }

  const formatRoll = rng.int(100);
  const format = formatRoll < 60 ? 'json' : formatRoll < 72 ? 'text' : formatRoll < 82 ? 'md' : formatRoll < 92 ? 'html' : 'ndjson';
  const args: string[] = ['--format', format];
  if (rng.chance(0.15)) args.push('--redact');
  const runRoll = rng.int(100);
  if (runRoll < 8) args.push('--run', 'last');
  else if (runRoll < 12) args.push('--run', String(rng.int(3)));
  else if (runRoll < 15) args.push('--run', 'all');
  const quiet = rng.chance(0.03);
  if (quiet) args.push('-q');
  if (rng.chance(0.05)) args.push('--no-color');
  return { index, container, files, ...(zipBytes ? { zipBytes } : {}), args, format, quiet, mutations: applied, seeds: seedsUsed };
}
