// Deterministic synthetic Panther log generator for `npm run bench`.
//
//   node dist/bench/generate-log.js SIZE [-o FILE] [--utf16] [--seed N] [--no-bom] [--stats]
//
// The output imitates the files sysprep-doctor reads (panther-format.md §3-§8): a sequence of
// Windows Setup sessions (first boot in %WINDIR%\Panther, a down-level upgrade in $Windows.~BT,
// UnattendGC / OOBE) and sysprep runs (banner, options, pre-validation, providers, then success or
// one of the real failure cascades of signatures.md §2.1), written in the fixed-column grammar with
// CRLF line endings. Roughly 97 % Info, 2.2 % Warning, 0.5 % Error lines; ~0.2 % long lines
// (2-4 KB); ~0.3 % continuation lines (35-space indent); ~0.2 % lines carrying a non-ASCII user name.
//
// Same SIZE + seed + encoding => byte-identical output; a larger SIZE with the same seed starts with
// the same bytes (only about the last 0.5 MiB differ). The total size is exact: the last line is padded
// or cut. Memory stays constant: the output is produced as ~1 MiB Buffers.

import { createWriteStream } from 'node:fs';
import { pathToFileURL } from 'node:url';

export interface GenerateOptions {
  /** Exact total size in bytes, BOM included. Must be even for UTF-16LE. */
  readonly bytes: number;
  /** PRNG seed (any integer); default 1. */
  readonly seed?: number;
  /** Default `utf-8`. */
  readonly encoding?: 'utf-8' | 'utf-16le';
  /** Write a byte-order mark (EF BB BF / FF FE) like the real files do. Default true. */
  readonly bom?: boolean;
  /** Filled in while generating (counts of what was written). */
  readonly stats?: GeneratorStats;
}

export interface GeneratorStats {
  lines: number;
  info: number;
  warning: number;
  error: number;
  continuation: number;
  long: number;
  nonAscii: number;
  sysprepRuns: number;
  failedRuns: number;
  setupSessions: number;
}

export function newStats(): GeneratorStats {
  return { lines: 0, info: 0, warning: 0, error: 0, continuation: 0, long: 0, nonAscii: 0, sysprepRuns: 0, failedRuns: 0, setupSessions: 0 };
}

/** Size of the Buffers yielded (a chunk ends on a line boundary just past this size). */
export const CHUNK_BYTES = 1 << 20;

// ------------------------------------------------------------------------------------ PRNG
// xoshiro128** seeded through splitmix32: tiny, fast with Math.imul, period 2^128 - 1.

class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = (seed >>> 0) ^ Math.floor(seed / 0x100000000);
    const next = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** Uniform uint32. */
  u32(): number {
    const r = Math.imul(rotl(Math.imul(this.b, 5), 7), 9);
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return r >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Uniform integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  pick<T>(arr: readonly T[]): T {
    return arr[this.int(arr.length)] as T;
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  /** `digits` random lower-case hex digits (at most 8 per call to the generator). */
  hex(digits: number): string {
    let s = '';
    while (s.length < digits) {
      const x = this.u32();
      s += HEX2[x >>> 24]! + HEX2[(x >>> 16) & 255]! + HEX2[(x >>> 8) & 255]! + HEX2[x & 255]!;
    }
    return s.length === digits ? s : s.slice(0, digits);
  }

  guid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

const HEX2: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function base64ish(r: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += B64.charAt(r.u32() & 63);
  return s;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

// ------------------------------------------------------------------------------------ headers
// A header is everything between the timestamp and the message: ", " + level/11 + id/10 + " " + comp/6 + " ".

/** 0 Info, 1 Warning, 2 Error. */
type Lv = 0 | 1 | 2;
const Lv = { Info: 0, Warning: 1, Error: 2 } as const;

interface Hdr {
  readonly s: string;
  readonly lv: Lv;
  /** Timestamp + header, cached for the second it was built for (one string node less per line). */
  pre: string;
  preAt: number;
}

const LEVEL_NAMES = ['Info', 'Warning', 'Error'] as const;

function hdr(lv: Lv, id: string | null, comp: string): Hdr {
  const s = ', ' + LEVEL_NAMES[lv].padEnd(11) + (id === null ? ' '.repeat(10) : `[0x${id}]`) + ' ' + comp.padEnd(6) + ' ';
  if (s.length !== 31) throw new Error(`bad header for ${comp}`);
  return { s, lv, pre: '', preAt: -1 };
}

const I = {
  SYSPRP: hdr(Lv.Info, null, 'SYSPRP'),
  none: hdr(Lv.Info, null, ''),
  IBS: hdr(Lv.Info, null, 'IBS'),
  IBSLIB: hdr(Lv.Info, null, 'IBSLIB'),
  PANTHR: hdr(Lv.Info, null, 'PANTHR'),
  SP: hdr(Lv.Info, null, 'SP'),
  MOUPG: hdr(Lv.Info, null, 'MOUPG'),
  CONX: hdr(Lv.Info, null, 'CONX'),
  MIG: hdr(Lv.Info, null, 'MIG'),
  CBS: hdr(Lv.Info, null, 'CBS'),
  CSI: hdr(Lv.Info, null, 'CSI'),
  DISM: hdr(Lv.Info, null, 'DISM'),
  DPX: hdr(Lv.Info, null, 'DPX'),
  TOOL: hdr(Lv.Info, null, 'TOOL'),
  UI: hdr(Lv.Info, null, 'UI'),
  banner: hdr(Lv.Info, '0f004d', 'SYSPRP'),
  logInit: hdr(Lv.Info, '0f004e', 'SYSPRP'),
  privileges: hdr(Lv.Info, '0f0054', 'SYSPRP'),
  version: hdr(Lv.Info, '0f0056', 'SYSPRP'),
  option: hdr(Lv.Info, '0f005f', 'SYSPRP'),
  modeSet: hdr(Lv.Info, '0f00b7', 'SYSPRP'),
  modeDel: hdr(Lv.Info, '0f00b8', 'SYSPRP'),
  tagDel: hdr(Lv.Info, '0f007c', 'SYSPRP'),
  tagNone: hdr(Lv.Info, '0f007e', 'SYSPRP'),
  prevalidate: hdr(Lv.Info, '0f00d7', 'SYSPRP'),
  session: hdr(Lv.Info, '0f00ba', 'SYSPRP'),
  actionList: hdr(Lv.Info, '0f00bd', 'SYSPRP'),
  found: hdr(Lv.Info, '0f0080', 'SYSPRP'),
  executed: hdr(Lv.Info, '0f0081', 'SYSPRP'),
  deleteValue: hdr(Lv.Info, '0f00c6', 'SYSPRP'),
  external: hdr(Lv.Info, '0f00ac', 'SYSPRP'),
  registryDlls: hdr(Lv.Info, '0f006c', 'SYSPRP'),
  shutdownLog: hdr(Lv.Info, '0f0052', 'SYSPRP'),
  phase: hdr(Lv.Info, '0601c2', 'IBS'),
  installPath: hdr(Lv.Info, '0601c1', 'IBS'),
  phaseStart: hdr(Lv.Info, '0601ce', 'IBS'),
  phaseDone: hdr(Lv.Info, '0601dc', 'IBS'),
  build: hdr(Lv.Info, '0601d0', 'IBS'),
  worker: hdr(Lv.Info, '0601a4', 'IBS'),
  bbOpen: hdr(Lv.Info, '090008', 'PANTHR'),
  bbClose: hdr(Lv.Info, '090009', 'PANTHR'),
  bbCreate: hdr(Lv.Info, '064042', 'IBSLIB'),
  migUnit: hdr(Lv.Info, '0802c6', 'MIG'),
  diag: hdr(Lv.Info, '070035', 'DIAG'),
  bcdOk: hdr(Lv.Info, '0e00b4', 'TOOL'),
};
const W = {
  SYSPRP: hdr(Lv.Warning, null, 'SYSPRP'),
  none: hdr(Lv.Warning, null, ''),
  IBS: hdr(Lv.Warning, null, 'IBS'),
  IBSLIB: hdr(Lv.Warning, null, 'IBSLIB'),
  SP: hdr(Lv.Warning, null, 'SP'),
  MIG: hdr(Lv.Warning, null, 'MIG'),
  CBS: hdr(Lv.Warning, null, 'CBS'),
  CONX: hdr(Lv.Warning, null, 'CONX'),
  TOOL: hdr(Lv.Warning, null, 'TOOL'),
  MOUPG: hdr(Lv.Warning, null, 'MOUPG'),
};
const E = {
  SYSPRP: hdr(Lv.Error, null, 'SYSPRP'),
  none: hdr(Lv.Error, null, ''),
  IBS: hdr(Lv.Error, null, 'IBS'),
  SP: hdr(Lv.Error, null, 'SP'),
  MIG: hdr(Lv.Error, null, 'MIG'),
  CSI: hdr(Lv.Error, null, 'CSI'),
  MOUPG: hdr(Lv.Error, null, 'MOUPG'),
  bcd: hdr(Lv.Error, '0e00b8', 'TOOL'),
  moduleFail: hdr(Lv.Error, '0f0082', 'SYSPRP'),
  halting: hdr(Lv.Error, '0f0070', 'SYSPRP'),
  invalidState: hdr(Lv.Error, '0f0073', 'SYSPRP'),
  provider: hdr(Lv.Error, '0f00b0', 'SYSPRP'),
  winmainInternal: hdr(Lv.Error, '0f00a8', 'SYSPRP'),
  winmainExternal: hdr(Lv.Error, '0f00ae', 'SYSPRP'),
  winmainPre: hdr(Lv.Error, '0f00d8', 'SYSPRP'),
  unattend: hdr(Lv.Error, '060432', 'IBS'),
};

const CONT = ' '.repeat(35);
const TWO: readonly string[] = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

// ------------------------------------------------------------------------------------ vocabulary

const USERS_ASCII = ['Administrator', 'builder', 'jsmith', 'a.kowalski', 'svc_packer', 'labadmin', 'mchen', 'r.oliveira', 'defaultuser0', 'kiosk'];
const USERS_NONASCII = ['Jürgen', 'Zoë.Müller', 'Søren', 'José.Peña', 'Łukasz', 'François', 'Ólafur', 'Dvořák', 'Çağrı', 'Jörg.Weiß', '田中.太郎', 'Ана'];
const BUILDS = ['10.0.17763.7009', '10.0.19045.5854', '10.0.20348.3453', '10.0.22631.5189', '10.0.26100.4061', '10.0.26100.2894'];
const PACKAGES = [
  'Package_for_RollupFix~31bf3856ad364e35~amd64~~26100.4061.1.7',
  'Package_for_ServicingStack_4061~31bf3856ad364e35~amd64~~26100.4061.1.2',
  'Microsoft-Windows-NetFx3-OnDemand-Package~31bf3856ad364e35~amd64~~10.0.26100.1',
  'Microsoft-Windows-LanguageFeatures-Basic-de-de-Package~31bf3856ad364e35~amd64~~10.0.26100.1',
  'OpenSSH-Client-Package~31bf3856ad364e35~amd64~~10.0.26100.1',
  'Microsoft-Windows-Hyper-V-Guest-Integration-Package~31bf3856ad364e35~amd64~~10.0.26100.1',
  'Microsoft-OneCore-DirectX-Database-FOD-Package~31bf3856ad364e35~amd64~~10.0.26100.3915',
  'Microsoft-Windows-Printing-PMCPPC-FoD-Package~31bf3856ad364e35~amd64~~10.0.26100.1',
];
const COMPONENTS = [
  'Microsoft-Windows-Shell-Setup', 'Microsoft-Windows-International-Core', 'Microsoft-Windows-TerminalServices-LocalSessionManager',
  'Microsoft-Windows-Deployment', 'Microsoft-Windows-UnattendedJoin', 'Microsoft-Windows-TCPIP', 'Microsoft-Windows-Security-SPP-UX',
  'Microsoft-Windows-SecureStartup-FilterDriver', 'Microsoft-Windows-ErrorReportingCore', 'Microsoft-Windows-IE-InternetExplorer',
];
const MIG_UNITS = [
  '<System>\\Microsoft-Windows-Crypto (CMI)', '<System>\\Microsoft-Windows-Networking-Connections (CMI)', '<System>\\Microsoft-Windows-Printing-Spooler-Core (CMI)',
  '<System>\\Microsoft-Windows-TerminalServices-RDP-WinStationExtensions (CMI)', '<System>\\Microsoft-Windows-Audio-AudioCore (CMI)',
  '<System>\\Microsoft-Windows-Shell-Sounds (CMI)', '<System>\\Microsoft-Windows-Time-Service (CMI)', '<System>\\Microsoft-Windows-BITS-Client (CMI)',
];
const DEVICES = [
  'PCI\\VEN_8086&DEV_15BC&SUBSYS_08B61028&REV_10\\3&11583659&0&FE', 'ACPI\\PNP0A03\\0', 'ROOT\\BasicRender\\0000', 'ROOT\\VMBUS\\0000',
  'SWD\\MMDEVAPI\\{0.0.0.00000000}.{3e1b9c1c-8f41-4b1f-9a71-2a3bd2d4b6c8}', 'USB\\VID_0BDA&PID_8153\\000001000000', 'HDAUDIO\\FUNC_01&VEN_10EC&DEV_0257&SUBSYS_10280A20',
  'PCI\\VEN_1AF4&DEV_1041&SUBSYS_11001AF4&REV_01\\3&267a616a&0&18', 'STORAGE\\Volume\\{9c2f3b0e-0000-0000-0000-100000000000}#0000000008100000',
];
const APPX = [
  'Microsoft.OneDriveSync_25174.907.2.0_neutral__8wekyb3d8bbwe', 'Microsoft.WindowsTerminal_1.22.10352.0_x64__8wekyb3d8bbwe',
  'Microsoft.BingSearch_1.1.33.0_x64__8wekyb3d8bbwe', 'Microsoft.Copilot_1.25044.93.0_x64__8wekyb3d8bbwe',
  'Fabrikam.FieldCapture_4.3.118.0_x64__q7k2m0v9x3tze', 'Contoso.Whiteboard_2.4.118.0_x64__4m8qz1e0r6v2t',
];
const KBS = ['KB5055523', 'KB5058411', 'KB5060842', 'KB5062553', 'KB5063878', 'KB5065426', 'KB5043080', 'KB5054979'];

// Providers executed in a sysprep run: [component, entry, dll].
type Provider = readonly [string, string, string];
const CLEANUP_PROVIDERS: readonly Provider[] = [
  ['Microsoft-Windows-Sysprep-SpOpk', 'Sysprep_Clean_Opk', 'C:\\Windows\\System32\\spopk.dll'],
  ['Microsoft-Windows-PnpSysprep', 'Sysprep_Clean_Pnp', 'C:\\Windows\\System32\\sppnp.dll'],
  ['Microsoft-Windows-WinRE-RecoveryAgent', 'WinRE_Cleanup', 'C:\\Windows\\System32\\Reagent.dll'],
  ['Microsoft-Windows-Cryptography', 'CryptoSysPrep_Clean', 'C:\\Windows\\System32\\capisp.dll'],
];
const GENERALIZE_PROVIDERS: readonly Provider[] = [
  ['Microsoft-Windows-AppX-Sysprep', 'SysprepGeneralize', 'C:\\Windows\\System32\\AppxSysprep.dll'],
  ['Microsoft-Windows-PnpSysprep', 'Sysprep_Generalize_Pnp', 'C:\\Windows\\System32\\sppnp.dll'],
  ['Microsoft-Windows-Cryptography', 'CryptoSysPrep_Generalize', 'C:\\Windows\\System32\\capisp.dll'],
  ['Microsoft-Windows-Security-SPP', 'SLReArmWindows', 'C:\\Windows\\System32\\slc.dll'],
  ['Microsoft-Windows-Sysprep-SpBcd', 'Sysprep_Generalize_Bcd', 'C:\\Windows\\System32\\spbcd.dll'],
  ['Microsoft-Windows-WinRE-RecoveryAgent', 'WinRE_Generalize', 'C:\\Windows\\System32\\Reagent.dll'],
];
const SPECIALIZE_PROVIDERS: readonly Provider[] = [
  ['Microsoft-Windows-Sysprep-SpOpk', 'Sysprep_Specialize_Opk', 'C:\\Windows\\System32\\spopk.dll'],
  ['Microsoft-Windows-PnpSysprep', 'Sysprep_Specialize_Pnp', 'C:\\Windows\\System32\\sppnp.dll'],
  ['Microsoft-Windows-Security-Security Configuration Engine Client', 'SceSysPrep', 'C:\\Windows\\System32\\scecli.dll'],
  ['Microsoft-Windows-Cryptography', 'CryptoSysPrep_Specialize', 'C:\\Windows\\System32\\capisp.dll'],
  ['Microsoft-Windows-Sysprep-SpBcd', 'Sysprep_Specialize_Bcd', 'C:\\Windows\\System32\\spbcd.dll'],
  ['Microsoft-Windows-WinRE-RecoveryAgent', 'WinRE_Specialize', 'C:\\Windows\\System32\\Reagent.dll'],
];
const EXTERNAL_PROVIDERS = [
  'C:\\Program Files\\Contoso\\Agent\\ContosoSysprep.dll,SysprepProviderEntryPoint',
  'C:\\Program Files\\Fabrikam\\Backup Agent\\FbkSysprep.dll,SysprepCleanup',
  'DscCore.dll,SysPrep_Cleanup',
];

const HKSP = 'HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Setup\\Sysprep';
const ATP = 'HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows Advanced Threat Protection';
const AF = 'C:\\Windows\\System32\\Sysprep\\ActionFiles\\';
const TAG = 'C:\\Windows\\System32\\Sysprep\\Sysprep_succeeded.tag';
const RULE = '========================================================';

// Benign warnings and errors (signatures.md §4 and their neighbours), sprinkled into sessions.
const NOISE_WARNINGS: readonly (readonly [Hdr, string])[] = [
  [W.none, 'SPGetFootprintCapabilities: Footprint [Footprint.Hardware] incomplete; the platform capability will not be available'],
  [W.SP, 'CSetupPlatform::Initialize: Failed to initialize tracing'],
  [W.IBS, 'GetSystemPartitionPath: Unable to find DOS drive path for system partition'],
  [W.IBS, 'Callback_SystemRestore: Failed to set System Restore state. GLE is [126]'],
  [W.IBS, 'ModifyBootEntriesLegacy: Could not update the boot entry description; This is non-fatal, continuing setup. dwRetCode[0x1F]'],
  [W.TOOL, 'SpecializeBcdStore: The /detecthal switch could not be removed because it was not found.'],
  [W.SYSPRP, 'Ignoring folder Deleted because could not convert to family name'],
  [W.SYSPRP, 'WinMain: File operations pending'],
  [W.SYSPRP, 'Recovery file not found at C:\\Windows\\System32\\Recovery\\ReCustomization.xml'],
  [W.CBS, 'Failed to get next element [HRESULT = 0x800f080d - CBS_E_MANIFEST_INVALID_ITEM]'],
  [W.MIG, 'COutOfProcPluginFactory::Create: CoCreateInstance failed; hr = 0x80080005, continuing'],
  [W.CONX, 'Device [] has no IDs'],
  [W.IBSLIB, 'Failure to delete C:\\pagefile.sys. Error: 0x00000020'],
  [W.MOUPG, 'DlpTask: Dynamic update search failed; continuing without updates. hr = 0x8024402C'],
];
const NOISE_ERRORS: readonly (readonly [Hdr, string])[] = [
  [E.SYSPRP, 'MRTGeneralize:98 - ERROR: Failed ConnectServer hr=2147749902'],
  [E.SYSPRP, 'MRTGeneralize:98 - ERROR: Failed DeleteInstance hr=2147749904'],
  [E.SYSPRP, 'setupdigetclassdevs failed with error 0'],
  [E.SYSPRP, 'Error 0x-2147417850: Failed to re-enable Compat-Gentel custom trigger'],
  [E.SYSPRP, 'SPPNP: Failed to queue enumerated driver packages. Err = 0x57'],
  [E.bcd, 'BCD: BiUpdateEfiEntry failed c000000d'],
  [E.bcd, 'BCD: Failed to export alterations to firmware. Status: c000000d'],
  [E.none, '[windeploy.exe] CFirstUXWnd::OpenExisting failed with error 80070490'],
  [E.none, '[setup.exe] winreFindOemWinRe failed: 0x2'],
  [E.IBS, '[SetupCl library] Required profile hive does not exist: [\\Device\\HarddiskVolume3\\Users\\Default\\NTUSER.DAT]'],
  [E.SP, 'Failed to merge telemetry file: C:\\$WINDOWS.~BT\\Sources\\Panther\\setupmem.etl. hr = 0X80070057'],
];

// ------------------------------------------------------------------------------------ generator core

const BATCH_CHARS = 16 * 1024; // lines are concatenated into strings of about this size, then encoded into the chunk (small strings flatten fast)
const SLACK = 3 * (BATCH_CHARS + 8 * 1024) + 4096; // room for one batch past the chunk size (3 bytes per UTF-16 unit worst case)
const TAIL_ZONE = 512 * 1024; // switch to exact line-by-line accounting this close to the end
const MIN_HEADER_CHARS = 50; // timestamp + header, before the message

class Writer {
  private readonly rng: Rng;
  private readonly enc: 'utf8' | 'utf16le';
  private readonly unit: number;
  private readonly total: number;
  readonly stats: GeneratorStats;

  /** Buffers ready to be handed out. */
  readonly ready: Buffer[] = [];
  private buf: Buffer;
  private off = 0;
  /** Bytes in `ready` plus `off` plus the BOM. */
  private committed = 0;
  private batch = '';
  private tail = false;
  done = false;

  // clock
  private clock: number;
  private tsFor = -1;
  private ts = '';
  private dayFor = -1;
  private datePart = '';
  private slashDate = '';

  constructor(opts: { rng: Rng; enc: 'utf8' | 'utf16le'; total: number; bom: Buffer; stats: GeneratorStats; start: number }) {
    this.rng = opts.rng;
    this.enc = opts.enc;
    this.unit = opts.enc === 'utf16le' ? 2 : 1;
    this.total = opts.total;
    this.stats = opts.stats;
    this.clock = opts.start;
    this.buf = Buffer.allocUnsafe(CHUNK_BYTES + SLACK);
    const bomLen = Math.min(opts.bom.length, opts.total);
    opts.bom.copy(this.buf, 0, 0, bomLen);
    this.off = bomLen;
    this.committed = bomLen;
    if (this.total - this.committed <= TAIL_ZONE) this.tail = true;
    if (this.committed >= this.total) this.finish();
  }

  // ---- time

  now(): string {
    if (this.clock !== this.tsFor) {
      this.tsFor = this.clock;
      const day = Math.floor(this.clock / 86400);
      if (day !== this.dayFor) {
        this.dayFor = day;
        const d = new Date(day * 86400000);
        const y = d.getUTCFullYear();
        const mo = d.getUTCMonth() + 1;
        const da = d.getUTCDate();
        this.datePart = `${y}-${TWO[mo]}-${TWO[da]} `;
        this.slashDate = `${y}/${mo}/${da}`;
      }
      const sod = this.clock - day * 86400;
      this.ts = this.datePart + TWO[Math.floor(sod / 3600)] + ':' + TWO[Math.floor(sod / 60) % 60] + ':' + TWO[sod % 60];
    }
    return this.ts;
  }

  /** `2025/6/10`: the date as CSI prints it inside its own messages. */
  get csiDate(): string {
    this.now();
    return this.slashDate;
  }

  /** Seconds since the epoch, for messages that embed their own clock. */
  get seconds(): number {
    return this.clock;
  }

  advance(seconds: number): void {
    this.clock += seconds;
  }

  setClock(seconds: number): void {
    this.clock = seconds;
  }

  /** The usual pace of a log: many records per second, now and then a pause. */
  private tick(): void {
    const r = this.rng.u32();
    if (r < 0xd0000000) return; // 81 %
    if (r < 0xfd000000) this.clock += 1;
    else this.clock += 2 + (r & 15);
  }

  // ---- emitting

  /** One record; `tick` false keeps the clock (records that must share a second with the previous one). */
  line(h: Hdr, msg: string, tick = true): void {
    if (this.done) return;
    if (tick) this.tick();
    if (h.preAt !== this.clock) {
      h.preAt = this.clock;
      h.pre = this.now() + h.s;
    }
    const text = h.pre + msg + '\r\n';
    if (this.tail && !this.fits(text)) return;
    this.batch += text;
    const st = this.stats;
    st.lines++;
    if (h.lv === Lv.Info) st.info++;
    else if (h.lv === Lv.Warning) st.warning++;
    else st.error++;
    if (this.batch.length >= BATCH_CHARS || this.tail) this.flush();
  }

  continuation(text: string): void {
    if (this.done) return;
    const t = CONT + text + '\r\n';
    if (this.tail && !this.fits(t)) return;
    this.batch += t;
    this.stats.lines++;
    this.stats.continuation++;
    if (this.tail) this.flush();
  }

  /** Tail mode: true when `text` can be written and still leave room for a proper last line. */
  private fits(text: string): boolean {
    const n = this.enc === 'utf8' ? Buffer.byteLength(text, 'utf8') : text.length * 2;
    const left = this.total - this.committed - this.pendingBytes();
    if (left - n >= 64 * this.unit) return true;
    this.flush();
    this.finish();
    return false;
  }

  private pendingBytes(): number {
    return this.batch.length === 0 ? 0 : this.enc === 'utf8' ? Buffer.byteLength(this.batch, 'utf8') : this.batch.length * 2;
  }

  private flush(): void {
    if (this.batch.length === 0) return;
    const n = this.buf.write(this.batch, this.off, this.enc);
    this.off += n;
    this.committed += n;
    this.batch = '';
    if (this.off >= CHUNK_BYTES) this.rotate();
    if (!this.tail && this.total - this.committed <= TAIL_ZONE) this.tail = true;
  }

  private rotate(): void {
    this.ready.push(this.buf.subarray(0, this.off));
    this.buf = Buffer.allocUnsafe(CHUNK_BYTES + SLACK);
    this.off = 0;
  }

  /** Writes the last line so that the output is exactly `total` bytes, then stops. */
  private finish(): void {
    if (this.done) return;
    this.done = true;
    const left = this.total - this.committed;
    if (left > 0) {
      const chars = Math.floor(left / this.unit);
      let text: string;
      const head = this.now() + I.PANTHR.s;
      if (chars >= MIN_HEADER_CHARS + 3) {
        const base = 'SerializeToFile: C:\\Windows\\Panther\\MainQueueOnline0.que';
        const room = chars - MIN_HEADER_CHARS - 2;
        let msg = base.slice(0, room);
        if (msg.length < room) {
          msg += ' ';
          const filler = 'Package_for_RollupFix~31bf3856ad364e35~amd64~~26100.4061.1.7;';
          while (msg.length < room) msg += filler;
          msg = msg.slice(0, room);
        }
        text = head + msg + '\r\n';
        this.stats.lines++;
        this.stats.info++;
      } else {
        text = (head + 'SerializeToFile').slice(0, chars); // too little room for a whole line: cut it
        if (chars > 0) this.stats.lines++;
      }
      const n = this.buf.write(text, this.off, this.enc);
      this.off += n;
      this.committed += n;
    }
    if (this.off > 0) this.rotate();
  }

  /** Called after the generator has nothing more to say (never happens for a finite size). */
  close(): void {
    this.flush();
    this.finish();
  }
}

// ------------------------------------------------------------------------------------ content

const POOL = 1024;
const FIRST_SECOND = Date.UTC(2025, 0, 1) / 1000;
const LAST_SECOND = Date.UTC(2026, 11, 1) / 1000;

class Content {
  private readonly pools: (readonly [Hdr, string])[][] = [];

  constructor(
    private readonly r: Rng,
    private readonly w: Writer,
  ) {
    for (let kind = 0; kind < 4; kind++) {
      const pool: (readonly [Hdr, string])[] = [];
      for (let i = 0; i < POOL; i++) pool.push(this.fillerRecord(2 + ((i + kind) % 14)));
      this.pools.push(pool);
    }
  }

  private user(): string {
    const r = this.r;
    if (r.chance(0.2)) {
      this.w.stats.nonAscii++;
      return r.pick(USERS_NONASCII);
    }
    return r.pick(USERS_ASCII);
  }

  /** Occasional benign warning or error, with the given probabilities per call. */
  private noise(pw: number, pe: number): void {
    const x = this.r.float();
    if (x < pw) {
      const [h, m] = this.r.pick(NOISE_WARNINGS);
      this.w.line(h, m);
    } else if (x < pw + pe) {
      const [h, m] = this.r.pick(NOISE_ERRORS);
      this.w.line(h, m);
    }
  }

  /** A 2-4 KB record. */
  private longLine(): void {
    const r = this.r;
    const w = this.w;
    const target = r.range(2048, 4096);
    let h: Hdr;
    let msg: string;
    let piece: () => string;
    switch (r.int(4)) {
      case 0:
        h = I.CBS;
        msg = 'Exec: Staging package list: ';
        piece = () => r.pick(PACKAGES) + ';';
        break;
      case 1:
        h = I.none;
        msg = '[SETUPUGC.EXE] Found RunSynchronous command: [powershell.exe -NoProfile -EncodedCommand ';
        piece = () => base64ish(r, 76);
        break;
      case 2:
        h = I.MIG;
        msg = `Gather: migration units for user C:\\Users\\${this.user()}: `;
        piece = () => r.pick(MIG_UNITS) + '; ';
        break;
      default:
        h = I.CONX;
        msg = 'Appraiser: inventory markers: ';
        piece = () => `DriverBlock[${r.hex(6)}]=None:${r.hex(8)} `;
    }
    while (msg.length < target) msg += piece();
    w.stats.long++;
    w.line(h, msg.slice(0, target));
  }

  /** A record followed by 35-space continuation lines (the down-level host information block). */
  private hostInfo(): void {
    const r = this.r;
    const w = this.w;
    w.line(I.SP, 'Host system information:');
    w.continuation(`OS version: ${r.pick(BUILDS)}`);
    w.continuation(`Architecture: ${r.chance(0.9) ? 'x64' : 'arm64'}`);
    w.continuation(`VM: ${r.chance(0.7) ? 'YES' : 'NO'}`);
    w.continuation(`Firmware: ${r.chance(0.8) ? 'UEFI' : 'BIOS'}`);
    if (r.chance(0.5)) w.continuation(`Free space on system volume: ${r.range(12, 480)}.${r.int(10)} GB`);
  }

  /** One "filler" record of the kind a Setup session writes in bulk. */
  private setupFiller(kind: number): void {
    const r = this.r;
    const w = this.w;
    const u = r.u32();
    const x = u & 4095;
    if (x < 8) return this.longLine(); // 0.2 %
    if (x < 10) return this.hostInfo(); // a record + 4-5 continuation lines, 0.05 % of the time
    if (x < 98) {
      // 2.1 % warnings (+ those of sysprep runs)
      const [h, m] = r.pick(NOISE_WARNINGS);
      return w.line(h, m);
    }
    if (x < 106) {
      // 0.2 % errors (as many again come from the noise and the failure cascades of sysprep runs)
      const [h, m] = r.pick(NOISE_ERRORS);
      return w.line(h, m);
    }
    if (x < 146) {
      // 1 % of lines carry a user profile path, a fifth of those with a non-ASCII name
      return w.line(I.none, `[setup.exe] Copying C:\\Users\\${this.user()}\\AppData\\Local\\Temp\\${r.hex(8)}.tmp to the migration store`);
    }
    const sel = (x + kind * 7) & 15;
    if (sel < 2) {
      // CSI records embed their own clock, so they are built on the spot
      return w.line(
        I.CSI,
        `${r.hex(8)}@${w.csiDate}:${w.now().slice(11)}.${String(r.int(1000)).padStart(3, '0')} Begin executing advanced installer phase ${r.range(1, 50)} index ${r.range(1, 400)} (sequence ${r.range(1, 2000)})`,
      );
    }
    // everything else comes from a pool built once per run of the generator (fast: no formatting per line)
    const [h, m] = this.pools[kind & 3]![(u >>> 12) & (POOL - 1)]!;
    return w.line(h, m);
  }

  /** A bulk record of the given kind (cases 2-15 of the filler mix). */
  private fillerRecord(sel: number): readonly [Hdr, string] {
    const r = this.r;
    switch (sel) {
      case 2:
        return [I.CBS, `Exec: Processing package ${r.pick(PACKAGES)} (state: ${r.chance(0.5) ? 'Staged' : 'Installed'})`];
      case 3:
        return [I.CBS, `Appl: detect Parent, Package: ${r.pick(PACKAGES)}, Parent: Microsoft-Windows-Foundation-Package, Disposition = Detect, VersionComp: EQ, BuildComp: EQ, DistributionComp: GE, RevisionComp: GE, Exist: present`];
      case 4:
        return [I.PANTHR, r.chance(0.5) ? 'CBlackboard::Open: C:\\Windows\\Panther\\SetupInfo succeeded.' : 'InitializeModule: Initializing ExecQueue->csLock;'];
      case 5:
        return [I.PANTHR, `SerializeToFile: C:\\Windows\\Panther\\MainQueueOnline${r.int(3)}.que`];
      case 6:
        return [I.IBS, `LoadWorkerModules:Successfully added worker module ${r.pick(['Engine', 'Unattend', 'Diagnostic', 'BootEntries', 'ProductKey', 'ComputerName', 'License', 'DiskConfig'])} in winsetup.dll`];
      case 7:
        return [I.SP, `Operation queued: Apply ${r.pick(['boot files', 'drivers', 'data and settings', 'offline servicing', 'registry settings'])} [${r.range(1, 90)}]`];
      case 8:
        return [I.migUnit, `Processing ${r.chance(0.5) ? 'GATHER' : 'APPLY'} for migration unit: ${r.pick(MIG_UNITS)}`];
      case 9:
        return [I.DISM, `DISM Provider Store: PID=${r.range(1000, 9999)} TID=${r.range(1000, 9999)} Getting the provider ${r.pick(['DISM Package Manager', 'Intl Manager', 'Edition Manager', 'Appx Provider', 'SMI Provider'])} - CDISMProviderStore::GetProvider`];
      case 10:
        return [I.DPX, `Extracting file ${r.pick(['Windows10.0-', 'Microsoft-Windows-'])}${r.pick(KBS)}-x64.cab: ${r.range(1, 999)} of ${r.range(1000, 9999)}`];
      case 11:
        return [I.none, `[setup.exe] [Action Queue] : Executing command "C:\\WINDOWS\\SYSTEM32\\RUNDLL32.EXE" shsetup.dll,SHUnattendedSetup specialize`];
      case 12:
        return [I.SYSPRP, `SPPNP: Status: Total = ${r.range(20, 60)}, Complete = ${r.range(0, 20)}, Progress = ${r.range(0, 99)}% (${r.range(0, 99)}%)`];
      case 13:
        return [I.MOUPG, `DlpTask: Progress ${r.range(0, 100)}%, ${r.pick(['downloading', 'expanding', 'installing', 'preparing'])}`];
      case 14:
        return [I.CONX, `Appraiser: Evaluating device ${r.pick(DEVICES)}`];
      default:
        return [I.none, `[${r.pick(['setup.exe', 'windeploy.exe', 'oobeldr.exe'])}] Unattend: component ${r.pick(COMPONENTS)} has no settings for this pass`];
    }
  }

  // ---- Windows Setup sessions

  firstBoot(): void {
    const r = this.r;
    const w = this.w;
    w.stats.setupSessions++;
    const build = r.pick(BUILDS);
    w.line(I.installPath, 'InstallWindows:Install Path = C:\\Windows\\system32\\oobe');
    w.line(I.phase, 'InstallWindows:Setup Phase = 4');
    w.line(I.none, '[setup.exe] OrchestrateUpdateImageState: Updating image state from [IMAGE_STATE_GENERALIZE_RESEAL_TO_OOBE] --> [IMAGE_STATE_UNDEPLOYABLE]');
    w.line(I.phaseStart, `Setup has started phase 4 at ${w.now()}`, false);
    w.line(I.build, `Build version is ${build.slice(0, build.lastIndexOf('.'))}.1 (WinBuild.160101.0800)`);
    w.line(I.bbCreate, 'CreateSetupBlackboard:Creating new blackboard path is [C:\\Windows\\Panther\\SetupInfo] Setup phase is [4]');
    w.line(I.bbOpen, 'CBlackboard::Open: C:\\Windows\\Panther\\SetupInfo succeeded.');
    w.line(I.diag, 'CallBack_DiagnosticDataGeneration: Setup was started from Phase 4. Disabling Diagnostics.');
    for (let i = r.range(150, 900); i > 0 && !w.done; i--) this.setupFiller(0);
    w.line(I.IBS, 'Callback_Specialize: Enter.');
    w.line(I.IBS, 'Callback_Specialize: Attempting to specialize image');
    w.line(I.session, `SysprepSession::CreateSession: Successfully created instance with mount path C:, action file ${AF}Specialize.xml, and mode <null>`);
    w.line(I.SYSPRP, `SysprepSession::Execute: Beginning action execution from ${AF}Specialize.xml`);
    w.line(I.SYSPRP, 'SysprepSession::ExecuteInternal: After sorting, providers will be excuted in this order:');
    for (const [comp] of SPECIALIZE_PROVIDERS) w.line(I.SYSPRP, `SysprepSession::ExecuteInternal: name:${comp}, order: ${r.range(1, 28).toString(16)}00d`);
    for (const p of SPECIALIZE_PROVIDERS) this.provider(p, 'Specialize');
    w.line(I.IBS, 'Callback_Specialize: Internal Providers Specialized Succeeded');
    w.line(I.IBS, 'Callback_Specialize: External Providers Specialized Succeeded');
    w.line(I.none, '[setup.exe] OrchestrateUpdateImageState: Updating image state from [IMAGE_STATE_UNDEPLOYABLE] --> [IMAGE_STATE_SPECIALIZE_RESEAL_TO_OOBE]');
    w.line(I.IBS, 'Callback_Specialize: Specialize return: [0]');
    w.line(I.IBS, 'Callback_Specialize: Exit.');
    w.line(I.IBS, 'CallBack_Unattend_InitiatePass: Initiating unattend settings pass [specialize]');
    w.line(I.none, '[setup.exe] Calling into RunSMIActionPass to execute unattend GCs for pass [specialize]');
    for (let i = r.range(50, 400); i > 0 && !w.done; i--) this.setupFiller(1);
    w.line(I.none, '[setup.exe] Successfully completed execution of GC queue');
    w.line(I.phaseDone, `Setup has completed phase 4 at ${w.now()}`, false);
    w.line(I.IBS, 'InstallWindows:First boot phase of setup done!!!!');
  }

  downlevel(): void {
    const r = this.r;
    const w = this.w;
    w.stats.setupSessions++;
    w.line(I.MOUPG, '*************** SetupHost Logging Begin ***************');
    w.line(I.MOUPG, `SetupHost::Initialize: CmdLine = [/Install /Media /InstallFile C:\\$WINDOWS.~BT\\Sources\\Install.esd /MediaPath C:\\$WINDOWS.~BT /ReportId ${r.guid().toUpperCase()}]`);
    w.line(I.SP, 'CSetupPlatform::Initialize: Setup log starts:');
    this.hostInfo();
    const d = new Date(w.seconds * 1000);
    w.line(I.MIG, `Gather started at ${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${w.now().slice(11)}`);
    for (let i = r.range(300, 2500); i > 0 && !w.done; i--) this.setupFiller(2);
    w.line(I.SP, 'Operation completed successfully: Gather data, scope: EVERYTHING');
    if (r.chance(0.1)) {
      // a rollback (signatures.md SIG-33/34)
      const obj = `C:\\ProgramData\\${r.pick(['Contoso', 'Fabrikam', 'Northwind'])}\\${r.pick(['LicenseCache', 'State', 'Keys'])} [${r.hex(8)}.dat]`;
      w.line(E.MIG, `Error READ, 0x00000570 while gathering/applying object: File, ${obj}. Will return 0[gle=0x00000570]`);
      w.line(E.MIG, `Error 1392 while applying object ${obj}. Shell application requested abort![gle=0x00000570]`);
      w.line(W.MIG, `Abandoning apply due to error for object: ${obj}`);
      w.line(E.SP, 'Operation failed: Apply data and settings. Error: 0x8007042B[gle=0x000000b7]');
      w.line(E.SP, 'CSetupPlatformPrivate::Execute: Execution of operations queue failed, abandoning. Error: 0x8007042B[gle=0x000000b7]');
      w.line(I.SP, 'Initiating rollback/uninstall, phase = 4');
      w.line(I.IBSLIB, 'RollbackExecuteSequence in progress...');
      w.line(E.MOUPG, 'SetupHost::ReportRollback: The previous installation attempt was rolled back. Error: 0xC1900101 - 0x4000D');
    }
    w.line(I.SP, 'Closing Panther Logging');
  }

  unattendGC(): void {
    const r = this.r;
    const w = this.w;
    w.stats.setupSessions++;
    w.line(I.none, '[windeploy.exe] ------------------------------------------------');
    w.line(I.none, '[windeploy.exe] WinDeploy.exe launched with command-line []...');
    w.line(I.none, '[windeploy.exe] Found generalization state [0x4], setup.exe completion flag [False] --> launching setup.exe.');
    w.line(I.none, '[SETUPUGC.EXE] SetupUGC running to process unattend settings for pass [specialize]');
    for (let i = r.range(2, 6); i > 0; i--) {
      const cmd = `cmd.exe /c C:\\Windows\\Setup\\Scripts\\step${i}.cmd "C:\\Users\\${this.user()}"`;
      w.line(I.none, `[SETUPUGC.EXE] Found RunSynchronous command: [${cmd}]`);
      w.line(I.none, `[SETUPUGC.EXE] Finished executing [${cmd}] synchronously`);
      w.line(I.none, '[SETUPUGC.EXE] Process returned with exit code 0x0');
    }
    w.line(I.none, '[SETUPUGC.EXE] SetupUGC returning with exit code [0]');
    w.line(I.none, "[Shell Unattend] Running 'specialize' pass");
    w.line(I.none, "[Shell Unattend] Exiting 'specialize' pass with status 0x00000000");
    for (let i = r.range(60, 300); i > 0 && !w.done; i--) this.setupFiller(3);
    w.line(I.none, '[oobeldr.exe] OrchestrateUpdateImageState: Updating image state from [IMAGE_STATE_SPECIALIZE_RESEAL_TO_OOBE] --> [IMAGE_STATE_UNDEPLOYABLE]');
    w.line(I.none, '[oobeldr.exe] Running oobeSystem pass with discovered unattend file [C:\\Windows\\Panther\\unattend.xml]...');
    w.line(I.none, "[Shell Unattend] Running 'oobeSystem' pass");
    w.line(I.none, "[Shell Unattend] Exiting 'oobeSystem' pass with status 0x00000000");
    w.line(I.none, '[msoobe.exe] Starting OOBE');
    if (r.chance(0.05)) w.advance(3600 * r.range(-2, 9)); // time zone applied: the clock jumps (backwards too)
    w.line(I.none, '[msoobe.exe] RunUserProvidedScript: Successfully executed script; (returned with exit code 0x0)');
    w.line(I.none, '[msoobe.exe] Ending OOBE');
    w.line(I.none, '[oobeldr.exe] OrchestrateUpdateImageState: Updating image state from [IMAGE_STATE_UNDEPLOYABLE] --> [IMAGE_STATE_COMPLETE]');
    w.line(I.none, '[windeploy.exe] WinDeploy.exe exiting with code [0x0]');
  }

  // ---- sysprep runs

  private provider(p: Provider, pass: 'Cleanup' | 'Generalize' | 'Specialize'): void {
    const r = this.r;
    const w = this.w;
    const [comp, entry, dll] = p;
    w.line(I.actionList, `CreateSysprepActionList: Building action list for component ${comp}`);
    w.line(I.found, `ActionPlatform::LaunchModule: Found '${entry}' in ${dll}; executing it`);
    if (entry.includes('_Pnp')) {
      w.line(I.SYSPRP, `SPPNP: ${entry}: Enter`);
      for (let i = r.range(3, 25); i > 0; i--) {
        w.line(I.SYSPRP, `SPPNP: Status: Total = 41, Complete = ${Math.min(41, 41 - i)}, Progress = ${Math.round(((41 - i) * 100) / 41)}% (${Math.round(((41 - i) * 100) / 41)}%)`);
        this.noise(0.02, 0.01);
      }
      if (pass !== 'Specialize' && r.chance(0.4)) w.line(E.SYSPRP, 'SPPNP: Failed to queue enumerated driver packages. Err = 0x57');
      w.line(I.SYSPRP, `SPPNP: ${entry}: Exit`);
    } else if (entry.includes('_Bcd') && r.chance(0.5)) {
      w.line(E.bcd, 'BCD: BiUpdateEfiEntry failed c000000d');
      w.line(I.bcdOk, `${entry}: Successfully generalized the bcd store. Status=[0x0]`);
    } else if (entry === 'SysprepGeneralize') {
      w.line(I.SYSPRP, 'Entering SysprepGeneralize (Appx) - removing per-user app data for all users.');
      w.advance(r.range(10, 60));
    }
    w.line(I.executed, `ActionPlatform::LaunchModule: Successfully executed '${entry}' from ${dll} without error`);
  }

  private sessionStart(file: 'Cleanup' | 'Generalize', verb: 'Validate' | 'Execute', mode: string | null): void {
    const w = this.w;
    w.line(I.SYSPRP, `RunDlls:Running platform actions specified in action file for phase ${file === 'Cleanup' ? 3 : 1}`);
    w.line(I.session, `SysprepSession::CreateSession: Successfully created instance with action file ${AF}${file}.xml, and mode <null>`);
    w.line(I.SYSPRP, `ActionPlatform::GetValue: Getting value SysprepMode under key ${HKSP}`);
    if (mode) w.line(I.SYSPRP, `SysprepSession::CreateXPathForSelection: Sysprep mode in registry is ${mode}`);
    else w.line(W.SYSPRP, `ActionPlatform::GetValue: Error from RegQueryValueEx on value SysprepMode under key ${HKSP}; dwRet = 0x2`);
    w.line(I.SYSPRP, `SysprepSession::${verb}: Beginning action execution from ${AF}${file}.xml`);
  }

  private chain(verb: 'Validate' | 'Execute', file: string, dw: string): void {
    const w = this.w;
    w.line(E.SYSPRP, `SysprepSession::${verb}: Error in ${verb === 'Validate' ? 'validating' : 'executing'} actions from ${AF}${file}.xml; dwRet = ${dw}`);
    w.line(E.SYSPRP, `RunPlatformActions:Failed while ${verb === 'Validate' ? 'validating' : 'executing'} Sysprep session actions; dwRet = ${dw}`);
    w.line(E.halting, `RunDlls:An error occurred while running registry sysprep DLLs, halting sysprep execution. dwRet = ${dw}`);
  }

  sysprepRun(): void {
    const r = this.r;
    const w = this.w;
    const st = w.stats;
    st.sysprepRuns++;
    const mode = r.chance(0.5) ? 'vm' : null;
    // failure kinds: 0 none; 1 appx; 2 bitlocker; 3 reserved storage; 4 sense; 5 dsc; 6 external; 7 rearm; 8 invalid state
    const fail = r.chance(0.3) ? r.range(1, 8) : 0;
    if (fail) st.failedRuns++;

    w.line(I.SYSPRP, RULE);
    w.line(I.SYSPRP, '===          Beginning of a new sysprep run          ===', false);
    w.line(I.SYSPRP, RULE, false);
    w.line(I.banner, `The time is now ${w.now()}`, false);
    w.line(I.logInit, 'Initialized SysPrep log at C:\\Windows\\System32\\Sysprep\\Panther', false);
    w.line(I.privileges, 'ValidatePrivileges:User has required privileges to sysprep machine');
    w.line(I.version, 'ValidateVersion:OS version is okay');
    w.line(I.option, "ParseCommands:Found supported command line option 'GENERALIZE'");
    w.line(I.option, "ParseCommands:Found supported command line option 'OOBE'");
    w.line(I.option, `ParseCommands:Found supported command line option '${r.pick(['SHUTDOWN', 'QUIT', 'REBOOT'])}'`);
    if (mode) {
      w.line(I.option, "ParseCommands:Found supported command line option 'MODE'");
      w.line(I.modeSet, `WinMain:Sysprep mode [${mode}]; was specified`);
    }
    if (r.chance(0.5)) w.line(I.tagDel, `FCreateTagFile:Successfully deleted tag file ${TAG}`);
    else w.line(I.tagNone, `FCreateTagFile:Tag file ${TAG} does not already exist, no need to delete anything`);
    if (fail === 3 || r.chance(0.1)) w.line(W.SYSPRP, 'WinMain: File operations pending');

    // pre-validation
    w.line(I.prevalidate, "WinMain:Pre-validing 'cleanup' internal providers.");
    this.sessionStart('Cleanup', 'Validate', mode);
    w.line(I.SYSPRP, "ActionPlatform::LaunchModule: Executing method 'Sysprep_Clean_Validate_Opk' from C:\\Windows\\System32\\spopk.dll");
    if (fail === 3) {
      w.line(E.provider, 'Sysprep_Clean_Validate_Opk: Audit mode cannot be turned on if reserved storage is in use. An update or servicing operation may be using reserved storage.; hr = 0x800F0975');
      w.line(E.moduleFail, "ActionPlatform::LaunchModule: Failure occurred while executing 'Sysprep_Clean_Validate_Opk' from C:\\Windows\\System32\\spopk.dll; dwRet = 0x975");
      this.chain('Validate', 'Cleanup', '0x975');
      w.line(E.winmainPre, 'WinMain:Hit failure while pre-validate sysprep cleanup internal providers; hr = 0x80070975');
      return this.sysprepEnd();
    }
    w.line(I.SYSPRP, 'Sysprep_Clean_Validate_Opk: Successfully validated reserves state on the machine for entering audit mode.');
    w.line(I.SYSPRP, "ActionPlatform::LaunchModule: Successfully executed 'Sysprep_Clean_Validate_Opk' from C:\\Windows\\System32\\spopk.dll");
    w.line(I.prevalidate, "WinMain:Pre-validing 'generalize' internal providers.");
    this.sessionStart('Generalize', 'Validate', mode);
    w.line(I.SYSPRP, "ActionPlatform::LaunchModule: Executing method 'SysprepGeneralizeValidate' from C:\\Windows\\System32\\AppxSysprep.dll");
    w.line(I.SYSPRP, 'Entering SysprepGeneralizeValidate (Appx) - validating whether all apps are also provisioned.');
    if (r.chance(0.5)) w.line(W.SYSPRP, 'Ignoring folder Deleted because could not convert to family name');
    w.line(I.SYSPRP, `Checking packages for user C:\\Users\\${this.user()}`);
    if (fail === 1) {
      w.line(E.SYSPRP, `Package ${r.pick(APPX)} was installed for a user, but not provisioned for all users. This package will not function properly in the sysprep image.`);
      w.line(E.SYSPRP, 'Failed to remove apps for the current user: 0x80073cf2.');
      w.line(E.SYSPRP, 'Exit code of RemoveAllApps thread was 0x3cf2.');
      w.line(E.moduleFail, "ActionPlatform::LaunchModule: Failure occurred while executing 'SysprepGeneralizeValidate' from C:\\Windows\\System32\\AppxSysprep.dll; dwRet = 0x3cf2");
      this.chain('Validate', 'Generalize', '0x3cf2');
      w.line(E.winmainPre, 'WinMain:Hit failure while pre-validate sysprep generalize internal providers; hr = 0x80073cf2');
      return this.sysprepEnd();
    }
    w.line(I.SYSPRP, "ActionPlatform::LaunchModule: Successfully executed 'SysprepGeneralizeValidate' from C:\\Windows\\System32\\AppxSysprep.dll");
    w.line(I.SYSPRP, "ActionPlatform::LaunchModule: Executing method 'ValidateBitLockerState' from C:\\Windows\\System32\\BdeSysprep.dll");
    if (fail === 2) {
      w.line(E.SYSPRP, 'BitLocker-Sysprep: BitLocker is on for the OS volume. Turn BitLocker off to run Sysprep. (0x80310039)');
      w.line(E.moduleFail, "ActionPlatform::LaunchModule: Failure occurred while executing 'ValidateBitLockerState' from C:\\Windows\\System32\\BdeSysprep.dll; dwRet = 0x80310039");
      this.chain('Validate', 'Generalize', '0x80310039');
      w.line(E.winmainPre, 'WinMain:Hit failure while pre-validate sysprep generalize internal providers; hr = 0x80310039');
      return this.sysprepEnd();
    }
    w.line(I.SYSPRP, "ActionPlatform::LaunchModule: Successfully executed 'ValidateBitLockerState' from C:\\Windows\\System32\\BdeSysprep.dll");

    // cleanup: external, then internal
    w.line(I.external, "WinMain:Processing 'cleanup' external provider request.");
    if (fail === 8) {
      w.line(E.invalidState, "RunExternalDlls:Not running DLLs; either the machine is in an invalid state or we couldn't update the recorded state, dwRet = 31");
      w.line(E.winmainExternal, 'WinMain:Hit failure while processing sysprep cleanup external providers; hr = 0x8007001f');
      return this.sysprepEnd();
    }
    w.line(I.registryDlls, 'RunDlls:Running DLLs listed in registry for phase 3');
    if (fail === 5) {
      w.line(I.found, "LaunchDll:Found 'DscCore.dll,SysPrep_Cleanup'; executing it");
      w.line(E.moduleFail, "LaunchDll:Failure occurred while executing 'DscCore.dll,SysPrep_Cleanup', returned error code 0x2");
      w.line(E.halting, 'RunExternalDlls:An error occurred while running registry sysprep DLLs, halting sysprep execution. dwRet = 0x2[gle=0x000003f0]');
      w.line(E.winmainExternal, 'WinMain:Hit failure while processing sysprep cleanup external providers; hr = 0x80070002[gle=0x000003f0]');
      return this.sysprepEnd();
    }
    this.sessionStart('Cleanup', 'Execute', mode);
    if (!mode) w.line(I.modeDel, 'SysprepSession::Execute: Sysprep mode was not specified, deleting it from registry');
    for (const p of CLEANUP_PROVIDERS) {
      this.provider(p, 'Cleanup');
      this.noise(0.05, 0.03);
    }

    // generalize: external, then internal
    w.line(I.external, "WinMain:Processing 'generalize' external provider request.");
    w.line(I.registryDlls, 'RunDlls:Running DLLs listed in registry for phase 1');
    const ext = r.pick(EXTERNAL_PROVIDERS.slice(0, 2));
    if (r.chance(0.4) || fail === 6) {
      w.line(I.found, `LaunchDll:Found '${ext}'; executing it`);
      if (fail === 6) {
        w.line(E.moduleFail, `LaunchDll:Failure occurred while executing '${ext}', returned error code 0x5`);
        w.line(E.halting, 'RunExternalDlls:An error occurred while running registry sysprep DLLs, halting sysprep execution. dwRet = 0x5');
        w.line(E.winmainExternal, 'WinMain:Hit failure while processing sysprep generalize external providers; hr = 0x80070005');
        return this.sysprepEnd();
      }
      w.line(I.executed, `LaunchDll:Successfully executed '${ext}' without error`);
    }
    this.sessionStart('Generalize', 'Execute', mode);
    for (const p of GENERALIZE_PROVIDERS) {
      if (p[1] === 'SLReArmWindows' && fail === 7) {
        w.line(I.actionList, `CreateSysprepActionList: Building action list for component ${p[0]}`);
        w.line(I.found, `ActionPlatform::LaunchModule: Found '${p[1]}' in ${p[2]}; executing it`);
        w.line(E.moduleFail, `ActionPlatform::LaunchModule: Failure occurred while executing '${p[1]}' from ${p[2]}; dwRet = 0xc004d307`);
        w.line(E.SYSPRP, `SysprepSession::ExecuteInternal: Error in executing action for ${p[0]}; dwRet = 0xc004d307`);
        this.chain('Execute', 'Generalize', '0xc004d307');
        w.line(E.winmainInternal, 'WinMain:Hit failure while processing sysprep generalize internal providers; hr = 0xc004d307');
        return this.sysprepEnd();
      }
      this.provider(p, 'Generalize');
      if (p[1] === 'SysprepGeneralize' && r.chance(0.6)) {
        w.line(E.SYSPRP, 'MRTGeneralize:98 - ERROR: Failed ConnectServer hr=2147749902');
        w.line(E.SYSPRP, 'MRTGeneralize:98 - ERROR: Failed DeleteInstance hr=2147749904');
      }
      this.noise(0.05, 0.02);
    }
    w.line(I.actionList, 'CreateSysprepActionList: Building action list for component Windows-SenseClient-Service');
    w.line(I.deleteValue, `ActionPlatform::DeleteValue: Deleting registry value senseGuid under key ${ATP}`);
    if (fail === 4) {
      w.line(E.SYSPRP, `ActionPlatform::DeleteValue: Error from RegDeleteValueW for value senseGuid under key ${ATP}; dwRet = 0x5`);
      w.line(E.SYSPRP, 'SysprepSession::ExecuteAction: Failed during deleteValue operation; dwRet = 0x5');
      w.line(E.SYSPRP, 'SysprepSession::ExecuteInternal: Error in executing action for Windows-SenseClient-Service; dwRet = 0x5');
      this.chain('Execute', 'Generalize', '0x5');
      w.line(E.winmainInternal, 'WinMain:Hit failure while processing sysprep generalize internal providers; hr = 0x80070005');
      return this.sysprepEnd();
    }
    w.line(W.SYSPRP, `ActionPlatform::DeleteValue: Registry value senseGuid does not exist under key ${ATP}`);
    w.line(I.SYSPRP, `FCreateTagFile:Successfully created tag file ${TAG}`);
    w.line(I.SYSPRP, 'ProcessShutdown:Successfully called InitiateSystemShutdownEx to shutdown the computer');
    this.sysprepEnd();
  }

  private sysprepEnd(): void {
    const w = this.w;
    w.line(I.shutdownLog, 'Shutting down SysPrep log');
    w.line(I.banner, `The time is now ${w.now()}`, false);
  }

  /** One session or run, then a pause before the next. */
  episode(): void {
    const r = this.r;
    const x = r.int(100);
    if (x < 30) this.firstBoot();
    else if (x < 50) this.downlevel();
    else if (x < 62) this.unattendGC();
    else this.sysprepRun();
    const w = this.w;
    const y = r.float();
    w.advance(y < 0.7 ? r.range(60, 3600) : y < 0.95 ? r.range(3600, 12 * 3600) : r.range(86400, 3 * 86400));
    // Keep the dates plausible (2025-2026): past the end, continue with "another machine's" log
    // that starts earlier again - a backward jump, which real concatenated logs have too.
    if (w.seconds > LAST_SECOND) w.setClock(FIRST_SECOND + r.int(200) * 86400 + r.int(86400));
  }
}

// ------------------------------------------------------------------------------------ public API

/**
 * Streams a synthetic Panther log of exactly `opts.bytes` bytes as ~1 MiB Buffers.
 * Deterministic for a given seed, encoding and BOM choice. Each yielded Buffer is freshly allocated.
 * Options are checked at once (a RangeError is thrown before anything is generated).
 */
export function generatePantherLog(opts: GenerateOptions): Iterable<Buffer> {
  const total = opts.bytes;
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError(`bytes must be a non-negative integer, got ${String(total)}`);
  const encoding = opts.encoding ?? 'utf-8';
  if (encoding !== 'utf-8' && encoding !== 'utf-16le') throw new RangeError(`unsupported encoding ${String(encoding)}`);
  const enc = encoding === 'utf-16le' ? 'utf16le' : 'utf8';
  if (enc === 'utf16le' && total % 2 !== 0) throw new RangeError(`bytes must be even for UTF-16LE, got ${total}`);
  const seed = opts.seed ?? 1;
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${String(seed)}`);
  const bom = opts.bom === false ? Buffer.alloc(0) : enc === 'utf16le' ? Buffer.from([0xff, 0xfe]) : Buffer.from([0xef, 0xbb, 0xbf]);
  return generate(total, Math.trunc(seed), enc, bom, opts.stats ?? newStats());
}

function* generate(total: number, seed: number, enc: 'utf8' | 'utf16le', bom: Buffer, stats: GeneratorStats): Generator<Buffer, void, undefined> {
  const rng = new Rng(seed);
  // Start somewhere in 2025 (UTC wall clock, as the logs have no time zone).
  const start = FIRST_SECOND + rng.int(300) * 86400 + rng.int(86400);
  const w = new Writer({ rng, enc, total, bom, stats, start });
  const content = new Content(rng, w);
  while (!w.done) {
    content.episode();
    while (w.ready.length > 0) yield w.ready.shift() as Buffer;
  }
  w.close();
  while (w.ready.length > 0) yield w.ready.shift() as Buffer;
}

/** `64M`, `1G`, `1.5GiB`, `512K`, `1048576` -> bytes (binary multiples). */
export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?$/i.exec(text.trim());
  if (!m) throw new RangeError(`bad size "${text}": use bytes or a number with K, M, G or T (binary), e.g. 64M, 1G`);
  const mult = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 }[(m[2] ?? '').toLowerCase() as '' | 'k' | 'm' | 'g' | 't'];
  return Math.floor(Number(m[1]) * mult);
}

// ------------------------------------------------------------------------------------ CLI

const USAGE = `usage: node dist/bench/generate-log.js SIZE [-o FILE] [--utf16] [--seed N] [--no-bom] [--stats]

  SIZE       exact output size: bytes, or a number with K, M, G, T (binary), e.g. 64M, 1G
  -o FILE    write to FILE (default: standard output)
  --utf16    UTF-16LE with a BOM (SIZE must be even)
  --seed N   PRNG seed (default 1); same SIZE, seed and encoding give identical bytes
  --no-bom   no byte-order mark
  --stats    print counts and generation speed to standard error
`;

async function main(argv: readonly string[]): Promise<number> {
  let size: string | undefined;
  let out: string | undefined;
  let utf16 = false;
  let bom = true;
  let seed = 1;
  let showStats = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '-h' || a === '--help') {
      process.stdout.write(USAGE);
      return 0;
    } else if (a === '-o' || a === '--output') out = value();
    else if (a.startsWith('--output=')) out = a.slice(9);
    else if (a === '--utf16') utf16 = true;
    else if (a === '--no-bom') bom = false;
    else if (a === '--stats') showStats = true;
    else if (a === '--seed' || a.startsWith('--seed=')) {
      const v = a === '--seed' ? value() : a.slice(7);
      if (!/^-?\d+$/.test(v)) throw new UsageError(`--seed takes an integer, got "${v}"`);
      seed = Number(v);
    } else if (!a.startsWith('-') && size === undefined) size = a;
    else throw new UsageError(`unexpected argument "${a}"`);
  }
  if (size === undefined) throw new UsageError('missing SIZE');
  let bytes: number;
  try {
    bytes = parseSize(size);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (utf16 && bytes % 2 !== 0) throw new UsageError(`SIZE must be even with --utf16 (got ${bytes})`);

  const stats = newStats();
  const t0 = process.hrtime.bigint();
  const sink = out === undefined ? process.stdout : createWriteStream(out);
  let failure: NodeJS.ErrnoException | undefined;
  sink.on('error', (err: NodeJS.ErrnoException) => {
    failure = err;
  });
  for (const chunk of generatePantherLog({ bytes, seed, encoding: utf16 ? 'utf-16le' : 'utf-8', bom, stats })) {
    if (failure) break;
    if (!sink.write(chunk)) await new Promise<void>((resolve) => {
      const done = (): void => {
        sink.off('drain', done);
        sink.off('error', done);
        resolve();
      };
      sink.on('drain', done);
      sink.on('error', done);
    });
  }
  if (sink !== process.stdout && !failure) await new Promise<void>((resolve) => sink.end(resolve));
  if (failure) {
    if (failure.code === 'EPIPE') return 0; // the reader went away (e.g. | head): not our problem
    process.stderr.write(`generate-log: cannot write ${out ?? 'to standard output'}: ${failure.message}\n`);
    return 1;
  }
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  if (showStats) {
    const pct = (n: number): string => ((100 * n) / Math.max(1, stats.lines)).toFixed(2) + '%';
    process.stderr.write(
      `${bytes} bytes, ${stats.lines} lines in ${secs.toFixed(2)} s (${(bytes / 1e6 / secs).toFixed(0)} MB/s)\n` +
        `Info ${stats.info} (${pct(stats.info)}), Warning ${stats.warning} (${pct(stats.warning)}), Error ${stats.error} (${pct(stats.error)}), ` +
        `continuation ${stats.continuation} (${pct(stats.continuation)}), long ${stats.long} (${pct(stats.long)}), non-ASCII ${stats.nonAscii} (${pct(stats.nonAscii)})\n` +
        `${stats.sysprepRuns} sysprep runs (${stats.failedRuns} failed), ${stats.setupSessions} setup sessions\n`,
    );
  }
  return 0;
}

class UsageError extends Error {}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      if (err instanceof UsageError) {
        process.stderr.write(`generate-log: ${err.message}\n${USAGE}`);
        process.exitCode = 2;
      } else {
        process.stderr.write(`generate-log: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
        process.exitCode = 70;
      }
    },
  );
}
