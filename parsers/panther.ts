// The Panther line grammar (panther-format.md §3): fixed columns first, a tolerant parse for the
// real variants people paste (collapsed whitespace, no timestamp, no level, placeholder timestamps,
// CMTrace re-rendering, pipeline prefixes, indentation), then continuation / foreign / blank lines.
import type { Level, LogEvent } from '../src/types.js';

/** Component tags accepted when whitespace is collapsed and the fixed columns are gone (§3.1, §3.5). */
const COMPONENTS = 'SYSPRP|SP|IBSLIB|IBS|PANTHR|MOUPG|CONX|MIG|DISM|CBS|CSI|DIAG|UI|TOOL|CMI|DPX|DU|SPPNP|MUI';
const LEVELS = 'Fatal Error|Error|Warning|Info|Verbose|Debug';
const KNOWN_LEVELS: ReadonlySet<string> = new Set(['Info', 'Warning', 'Error', 'Fatal Error']);

const TIMESTAMP_HEADER = new RegExp(
  String.raw`^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}),[ \t]*` +
    String.raw`(?:(${LEVELS})(?=[ \t]|$)[ \t]*)?(?:\[(0x[0-9A-Fa-f]{6})\][ \t]*)?(.*)$`,
);
const PLACEHOLDER_HEADER = new RegExp(
  String.raw`^(?:\\?<Date\\?>[ \t]+\\?<Time\\?>|Date/Time|<timestamp>)[ \t]*,[ \t]*` +
    String.raw`(?:(${LEVELS})(?=[ \t]|$)[ \t]*)?(?:\[(0x[0-9A-Fa-f]{6})\][ \t]*)?(.*)$`,
  'i',
);
const CMTRACE_HEADER = new RegExp(
  String.raw`^(\d{2})-(\d{2})-(\d{4}) (\d{2}:\d{2}:\d{2})\.\d{3} (${COMPONENTS}|[A-Z]{2,6}) (?:\d+ \((0x[0-9a-fA-F]+)\) )?(.*)$`,
);
const LEVEL_FIRST_HEADER = new RegExp(
  String.raw`^(${LEVELS})[ \t]+(?:\[(0x[0-9A-Fa-f]{6})\][ \t]*)?` +
    String.raw`((?:(?:${COMPONENTS})[ \t]|\[[^\]]{2,40}\][ \t]).*)$`,
);
const COMPONENT_PREFIX = new RegExp(String.raw`^(${COMPONENTS})(?:[ \t]+|$)`);
const FOREIGN = /^\[\d+\] \[/;
/** Where a pasted line carries a pipeline prefix (`2025-07-18T11:43:44Z: ==> builder: `) before the header. */
const EMBEDDED_TIMESTAMP = /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},[ \t]/;
/** Record starts inside one physical line, as when a web page joins a whole log into one line. */
const JOINED_RECORD_START = new RegExp(
  // the lookahead comes first only because it fails faster: both assertions hold at the same position
  String.raw`(?=\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},[ \t]|\d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2}\.\d{3} |(?:${LEVELS})[ \t]+(?:\[0x[0-9A-Fa-f]{6}\][ \t]+)?(?:(?:${COMPONENTS})[ \t]|\[[A-Za-z][^\]\[]{1,39}\][ \t]))(?<=\S[ \t]+)`,
  'g',
);
/** Lines shorter than this are never split into joined records. */
export const JOINED_MIN_LENGTH = 300;

interface Header {
  timestamp?: string;
  level?: Level;
  messageId?: string;
  component?: string;
  process?: string;
  message: string;
}

function levelOf(word: string | undefined): Level | undefined {
  if (word === undefined) return undefined;
  return KNOWN_LEVELS.has(word) ? (word as Level) : 'Unknown';
}

/**
 * The level column (21-31) of a fixed-column line; undefined unless it is a known level. Columns are
 * compared as short slices with `===`: in V8 that is about twice as fast as `startsWith` or a loop of
 * `charCodeAt` (each goes through the string's representation once per character).
 */
function fixedLevel(text: string): Level | undefined {
  const column = text.slice(21, 32);
  if (column === 'Info       ') return 'Info';
  if (column === 'Warning    ') return 'Warning';
  if (column === 'Error      ') return 'Error';
  if (column === 'Fatal Error') return 'Fatal Error';
  const level = levelOf(column.trimEnd()); // other padding (tabs, ...)
  return level === 'Unknown' ? undefined : level;
}

/**
 * The 19-character timestamp that starts `text`. Consecutive records mostly share it: the previous
 * one is reused. A new one is a view of `text` when `asView` (a short line that is a string of its
 * own: the view keeps no more than the line alive, and costs a tenth of a copy), else a copy made of
 * two short ones, so that the string kept by runs and phases (`startedAt`, `endedAt`) never pins a
 * long line or a whole decoded chunk (perf-baseline §5).
 */
let lastTimestamp = '';
function leadingTimestamp(text: string, asView: boolean): string {
  // consecutive timestamps differ at their end (the seconds): look there first
  let view: string | undefined;
  if (text.charCodeAt(18) === lastTimestamp.charCodeAt(18) && text.charCodeAt(17) === lastTimestamp.charCodeAt(17)) {
    view = text.slice(0, 19);
    if (view === lastTimestamp) return lastTimestamp;
  }
  lastTimestamp = asView ? (view ?? text.slice(0, 19)) : text.slice(0, 10) + text.slice(10, 19);
  return lastTimestamp;
}

/** A physical line up to this long lends its timestamp as a view (`leadingTimestamp`). */
const TIMESTAMP_VIEW_MAX_LINE = 256;

const BLANK_MESSAGE_ID = ' '.repeat(10);
/** The component column (43-48) as last read, and what it gave (null: not a component): consecutive records mostly share it. */
let lastComponentColumn = '';
let lastComponent: string | null = null;

/** What `readFixedColumns` found (valid after it returned true). */
const fixed = { level: 'Info' as Level, messageId: undefined as string | undefined, component: '' };

/**
 * The fixed-column fast path: offsets 19/21/32/42/43/49/50 of §3.1. On success, the level, message id
 * and component are in `fixed`; the timestamp is `leadingTimestamp` and the message starts at 50.
 */
function readFixedColumns(text: string): boolean {
  if (text.length < 50) return false;
  if (text.charCodeAt(19) !== 44 /* , */ || text.charCodeAt(20) !== 32 || text.charCodeAt(4) !== 45 /* - */) return false;
  if (text.charCodeAt(10) !== 32 || text.charCodeAt(13) !== 58 /* : */ || text.charCodeAt(42) !== 32 || text.charCodeAt(49) !== 32) {
    return false;
  }
  const level = fixedLevel(text);
  if (level === undefined) return false;
  let messageId: string | undefined;
  if (text.charCodeAt(32) === 91 /* [ */) {
    if (text.charCodeAt(41) !== 93) return false;
    messageId = text.slice(33, 41).toLowerCase();
  } else if (text.slice(32, 42) !== BLANK_MESSAGE_ID) {
    return false;
  }
  const column = text.slice(43, 49);
  if (column !== lastComponentColumn) {
    lastComponentColumn = column;
    const component = column.trimEnd();
    // a blank component column with message text starting at 43 would read as a component: reject, use the tolerant parse
    lastComponent = component.includes(' ') ? null : component;
  }
  if (lastComponent === null) return false;
  fixed.level = level;
  fixed.messageId = messageId;
  fixed.component = lastComponent;
  return true;
}

function parseFixedColumns(text: string): Header | undefined {
  if (!readFixedColumns(text)) return undefined;
  const header: Header = { timestamp: leadingTimestamp(text, false), level: fixed.level, message: text.slice(50) };
  if (fixed.messageId !== undefined) header.messageId = fixed.messageId;
  if (fixed.component !== '') header.component = fixed.component;
  return header;
}

/** Splits `rest` (text after timestamp/level/id) into component, process tag and message. */
function splitComponent(header: Header, rest: string): Header {
  const c = COMPONENT_PREFIX.exec(rest);
  if (c) {
    header.component = c[1]!;
    rest = rest.slice(c[0].length);
  }
  header.message = rest;
  return header;
}

/** A header from its optional parts; the component is cut from the front of `rest`. */
function headerFrom(timestamp: string | undefined, levelWord: string | undefined, id: string | undefined, rest: string): Header {
  const header: Header = { message: '' };
  if (timestamp) header.timestamp = timestamp;
  const level = levelOf(levelWord);
  if (level) header.level = level;
  if (id) header.messageId = id.toLowerCase();
  return splitComponent(header, rest);
}

function parseTolerant(text: string): Header | undefined {
  let m = TIMESTAMP_HEADER.exec(text);
  if (m) return headerFrom(m[1], m[2], m[3], m[4]!);
  m = CMTRACE_HEADER.exec(text);
  if (m) {
    const header: Header = { timestamp: `${m[3]}-${m[1]}-${m[2]} ${m[4]}`, component: m[5]!, message: m[7]! };
    if (m[6]) header.messageId = '0x' + m[6].slice(2).toLowerCase().padStart(6, '0');
    return header;
  }
  m = PLACEHOLDER_HEADER.exec(text);
  if (m) return headerFrom(undefined, m[1], m[2], m[3]!);
  m = LEVEL_FIRST_HEADER.exec(text);
  if (m) return headerFrom(undefined, m[1], m[2], m[3]!);
  return undefined;
}

/**
 * The process tag that starts a message (`[setupugc.exe] ...`): 2 to 40 characters but brackets, in
 * brackets, then a space or tab (`/^\[([^\]\[]{2,40})\][ \t]/`), read without a regex (no match array:
 * many records carry one). The last one read is reused.
 */
let lastProcessTag = '';
function processTagOf(message: string): string | undefined {
  if (message.charCodeAt(0) !== 91 /* [ */) return undefined;
  const close = message.indexOf(']', 1);
  if (close < 3 || close > 41) return undefined;
  const after = message.charCodeAt(close + 1);
  if ((after !== 32 && after !== 9) || message.lastIndexOf('[', close) !== 0) return undefined;
  if (lastProcessTag.length !== close - 1 || !message.startsWith(lastProcessTag, 1)) lastProcessTag = message.slice(1, close);
  return lastProcessTag;
}

function withProcessTag(header: Header): Header {
  const process = processTagOf(header.message);
  if (process !== undefined) header.process = process;
  return header;
}

function headerOf(text: string): Header | undefined {
  const fixed = parseFixedColumns(text);
  if (fixed) return withProcessTag(fixed);
  const trimmed = text.trimStart();
  const tolerant = parseTolerant(trimmed);
  if (tolerant) return withProcessTag(tolerant);
  const at = EMBEDDED_TIMESTAMP.exec(trimmed);
  if (at && at.index > 0) {
    const prefixed = parseTolerant(trimmed.slice(at.index));
    if (prefixed) return withProcessTag(prefixed);
  }
  return undefined;
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

function eventFrom(header: Header, source: number, line: number, text: string, truncated: boolean): LogEvent {
  const event: LogEvent = { source, line, kind: 'record', text, ...header };
  if (truncated) (event as { truncated?: boolean }).truncated = true;
  return event;
}

/**
 * `eventFrom(withProcessTag(parseFixedColumns(text)))` after `readFixedColumns(text)` succeeded, without
 * the intermediate header. Every property is there from the start (undefined when absent), so that
 * all the events of the fast path share one shape and the code that reads them stays monomorphic.
 */
function fixedEvent(source: number, line: number, text: string, truncated: boolean): LogEvent {
  const message = text.slice(50);
  return {
    source,
    line,
    kind: 'record',
    text,
    // a physical line: a string of its own (line-decoder.ts), except a line cut from an over-long one, never short
    timestamp: leadingTimestamp(text, text.length <= TIMESTAMP_VIEW_MAX_LINE),
    level: fixed.level,
    messageId: fixed.messageId,
    component: fixed.component === '' ? undefined : fixed.component,
    process: processTagOf(message),
    message,
    truncated: truncated ? true : undefined,
    run: undefined,
    phase: undefined,
  };
}

/**
 * Turns one physical line into its event(s). Almost always one; a physical line that holds several
 * joined records (a log pasted through a web page) yields one record event per embedded header,
 * all with the same line number.
 */
export function parseLine(text: string, source: number, line: number, truncated = false): LogEvent[] {
  if (text.length >= JOINED_MIN_LENGTH) {
    const parts = splitJoinedRecords(text);
    if (parts.length > 1) {
      return parts.map((part) => {
        const header = headerOf(part);
        return header ? eventFrom(header, source, line, part, truncated) : rawEvent(part, source, line, truncated);
      });
    }
  }
  if (readFixedColumns(text)) return [fixedEvent(source, line, text, truncated)];
  const header = headerOf(text);
  if (header) return [eventFrom(header, source, line, text, truncated)];
  if (isBlank(text)) return [{ source, line, kind: 'blank', message: '', text }];
  const first = text.charCodeAt(0);
  if (first === 32 || first === 9) {
    const message = text.trim();
    return [{ source, line, kind: 'continuation', message, text, ...(truncated ? { truncated } : {}) }];
  }
  if (FOREIGN.test(text)) return [{ source, line, kind: 'foreign', message: text, text }];
  return [rawEvent(text, source, line, truncated)];
}

function rawEvent(text: string, source: number, line: number, truncated: boolean): LogEvent {
  const event: LogEvent = { source, line, kind: 'record', message: text.trim(), text };
  const process = processTagOf(event.message);
  if (process !== undefined) (event as { process?: string }).process = process;
  if (truncated) (event as { truncated?: boolean }).truncated = true;
  return event;
}

function splitJoinedRecords(text: string): string[] {
  JOINED_RECORD_START.lastIndex = 0;
  const starts: number[] = [];
  for (let m = JOINED_RECORD_START.exec(text); m; m = JOINED_RECORD_START.exec(text)) {
    // the level right after a record's own timestamp (`..:30, Error  [setup.exe]`) is not a new record
    if (!/(?:\d{2}:\d{2}:\d{2}(?:\.\d{3})?,?|>)$/.test(text.slice(Math.max(0, m.index - 40), m.index).trimEnd())) starts.push(m.index);
    if (m[0].length === 0) JOINED_RECORD_START.lastIndex++;
  }
  if (starts.length === 0) return [text];
  const parts: string[] = [];
  let from = 0;
  for (const start of starts) {
    const part = text.slice(from, start).trim();
    if (part) parts.push(part);
    from = start;
  }
  parts.push(text.slice(from).trim());
  return parts;
}

const GLE_SUFFIX = /\[gle=0x[0-9a-fA-F]+\]\s*$/;

/** The message without a trailing `[gle=0x........]` (the stale last-error, which no rule reads). */
export function withoutGle(message: string): string {
  if (!message.includes('[gle=')) return message; // the usual case, without a regex
  const m = GLE_SUFFIX.exec(message);
  return m ? message.slice(0, m.index) : message;
}
