// Metamorphic variants of a log bundle: the renderings a real log takes on its way into a ticket.
// Each variant maps a bundle (files with bytes) to a new bundle; the diagnosis must not change.
import { decodeWindows1252 } from '../src/decode/line-decoder.js';

export interface BundleFile {
  /** Relative path inside the bundle (`setupact.log`, `UnattendGC/setupact.log`). */
  readonly name: string;
  readonly bytes: Buffer;
}

export interface Variant {
  readonly name: string;
  /** What must stay equal: everything, or (for an errors-only log, which cannot show success) the root cause. */
  readonly keepsVerdict: boolean;
  readonly apply: (files: readonly BundleFile[]) => BundleFile[];
  /**
   * Whether the bundle has what the variant changes (timestamps to strip, more than one line to join...),
   * judged independently of `apply`: where it is true, `apply` must change the bytes.
   */
  readonly appliesTo: (files: readonly BundleFile[]) => boolean;
}

// A timestamp column: a real one, or the `<Date> <Time>` placeholder of documentation (escaped `\<Date\>` in Markdown).
const TIMESTAMP = /^(\s*)(?:\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}|\\?<Date\\?> \\?<Time\\?>),[ \t]*/;
const CMTRACE_STAMP = /^(\s*)\d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2}\.\d{3} /;
// The level column, after a timestamp (or its placeholder) or at the start of a line that has none.
const LEVEL_COLUMN = /^(\s*(?:(?:\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}|\\?<Date\\?> \\?<Time\\?>),[ \t]*)?)(?:Fatal Error|Error|Warning|Info)(?=[ \t])[ \t]*/;
/** A level-led line without a timestamp: `Error [0x0f0082] SYSPRP msg`, `Error [Shell Unattend] msg`. */
const LEVEL_HEADER = /^\s*(?:Fatal Error|Error|Warning|Info)[ \t]+(?:\[0x([0-9a-fA-F]{6})\][ \t]*)?(.*)$/;
/** The fixed stamp a CMTrace rendering gets when no file of the bundle has a timestamp (it adds no time information). */
const NO_TIME_STAMP = '01-01-2000 00:00:00.000';
const HEADER = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}:\d{2}:\d{2}),[ \t]*(?:Fatal Error|Error|Warning|Info)?[ \t]*(?:\[0x([0-9a-fA-F]{6})\][ \t]*)?(.*)$/;
const COMPONENT = /^(SYSPRP|SP|IBSLIB|IBS|PANTHR|MOUPG|CONX|MIG|DISM|CBS|CSI|DIAG|UI|TOOL|CMI|DPX|DU)[ \t]+(.*)$/;
const ERROR_LINE = /(^|[ ,])(?:Fatal Error|Error)[ \t]/;

function decode(bytes: Buffer): { text: string; bom: boolean; crlf: boolean } {
  let text: string;
  let bom = false;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = bytes.subarray(2).toString('utf16le');
  else if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    bom = true;
    text = bytes.subarray(3).toString('utf8');
  } else text = bytes.toString('utf8');
  if (text.includes('\uFFFD')) text = decodeWindows1252(bytes);
  return { text, bom, crlf: text.includes('\r\n') };
}

function linesOf(bytes: Buffer): { lines: string[]; crlf: boolean } {
  const { text, crlf } = decode(bytes);
  const lines = text.split(/\r\n|\n|\r/);
  if (lines[lines.length - 1] === '') lines.pop();
  return { lines, crlf };
}

function encode(lines: readonly string[], eol: string): Buffer {
  return Buffer.from(lines.map((l) => l + eol).join(''), 'utf8');
}

function mapLines(fn: (line: string) => string | undefined): Variant['apply'] {
  return (files) =>
    files.map((f) => {
      const { lines, crlf } = linesOf(f.bytes);
      const out = lines.map(fn).filter((l): l is string => l !== undefined);
      return { name: f.name, bytes: encode(out, crlf ? '\r\n' : '\n') };
    });
}

function cmtraceLine(stamp: string, id: string | undefined, rest: string): string {
  const c = COMPONENT.exec(rest);
  const component = c ? c[1] : '';
  const message = c ? c[2] : rest.trimStart();
  const idText = id ? `${parseInt(id, 16)} (0x${parseInt(id, 16).toString(16)}) ` : '';
  return `${stamp} ${component ? component + ' ' : ''}${idText}${message}`;
}

/**
 * `2024-03-07 22:26:20, Error [0x0f00a8] SYSPRP msg` → `03-07-2024 22:26:20.000 SYSPRP 983208 (0xf00a8) msg`;
 * in a bundle without any timestamp, `Error [0x0f00a8] SYSPRP msg` → `01-01-2000 00:00:00.000 SYSPRP 983208 (0xf00a8) msg`.
 */
function toCmtrace(timeless: boolean): (line: string) => string {
  return (line) => {
    const m = HEADER.exec(line);
    if (m) {
      const [, y, mo, d, time, id, rest] = m;
      return cmtraceLine(`${mo}-${d}-${y} ${time}.000`, id, rest!);
    }
    const bare = timeless ? LEVEL_HEADER.exec(line.replace(TIMESTAMP, '')) : null;
    return bare ? cmtraceLine(NO_TIME_STAMP, bare[1], bare[2]!) : line;
  };
}

function allLines(files: readonly BundleFile[]): string[] {
  return files.flatMap((f) => linesOf(f.bytes).lines);
}

function hasTimestamp(files: readonly BundleFile[]): boolean {
  return allLines(files).some((l) => /^\s*\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}|^\s*\d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2}\.\d{3} /.test(l));
}

function someLine(pattern: RegExp): (files: readonly BundleFile[]) => boolean {
  return (files) => allLines(files).some((l) => pattern.test(l));
}

function errorsOnly(files: readonly BundleFile[]): BundleFile[] {
  const folder = (name: string) => name.slice(0, name.lastIndexOf('/') + 1);
  const hasAct = new Set(files.filter((f) => /setupact\.log$/i.test(f.name)).map((f) => folder(f.name)));
  const out: BundleFile[] = [];
  for (const f of files) {
    const isErr = /setuperr\.log$/i.test(f.name);
    if (isErr && hasAct.has(folder(f.name))) continue; // the errors of setupact replace it
    const { lines, crlf } = linesOf(f.bytes);
    const levelled = lines.some((l) => /(^|[ ,])(?:Info|Warning|Error)[ \t]/.test(l.slice(0, 60)));
    // a rendering without a level column (CMTrace) cannot be filtered: its setuperr.log is the whole file
    const errors = !levelled ? lines : lines.filter((l) => ERROR_LINE.test(l.slice(0, 60)) || (!/^\s*\d{4}-|^\s*\d{2}-\d{2}-\d{4}/.test(l) && /\bError\b/.test(l.slice(0, 30))));
    const name = /setupact\.log$/i.test(f.name) ? f.name.replace(/setupact\.log$/i, 'setuperr.log') : f.name;
    out.push({ name, bytes: encode(errors, crlf ? '\r\n' : '\n') });
  }
  return out;
}

export const VARIANTS: readonly Variant[] = [
  {
    name: 'timestamps stripped',
    keepsVerdict: true,
    apply: mapLines((l) => l.replace(TIMESTAMP, '$1').replace(CMTRACE_STAMP, '$1')),
    appliesTo: someLine(/^\s*(?:\d{4}-\d{2}-\d{2} |\d{2}-\d{2}-\d{4} |\\?<Date)/),
  },
  {
    name: 'level stripped',
    keepsVerdict: true,
    apply: mapLines((l) => l.replace(LEVEL_COLUMN, '$1')),
    appliesTo: someLine(/^\s*(?:\S+ \S+,[ \t]*)?(?:Fatal Error|Error|Warning|Info)[ \t]/),
  },
  {
    name: 'whitespace collapsed',
    keepsVerdict: true,
    apply: mapLines((l) => l.replace(/[ \t]+/g, ' ').trim()),
    appliesTo: someLine(/[ \t]{2}|\t|^[ \t]|[ \t]$/),
  },
  { name: 'pipeline prefix', keepsVerdict: true, apply: mapLines((l) => `2025-07-18T11:43:44Z: ==> hyperv-iso: ${l}`), appliesTo: () => true },
  {
    name: 'CRLF/LF swapped',
    keepsVerdict: true,
    apply: (files) => files.map((f) => {
      const { lines, crlf } = linesOf(f.bytes);
      return { name: f.name, bytes: encode(lines, crlf ? '\n' : '\r\n') };
    }),
    appliesTo: () => true,
  },
  {
    name: 'UTF-16LE with BOM',
    keepsVerdict: true,
    apply: (files) => files.map((f) => ({ name: f.name, bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(decode(f.bytes).text, 'utf16le')]) })),
    appliesTo: () => true,
  },
  {
    name: 'UTF-16LE without BOM',
    keepsVerdict: true,
    apply: (files) => files.map((f) => ({ name: f.name, bytes: Buffer.from(decode(f.bytes).text, 'utf16le') })),
    appliesTo: () => true,
  },
  {
    name: 'CMTrace re-rendering',
    keepsVerdict: true,
    apply: (files) => mapLines(toCmtrace(!hasTimestamp(files)))(files),
    appliesTo: someLine(/^\s*(?:\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},|(?:\\?<Date\\?> \\?<Time\\?>,\s*)?(?:Fatal Error|Error|Warning|Info)[ \t])/),
  },
  {
    name: 'error lines alone (setuperr.log)',
    keepsVerdict: false,
    apply: errorsOnly,
    // something to drop: a setupact.log to turn into errors, or a line that is not an error
    appliesTo: (files) => files.some((f) => /setupact\.log$/i.test(f.name)) || allLines(files).some((l) => !ERROR_LINE.test(l.slice(0, 60))),
  },
  {
    name: 'joined into one line',
    keepsVerdict: true,
    apply: (files) => files.map((f) => ({ name: f.name, bytes: Buffer.from(linesOf(f.bytes).lines.map((l) => l.trim()).join(' '), 'utf8') })),
    appliesTo: (files) => files.some((f) => linesOf(f.bytes).lines.length > 1),
  },
];
