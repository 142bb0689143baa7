// A realistic report model for the TUI tests and the demo: one sysprep /generalize run that
// fails in pre-validation because an AppX package is installed for a user but not provisioned.
import type { EventKind, Finding, Level, LogEvent, Phase, Report, RunInfo, SourceInfo } from '../types.js';
import type { TuiModel } from './model.js';

export const SETUPACT = 'C:\\Windows\\System32\\Sysprep\\Panther\\setupact.log';
export const SETUPERR = 'C:\\Windows\\System32\\Sysprep\\Panther\\setuperr.log';
export const CULPRIT = 'Microsoft.OneDriveSync_21220.1024.5.0_neutral__8wekyb3d8bbwe';
/** The message carrying a screen clear and an OSC 8 hyperlink, as a hostile log could. */
export const HOSTILE_MESSAGE = "Shell Unattend: window title '\u001b[2J\u001b]8;;http://evil\u0007click'";
/** setupact.log line numbers of the failure cascade (the root cause's evidence). */
export const CASCADE_LINES = [29, 30, 31, 32, 33, 34, 35, 36] as const;
export const HOSTILE_LINE = 37;

const DAY = '2024-05-14';

interface LineSpec {
  readonly time?: string;
  readonly level?: Level;
  readonly id?: string;
  readonly component?: string;
  readonly message: string;
  readonly kind?: EventKind;
}

const L = (time: string, level: Level, component: string, message: string, id?: string): LineSpec => ({
  time,
  level,
  component,
  message,
  ...(id === undefined ? {} : { id }),
});

const APPX_DLL = 'C:\\Windows\\System32\\AppxSysprep.dll';
const GENERALIZE_XML = 'C:\\Windows\\System32\\Sysprep\\ActionFiles\\Generalize.xml';

const CASCADE: readonly LineSpec[] = [
  L('10:02:18', 'Error', 'SYSPRP', `Package ${CULPRIT} was installed for a user, but not provisioned for all users. This package will not function properly in the sysprep image.`),
  L('10:02:18', 'Error', 'SYSPRP', 'Failed to remove apps for the current user: 0x80073cf2.'),
  L('10:02:18', 'Error', 'SYSPRP', 'Exit code of RemoveAllApps thread was 0x3cf2.'),
  L('10:02:18', 'Error', 'SYSPRP', `ActionPlatform::LaunchModule: Failure occurred while executing 'SysprepGeneralizeValidate' from ${APPX_DLL}; dwRet = 0x3cf2`, '0x0f0082'),
  L('10:02:18', 'Error', 'SYSPRP', `SysprepSession::Validate: Error in validating actions from ${GENERALIZE_XML}; dwRet = 0x3cf2`),
  L('10:02:18', 'Error', 'SYSPRP', 'RunPlatformActions:Failed while validating Sysprep session actions; dwRet = 0x3cf2'),
  L('10:02:18', 'Error', 'SYSPRP', 'RunDlls:An error occurred while running registry sysprep DLLs, halting sysprep execution. dwRet = 0x3cf2', '0x0f0070'),
  L('10:02:18', 'Error', 'SYSPRP', 'WinMain:Hit failure while pre-validate sysprep generalize internal providers; hr = 0x80073cf2', '0x0f00d8'),
];

/** setupact.log, lines 1..40. */
const SETUPACT_LINES: readonly LineSpec[] = [
  L('10:02:11', 'Info', 'SYSPRP', 'Initialized SysPrep log at C:\\Windows\\System32\\Sysprep\\Panther', '0x0f004e'),
  L('10:02:11', 'Info', 'SYSPRP', '========================================================'),
  L('10:02:11', 'Info', 'SYSPRP', '===                 Beginning of a new sysprep run                ==='),
  L('10:02:11', 'Info', 'SYSPRP', '========================================================'),
  L('10:02:11', 'Info', 'SYSPRP', `The time is now ${DAY} 10:02:11`, '0x0f004d'),
  L('10:02:11', 'Info', 'SYSPRP', 'ValidatePrivileges:User has required privileges to sysprep machine', '0x0f0054'),
  L('10:02:11', 'Info', 'SYSPRP', "ParseCommands:Found supported command line option 'GENERALIZE'", '0x0f005f'),
  L('10:02:11', 'Info', 'SYSPRP', "ParseCommands:Found supported command line option 'OOBE'", '0x0f005f'),
  L('10:02:11', 'Info', 'SYSPRP', "ParseCommands:Found supported command line option 'SHUTDOWN'", '0x0f005f'),
  // 10: cleanup stage
  L('10:02:11', 'Info', 'SYSPRP', 'SysprepSession::CreateSession: Successfully created instance with action file C:\\Windows\\System32\\Sysprep\\ActionFiles\\Cleanup.xml', '0x0f00ba'),
  L('10:02:11', 'Info', 'SYSPRP', "ActionPlatform::LaunchModule: Executing method 'Sysprep_Clean_Validate_Opk' from C:\\Windows\\System32\\spopk.dll", '0x0f0080'),
  L('10:02:11', 'Info', 'SYSPRP', "ActionPlatform::LaunchModule: Successfully executed 'Sysprep_Clean_Validate_Opk' from C:\\Windows\\System32\\spopk.dll without error", '0x0f0081'),
  L('10:02:12', 'Info', 'SYSPRP', "ActionPlatform::LaunchModule: Executing method 'Sysprep_Clean_Bcd' from C:\\Windows\\System32\\spbcd.dll", '0x0f0080'),
  L('10:02:12', 'Error', 'TOOL', 'BCD: BiUpdateEfiEntry failed c000000d'),
  L('10:02:12', 'Error', 'TOOL', 'BCD: BiExportBcdObjects failed c000000d'),
  L('10:02:13', 'Info', 'SYSPRP', "ActionPlatform::LaunchModule: Successfully executed 'Sysprep_Clean_Bcd' from C:\\Windows\\System32\\spbcd.dll without error", '0x0f0081'),
  L('10:02:13', 'Info', 'SYSPRP', "ActionPlatform::LaunchModule: Executing method 'DtcSysprep_Cleanup' from C:\\Windows\\System32\\msdtcprx.dll", '0x0f0080'),
  L('10:02:13', 'Warning', 'SYSPRP', 'AppxSysprep: automatic Store app updates are enabled (AutoDownload = 4); apps may be updated for the signed-in user during audit mode'),
  L('10:02:14', 'Info', 'SYSPRP', "ActionPlatform::LaunchModule: Successfully executed 'DtcSysprep_Cleanup' from C:\\Windows\\System32\\msdtcprx.dll without error", '0x0f0081'),
  L('10:02:14', 'Info', 'SYSPRP', 'SysprepSession::Execute: Cleanup stage completed'),
  // 21: generalize pre-validation
  L('10:02:14', 'Info', 'SYSPRP', "WinMain:Pre-validing 'generalize' internal providers.", '0x0f00d7'),
  L('10:02:14', 'Info', 'SYSPRP', `SysprepSession::CreateSession: Successfully created instance with action file ${GENERALIZE_XML}`, '0x0f00ba'),
  L('10:02:14', 'Info', 'SYSPRP', 'CreateSysprepActionList: Building action list for component Microsoft-Windows-AppX-Sysprep', '0x0f00bd'),
  L('10:02:14', 'Info', 'SYSPRP', "ActionPlatform::LaunchModule: Executing method 'Sysprep_Generalize_Validate_Bcd' from C:\\Windows\\System32\\spbcd.dll", '0x0f0080'),
  L('10:02:15', 'Info', 'SYSPRP', "ActionPlatform::LaunchModule: Successfully executed 'Sysprep_Generalize_Validate_Bcd' from C:\\Windows\\System32\\spbcd.dll without error", '0x0f0081'),
  L('10:02:15', 'Info', 'SYSPRP', `ActionPlatform::LaunchModule: Executing method 'SysprepGeneralizeValidate' from ${APPX_DLL}`, '0x0f0080'),
  L('10:02:15', 'Info', 'SYSPRP', 'Entering SysprepGeneralizeValidate (Appx) - validating whether all apps are also provisioned.'),
  { kind: 'continuation', message: '    Packages found for user S-1-5-21-3623811015-3361044348-30300820-1001: 41' },
  ...CASCADE, // 29..36
  L('10:02:18', 'Warning', 'SYSPRP', HOSTILE_MESSAGE), // 37
  L('10:02:19', 'Info', 'SYSPRP', 'Shutting down SysPrep log', '0x0f0052'),
  L('10:02:19', 'Info', 'SYSPRP', `The time is now ${DAY} 10:02:19`, '0x0f004d'),
  { kind: 'blank', message: '' },
];

function phaseOf(line: number): string | undefined {
  if (line >= 10 && line <= 20) return 'cleanup';
  if (line >= 21 && line <= 36) return 'generalize';
  return undefined;
}

function headerText(spec: LineSpec): string {
  if (spec.time === undefined || spec.level === undefined) return spec.message;
  const level = spec.level.padEnd(11);
  const id = (spec.id === undefined ? '' : `[${spec.id}]`).padEnd(10);
  return `${DAY} ${spec.time}, ${level}${id} ${(spec.component ?? '').padEnd(6)} ${spec.message}`;
}

function toEvent(source: number, line: number, spec: LineSpec, phase: string | undefined): LogEvent {
  const event: LogEvent = {
    source,
    line,
    kind: spec.kind ?? 'record',
    message: spec.message,
    text: headerText(spec),
    run: 1,
    ...(spec.time === undefined ? {} : { timestamp: `${DAY} ${spec.time}` }),
    ...(spec.level === undefined ? {} : { level: spec.level }),
    ...(spec.id === undefined ? {} : { messageId: spec.id }),
    ...(spec.component === undefined ? {} : { component: spec.component }),
    ...(phase === undefined ? {} : { phase }),
  };
  return event;
}

function buildEvents(): LogEvent[] {
  const act = SETUPACT_LINES.map((spec, i) => toEvent(0, i + 1, spec, phaseOf(i + 1)));
  const err = CASCADE.map((spec, i) => toEvent(1, i + 1, spec, 'generalize'));
  return [...act, ...err];
}

function source(path: string, lines: readonly LineSpec[], flavor: 'setupact' | 'setuperr'): SourceInfo {
  const count = (k: EventKind): number => lines.filter((l) => (l.kind ?? 'record') === k).length;
  return {
    path,
    role: 'sysprep',
    flavor,
    encoding: 'utf-8',
    lines: lines.length,
    bytes: lines.reduce((n, l) => n + headerText(l).length + 2, 0),
    truncatedLines: 0,
    kinds: { record: count('record'), continuation: count('continuation'), blank: count('blank'), foreign: count('foreign') },
    legacyDecodedLines: 0,
  };
}

const at = (time: string): string => `${DAY} ${time}`;

const PHASES: readonly Phase[] = [
  {
    name: 'cleanup',
    step: 'execute',
    scope: 'internal',
    startedAt: at('10:02:11'),
    endedAt: at('10:02:14'),
    startLine: 10,
    endLine: 20,
    outcome: 'succeeded',
    providers: [
      { module: 'C:\\Windows\\System32\\spopk.dll', entryPoint: 'Sysprep_Clean_Validate_Opk', result: 'succeeded', code: null, startedAt: at('10:02:11'), endedAt: at('10:02:11'), line: 11 },
      { module: 'C:\\Windows\\System32\\spbcd.dll', entryPoint: 'Sysprep_Clean_Bcd', result: 'succeeded', code: null, startedAt: at('10:02:12'), endedAt: at('10:02:13'), line: 13 },
      { module: 'C:\\Windows\\System32\\msdtcprx.dll', entryPoint: 'DtcSysprep_Cleanup', result: 'succeeded', code: null, startedAt: at('10:02:13'), endedAt: at('10:02:14'), line: 17 },
    ],
  },
  {
    name: 'generalize',
    step: 'validate',
    scope: 'internal',
    startedAt: at('10:02:14'),
    endedAt: at('10:02:18'),
    startLine: 21,
    endLine: 36,
    outcome: 'failed',
    providers: [
      { module: 'C:\\Windows\\System32\\spbcd.dll', entryPoint: 'Sysprep_Generalize_Validate_Bcd', result: 'succeeded', code: null, startedAt: at('10:02:14'), endedAt: at('10:02:15'), line: 24 },
      { module: APPX_DLL, entryPoint: 'SysprepGeneralizeValidate', result: 'failed', code: '0x3cf2', startedAt: at('10:02:15'), endedAt: at('10:02:18'), line: 26 },
    ],
  },
];

const RUN: RunInfo = {
  index: 1,
  source: SETUPACT,
  kind: 'sysprep',
  startedAt: at('10:02:11'),
  endedAt: at('10:02:19'),
  startLine: 1,
  endLine: 39,
  options: ['GENERALIZE', 'OOBE', 'SHUTDOWN'],
  mode: null,
  outcome: 'failed',
  failure: { stage: 'pre-validate', pass: 'generalize', scope: 'internal', code: '0x80073cf2', source: SETUPACT, line: 36 },
  phases: PHASES,
  rootCauseRuleId: 'appx-installed-not-provisioned',
};

function evidence(lines: readonly number[]): Finding['evidence'] {
  return lines.map((line) => ({ source: SETUPACT, line, text: headerText(SETUPACT_LINES[line - 1]!) }));
}

const ROOT: Finding = {
  ruleId: 'appx-installed-not-provisioned',
  title: 'AppX package installed for a user but not provisioned for all users',
  severity: 'critical',
  confidence: 'high',
  role: 'cause',
  rootCause: true,
  run: 1,
  culprit: CULPRIT,
  codes: [
    { value: '0x80073CF2', name: 'ERROR_INSTALL_INVALID_PACKAGE', origin: 'provider' },
    { value: '0x00003CF2', name: 'ERROR_INSTALL_INVALID_PACKAGE', origin: 'chain' },
  ],
  hint: `${CULPRIT} is installed for at least one user profile but is not provisioned for all users, so AppxSysprep refuses to generalize. The Store often updates an inbox app for the signed-in user while the machine is in audit mode.`,
  remediation: [
    { description: 'List the package for every user to see which profiles have it', command: `Get-AppxPackage -AllUsers -Name Microsoft.OneDriveSync | Format-List PackageFullName,PackageUserInformation`, shell: 'powershell', destructive: false },
    { description: 'Remove the package for the account running sysprep', command: `Remove-AppxPackage -Package ${CULPRIT}`, shell: 'powershell', destructive: true },
    { description: 'Remove the provisioned copy, if any', command: `Remove-AppxProvisionedPackage -Online -PackageName ${CULPRIT}`, shell: 'powershell', destructive: true },
    { description: 'For other profiles listed as Installed, sign in as them and remove the package, or delete the accounts', command: null, shell: 'none', destructive: false },
  ],
  references: [
    'https://learn.microsoft.com/en-us/troubleshoot/windows-client/setup-upgrade-and-drivers/sysprep-fails-remove-or-update-store-apps',
  ],
  evidence: evidence(CASCADE_LINES),
  count: 1,
};

const PROVIDER: Finding = {
  ruleId: 'internal-provider-failed',
  title: 'A sysprep provider failed during pre-validation',
  severity: 'error',
  confidence: 'medium',
  role: 'generic',
  rootCause: false,
  run: 1,
  culprit: 'AppxSysprep.dll,SysprepGeneralizeValidate',
  codes: [{ value: '0x00003CF2', name: 'ERROR_INSTALL_INVALID_PACKAGE', origin: 'chain' }],
  hint: 'AppxSysprep.dll returned 0x3cf2 from SysprepGeneralizeValidate; the lines before it say why.',
  remediation: [],
  references: [],
  evidence: evidence([32]),
  count: 1,
};

const STORE: Finding = {
  ruleId: 'store-updates-in-audit-mode',
  title: 'Store app updates enabled in audit mode',
  severity: 'warning',
  confidence: 'medium',
  role: 'context',
  rootCause: false,
  run: 1,
  culprit: null,
  codes: [],
  hint: 'Automatic Store updates can update inbox apps for the signed-in user, which breaks generalize.',
  remediation: [
    { description: 'Keep the reference machine offline in audit mode, or disable automatic Store updates', command: 'reg add HKLM\\SOFTWARE\\Policies\\Microsoft\\WindowsStore /v AutoDownload /t REG_DWORD /d 2 /f', shell: 'cmd', destructive: false },
  ],
  references: [],
  evidence: evidence([18]),
  count: 1,
};

const REPORT: Report = {
  schemaVersion: 1,
  tool: { name: 'sysprep-doctor', version: '0.1.0' },
  verdict: 'failed',
  summary: `Sysprep /generalize failed in pre-validation: the AppX package ${CULPRIT} is installed for a user but not provisioned for all users (0x80073CF2).`,
  redacted: false,
  sources: [source(SETUPACT, SETUPACT_LINES, 'setupact'), source(SETUPERR, CASCADE, 'setuperr')],
  runs: [RUN],
  findings: [ROOT, PROVIDER, STORE],
  noise: { count: 2, byRule: { 'bcd-efi-entry-failed': 2 } },
  problems: [],
  stats: { lines: SETUPACT_LINES.length + CASCADE.length, bytes: 0, keptEvents: SETUPACT_LINES.length + CASCADE.length },
};

/** The fixture model: the failed generalize run and its 48 events (setupact 1..40, setuperr 1..8). */
export function fixtureModel(overrides: Partial<TuiModel> = {}): TuiModel {
  return { report: REPORT, events: buildEvents(), ...overrides };
}

/** The same run as read from a paste without timestamps (CMTrace-less, stripped headers). */
export function fixtureWithoutTimestamps(): TuiModel {
  const strip = (p: Phase): Phase => ({
    ...p,
    startedAt: null,
    endedAt: null,
    providers: p.providers.map((pr) => ({ ...pr, startedAt: null, endedAt: null })),
  });
  const run: RunInfo = { ...RUN, startedAt: null, endedAt: null, phases: RUN.phases.map(strip) };
  const events = buildEvents().map((e) => {
    const { timestamp: _dropped, ...rest } = e;
    return rest;
  });
  return { report: { ...REPORT, runs: [run] }, events };
}
