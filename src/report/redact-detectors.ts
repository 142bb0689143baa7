// Where identifiers sit in log text. Each detector is a regular expression plus a check that throws
// out look-alikes: version numbers are not IPv4 addresses, `SysprepSession::Validate` is not IPv6,
// `HKLM\SOFTWARE` is not DOMAIN\user, `spopk.dll` is not a domain, well-known SIDs and accounts stay.

export type IdentifierKind = 'COMPUTER' | 'USER' | 'DOMAIN' | 'SID' | 'EMAIL' | 'IP' | 'KEY';

/** A stretch of text to replace: `value` is the identifier as written. */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly kind: IdentifierKind;
  readonly value: string;
}

/** Text that is already a placeholder is never redacted again (re-redacting a redacted report). */
export const PLACEHOLDER = /^(?:COMPUTER|USER|DOMAIN|SID|EMAIL|IP|KEY)-\d+$/;

/** Accounts and folders every Windows machine has: diagnosis, not identity. */
const WELL_KNOWN_USERS = new Set([
  'public', 'default', 'default user', 'all users', 'administrator', 'guest', 'system', 'local service',
  'network service', 'defaultaccount', 'wdagutilityaccount', 'trustedinstaller',
]);
const DEFAULT_USER_N = /^defaultuser\d+$/i;

/** Upper-case words followed by a backslash that are hives, authorities or device enumerators, not domains. */
const NOT_DOMAINS = new Set([
  'HKLM', 'HKCU', 'HKCR', 'HKU', 'HKCC', 'SYSTEM', 'SOFTWARE', 'SAM', 'SECURITY', 'HARDWARE', 'COMPONENTS',
  'DRIVERS', 'DEFAULT', 'BCD00000000', 'AUTHORITY', 'BUILTIN', 'SERVICE', 'APPPOOL', 'WORKGROUP', 'ROOT', 'PCI',
  'USB', 'USBSTOR', 'ACPI', 'HID', 'SWD', 'SW', 'STORAGE', 'SCSI', 'IDE', 'HDAUDIO', 'DISPLAY', 'MONITOR', 'UMB',
  'BTH', 'BTHENUM', 'HTREE', 'VMBUS', 'GLOBALROOT', 'DEVICE', 'WINDOWS', 'SYSTEM32', 'PANTHER', 'SYSPREP',
]);

/** Trailing parts that make `WORD\token` a relative file path rather than an account. */
const FILE_EXTENSION = /\.(?:log|dll|exe|sys|xml|inf|cat|mui|dat|etl|txt|cmd|ps1|bat|ini|msi|cab|wim|tag|que|dir|reg|json)$/i;

/** Names that fill a `ComputerName =` or `UserName =` slot without naming anything. */
const NOT_NAMES = new Set(['localhost', 'null', 'none', 'unknown', 'true', 'false', 'default', 'empty', 'not']);

/** A value in a name slot that is a number or a result code (`user: 0x80073cf2`). */
function isNumber(value: string): boolean {
  return /^(?:0x[0-9a-f]+|\d+)$/i.test(value);
}

/** Top-level domains taken as a sign of a host or domain name; file extensions are not among them. */
const TLDS = new Set([
  'com', 'net', 'org', 'edu', 'gov', 'mil', 'int', 'io', 'biz', 'info', 'co', 'uk', 'us', 'de', 'fr', 'eu', 'ca',
  'au', 'nl', 'ch', 'se', 'jp', 'local', 'corp', 'lan', 'internal', 'intra', 'intranet', 'home', 'ad',
]);

/** Public vendor domains that appear in logs and name nobody. */
const PUBLIC_DOMAINS = [
  'microsoft.com', 'windows.com', 'windowsupdate.com', 'live.com', 'msftncsi.com', 'msftconnecttest.com',
  'office.com', 'azure.com', 'windows.net', 'msedge.net', 'bing.com', 'digicert.com', 'github.com',
];

/** NetBIOS names Windows generates: `WIN-8F3KQ2M1ABC`, `DESKTOP-4J2K9LQ`. */
const GENERATED_COMPUTER = /^(?:WIN|DESKTOP|LAPTOP)-[A-Z0-9]{6,15}$/;

interface Detector {
  /** A cheap test that must pass before `pattern` runs: most log lines hold no identifier at all. */
  readonly hint?: RegExp;
  /** Global, with indices (`d`); the identifier is the named group `v` unless `spans` says otherwise. */
  readonly pattern: RegExp;
  readonly spans: (m: RegExpExecArray, text: string) => Span[];
}

function group(m: RegExpExecArray, name: string, kind: IdentifierKind): Span | null {
  const at = m.indices?.groups?.[name];
  const value = m.groups?.[name];
  if (!at || value === undefined || PLACEHOLDER.test(value)) return null;
  return { start: at[0], end: at[1], kind, value };
}

function only(span: Span | null): Span[] {
  return span ? [span] : [];
}

/** `start..start+length` of `value`, as a span. */
function spanAt(start: number, value: string, kind: IdentifierKind): Span[] {
  return PLACEHOLDER.test(value) ? [] : [{ start, end: start + value.length, kind, value }];
}

function isWellKnownUser(name: string): boolean {
  const lower = name.toLowerCase();
  return WELL_KNOWN_USERS.has(lower) || DEFAULT_USER_N.test(name);
}

/**
 * A profile folder name with spaces looks like a person's name (`John Doe`): at most three
 * capitalized words. `jdoe HKLM` or `Public HKEY_USERS` is a name followed by more text.
 */
function isProfileName(segment: string): boolean {
  if (!segment.includes(' ') || isWellKnownUser(segment)) return true;
  const words = segment.split(' ');
  return words.length <= 3 && !isWellKnownUser(words[0]!) && words.every((w) => /^[\p{Lu}\d][\p{L}\d.'-]*$/u.test(w));
}

/** `jdoe.CONTOSO`: Windows adds the domain (or computer) to a profile folder when the plain name is taken. */
function profileSpans(start: number, name: string): Span[] {
  const suffixed = /^(.+)\.([A-Z][A-Z0-9-]{0,14})$/.exec(name);
  if (!suffixed) return spanAt(start, name, 'USER');
  const [, user, suffix] = suffixed as unknown as [string, string, string];
  const suffixKind: IdentifierKind = GENERATED_COMPUTER.test(suffix) ? 'COMPUTER' : 'DOMAIN';
  return [...spanAt(start, user, 'USER'), ...spanAt(start + user.length + 1, suffix, suffixKind)];
}

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const HEX = '[0-9a-f]{1,4}';

const DETECTORS: readonly Detector[] = [
  {
    hint: /@/,
    pattern: /(?<![\w.%+-])(?<v>[A-Za-z0-9][A-Za-z0-9._%+-]*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,})(?![\w-])/dg,
    spans: (m) => only(group(m, 'v', 'EMAIL')),
  },
  {
    // Machine and domain SIDs only; S-1-5-18 and other well-known SIDs are part of the diagnosis.
    pattern: /(?<![\w-])(?<v>S-1-5-21-\d+-\d+-\d+(?:-\d+)?)(?![\w-])/dgi,
    spans: (m) => only(group(m, 'v', 'SID')),
  },
  {
    hint: /[A-Z0-9]{5}-[A-Z0-9]{5}-/,
    pattern: /(?<![\w-])(?<v>[A-Z0-9]{5}(?:-[A-Z0-9]{5}){4})(?![\w-])/dg,
    spans: (m) => only(group(m, 'v', 'KEY')),
  },
  {
    // Exactly four octets, not inside a longer dotted number (`10.0.19041.1`) or a package name (`_1.0.0.0_`).
    pattern: new RegExp(`(?<![\\w.])(?<v>(?:${OCTET}\\.){3}${OCTET})(?!\\w|\\.\\d)`, 'dg'),
    spans: (m, text) => {
      const value = m.groups!.v!;
      if (/^(?:0\.0\.0\.0|127\.|255\.)/.test(value)) return [];
      if (/\b(?:version|ver|v|build)\s*[:=]?\s*$/i.test(text.slice(Math.max(0, m.index - 16), m.index))) return [];
      return only(group(m, 'v', 'IP'));
    },
  },
  {
    // Full or `::`-compressed; C++ scopes (`Session::Validate`) fail the boundaries, times have no `::`.
    hint: /::|(?:[0-9a-f]{1,4}:){7}/i,
    pattern: new RegExp(`(?<![\\w:.])(?<v>(?:${HEX}:){7}${HEX}|(?:${HEX}(?::${HEX}){0,6})?::(?:${HEX}(?::${HEX}){0,6})?)(?![\\w:]|\\.\\d)`, 'dgi'),
    spans: (m) => {
      const groups = m.groups!.v!.split(':').filter((g) => g !== '');
      return groups.length >= 2 && groups.length <= 8 ? only(group(m, 'v', 'IP')) : [];
    },
  },
  {
    // `C:\Users\<name>\`: the name only, the path stays readable.
    // A folder name may hold spaces but neither starts nor ends with one; `\\` after it starts a UNC path.
    hint: /\\(?:Users|Documents and Settings)\\/i,
    pattern: /(?:\b[A-Za-z]:|\b[A-Za-z]\$|%SystemDrive%)\\(?:Users|Documents and Settings)\\(?<v>[^\\/:*?"<>|\s](?:[^\\/:*?"<>|\r\n]{0,62}[^\\/:*?"<>|\s])?(?=\\(?!\\))|[^\\/:*?"<>|\s,;'()[\]]{1,64})/dgi,
    spans: (m) => {
      const at = m.indices!.groups!.v!;
      let name = m.groups!.v!;
      // The path ended before the next backslash: keep the first word only.
      if (!isProfileName(name)) name = (/^[^\s,;()[\]]+/.exec(name)?.[0] ?? '').replace(/\.+$/, '');
      if (name === '' || isWellKnownUser(name) || /[%$<>{}]/.test(name)) return [];
      return profileSpans(at[0], name);
    },
  },
  {
    // DOMAIN\user: an upper-case NetBIOS word, a backslash, an account token, and nothing path-like around.
    hint: /[A-Z0-9]\\[A-Za-z0-9]/,
    // `~` excludes `C:\$WINDOWS.~BT\Sources`: the upgrade working folder, not BT\Sources.
    pattern: /(?<![\\\w.:$%&~-])(?<d>[A-Z][A-Z0-9-]{1,14})\\(?<u>[A-Za-z0-9][\w.-]{0,19})(?![\\\w-])/dg,
    spans: (m) => {
      const domain = m.groups!.d!;
      const user = m.groups!.u!.replace(/\.+$/, '');
      if (NOT_DOMAINS.has(domain) || FILE_EXTENSION.test(user) || isWellKnownUser(user)) return [];
      const at = m.indices!.groups!.u![0];
      return [...only(group(m, 'd', 'DOMAIN')), ...spanAt(at, user, 'USER')];
    },
  },
  {
    hint: /name/i,
    pattern: /\b(?:computer|machine|host)[ _]?name\b\s*(?:=|:|\bis\b|\[)\s*["'[]?\s*(?<v>[A-Za-z0-9][A-Za-z0-9-]{0,62})(?![\w-])/dgi,
    spans: (m) => {
      const value = m.groups!.v!;
      // A bare lower-case word after "is" is prose ("ComputerName is set to"), not a name.
      if (!/[A-Z0-9]/.test(value) || isNumber(value) || NOT_NAMES.has(value.toLowerCase())) return [];
      return only(group(m, 'v', 'COMPUTER'));
    },
  },
  {
    hint: /name/i,
    pattern: /\b(?:user|account)[ _]?name\b\s*(?:=|:|\[)\s*["'[]?(?<v>[A-Za-z0-9][\w.-]{0,19})(?![\\\w-])/dgi,
    spans: (m) => {
      const value = m.groups!.v!.replace(/\.+$/, '');
      if (isWellKnownUser(value) || isNumber(value) || NOT_NAMES.has(value.toLowerCase())) return [];
      return spanAt(m.indices!.groups!.v![0], value, 'USER');
    },
  },
  {
    pattern: /(?<![\w-])(?<v>(?:WIN|DESKTOP|LAPTOP)-[A-Z0-9]{6,15})(?![\w-])/dg,
    spans: (m) => only(group(m, 'v', 'COMPUTER')),
  },
  {
    // `\\server\share`, where a path starts: `HKLM\SOFTWARE\\System` (a doubled separator) is no UNC path.
    hint: /\\\\/,
    pattern: /(?<=(?:^|[^\\\w$.~%-])\\\\)(?<v>[A-Za-z0-9][A-Za-z0-9-]{0,14})(?=\\)/dg,
    spans: (m) => (NOT_NAMES.has(m.groups!.v!.toLowerCase()) ? [] : only(group(m, 'v', 'COMPUTER'))),
  },
  {
    hint: new RegExp(`\\.(?:${[...TLDS].join('|')})(?![\\w-])`, 'i'),
    pattern: /(?<![\w.@-])(?<v>(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24})(?![\w-]|\.\w)/dg,
    spans: (m) => {
      const value = m.groups!.v!;
      const labels = value.split('.');
      const tld = labels[labels.length - 1]!;
      // `corp.contoso.com` or `CORP.CONTOSO.COM`, but not `Microsoft.NET` or `ASP.NET`.
      const shaped = tld === tld.toLowerCase() || (value === value.toUpperCase() && labels.length >= 3);
      if (!TLDS.has(tld.toLowerCase()) || !shaped) return [];
      const lower = value.toLowerCase();
      if (PUBLIC_DOMAINS.some((d) => lower === d || lower.endsWith(`.${d}`))) return [];
      const host = labels[0]!;
      if (labels.length >= 3 && GENERATED_COMPUTER.test(host.toUpperCase())) {
        return [...spanAt(m.index, host, 'COMPUTER'), ...spanAt(m.index + host.length + 1, value.slice(host.length + 1), 'DOMAIN')];
      }
      return only(group(m, 'v', 'DOMAIN'));
    },
  },
];

/** Every identifier the patterns find in `text`, overlapping spans included. */
export function detectIdentifiers(text: string): Span[] {
  const spans: Span[] = [];
  for (const detector of DETECTORS) {
    if (detector.hint && !detector.hint.test(text)) continue;
    for (const m of text.matchAll(detector.pattern)) spans.push(...detector.spans(m as RegExpExecArray, text));
  }
  return spans;
}

/** Non-overlapping spans, left to right; where spans overlap, the one starting first (then the longest) wins. */
export function resolveOverlaps(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  let end = 0;
  for (const span of sorted) {
    if (span.start < end || span.end <= span.start) continue;
    out.push(span);
    end = span.end;
  }
  return out;
}
