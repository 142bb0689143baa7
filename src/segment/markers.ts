// The framework lines of sysprep and Windows Setup: run and session boundaries, stages, providers,
// success markers, and the chain lines of a failure cascade (signatures.md §2.2, panther-format.md §5–§8).
import { parseLogCode } from '../codes/normalize.js';
import { mayContain, requiredLiterals } from '../engine/match.js';

/** A line of a sysprep failure cascade. Never a root cause on its own. */
export type ChainKind =
  | 'winmain' // WinMain:Hit failure while ... providers; hr = (the summary)
  | 'invalid-state' // Not running DLLs; either the machine is in an invalid state ...
  | 'halting' // RunDlls/RunExternalDlls: ... halting sysprep execution. dwRet = ...
  | 'run-platform' // RunPlatformActions:Failed while validating|executing ...
  | 'session' // SysprepSession::Validate|Execute: Error in ... actions from ...\X.xml
  | 'session-component' // SysprepSession::ExecuteInternal: Error in executing action for <component>
  | 'session-operation' // SysprepSession::ExecuteAction: Failed during <op> operation
  | 'action' // ActionPlatform::ExecuteAction / ExecuteActionList: Error in execute(ing) action(s)
  | 'module' // ActionPlatform::LaunchModule: Failure occurred while executing '<entry>' from <module>
  | 'launch-dll' // LaunchDll:Failure occurred while executing '<dll>,<entry>', returned error code <n>
  | 'platform-op'; // ActionPlatform::<Op>: Error from <API> for|on value <v> under key <k>

export interface ChainLine {
  readonly kind: ChainKind;
  /** The code the line carries (hr, dwRet, returned error code), uint32. */
  readonly code?: number;
  readonly pass?: string;
  readonly stage?: string;
  readonly scope?: 'internal' | 'external';
  readonly module?: string;
  readonly entryPoint?: string;
  readonly component?: string;
}

const CODE = String.raw`(-?(?:0x-?)?[0-9a-f]+)`;
const CHAIN_PATTERNS: readonly [ChainKind, RegExp][] = [
  ['winmain', new RegExp(String.raw`WinMain: ?Hit failure while (?<stage>pre-validate|processing) sysprep (?<pass>\w+)?(?: (?<scope>internal|external))? ?providers; hr ?= ?${CODE}`, 'i')],
  ['invalid-state', new RegExp(String.raw`Not running DLLs; either the machine is in an invalid state or we couldn't update the recorded state, dwRet ?= ?${CODE}`, 'i')],
  ['halting', new RegExp(String.raw`(?:RunExternalDlls|RunDlls): ?An error occurred while running registry sysprep DLLs, halting sysprep execution\. dwRet ?= ?${CODE}`, 'i')],
  ['run-platform', new RegExp(String.raw`RunPlatformActions: ?Failed while (?<stage>validating|executing) Sysprep ?session actions; dwRet ?= ?${CODE}`, 'i')],
  ['session', new RegExp(String.raw`SysprepSession::(?<stage>Validate|Execute): ?Error in (?:validating|executing) actions from \S*?(?<pass>Cleanup|Generalize|Specialize|Respecialize)\.xml; dwRet ?= ?${CODE}`, 'i')],
  ['session-component', new RegExp(String.raw`SysprepSession::ExecuteInternal: ?Error in executing action for (?<component>.+?); dwRet ?= ?${CODE}`, 'i')],
  ['session-operation', new RegExp(String.raw`SysprepSession::ExecuteAction: ?Failed during (?<component>\w+) operation; dwRet ?= ?${CODE}`, 'i')],
  ['action', new RegExp(String.raw`ActionPlatform::ExecuteAction(?:List)?: ?Error in execut(?:e|ing) actions?; dwRet ?= ?${CODE}`, 'i')],
  ['module', new RegExp(String.raw`LaunchModule: ?Failure occurred while executing '(?<entry>[^']+)' from (?<module>.+?); dwRet ?= ?${CODE}`, 'i')],
  ['launch-dll', new RegExp(String.raw`LaunchDll: ?Failure occurred while executing '(?<target>[^']+)',? returned error code ${CODE}`, 'i')],
  ['platform-op', new RegExp(String.raw`ActionPlatform::(?<component>\w+): ?Error from \w+ (?:for|on) value .+?; dwRet ?= ?${CODE}`, 'i')],
];
/** Cheap test before the chain patterns: every chain line contains one of these words. */
const CHAIN_PREFILTER = /Hit failure|Not running DLLs|halting sysprep|RunPlatformActions|SysprepSession::|ActionPlatform::|LaunchModule|LaunchDll/i;

export function classifyChainLine(message: string): ChainLine | undefined {
  if (!CHAIN_PREFILTER.test(message)) return undefined;
  for (const [kind, pattern] of CHAIN_PATTERNS) {
    const m = pattern.exec(message);
    if (!m) continue;
    const g = m.groups ?? {};
    const codeText = m[m.length - 1];
    const line: { -readonly [K in keyof ChainLine]: ChainLine[K] } = { kind };
    const code = codeText === undefined ? undefined : parseLogCode(codeText);
    if (code !== undefined) line.code = code;
    if (g.pass) line.pass = g.pass.toLowerCase();
    if (g.stage) line.stage = g.stage.toLowerCase();
    if (g.scope) line.scope = g.scope.toLowerCase() as 'internal' | 'external';
    if (g.component) line.component = g.component;
    if (kind === 'module') {
      line.module = g.module!;
      line.entryPoint = g.entry!;
      line.scope = 'internal';
    }
    if (kind === 'launch-dll') {
      const [module, entry] = splitDllTarget(g.target!);
      line.module = module;
      line.entryPoint = entry;
      line.scope = 'external';
    }
    if (kind === 'halting' && /RunExternalDlls/i.test(message)) line.scope = 'external';
    return line;
  }
  return undefined;
}

/** `C:\Windows\System32\slc.dll, SLReArmWindows` → [module, entry point]. */
export function splitDllTarget(target: string): [string, string] {
  const comma = target.lastIndexOf(',');
  if (comma === -1) return [target.trim(), ''];
  return [target.slice(0, comma).trim(), target.slice(comma + 1).trim()];
}

/** Chain kinds whose presence alone shows that the run failed. */
export const FAILURE_CHAIN_KINDS: ReadonlySet<ChainKind> = new Set(['winmain', 'invalid-state', 'halting', 'session', 'launch-dll', 'run-platform']);

// --- boundaries, stages, providers, outcomes ------------------------------------------------------

export type Marker =
  | { readonly type: 'sysprep-run-start' }
  /** The `=====` rule line around the banner: a run start when no banner line precedes it. */
  | { readonly type: 'banner-rule' }
  | { readonly type: 'session-start'; readonly kind: 'setup' | 'unattend' | 'upgrade' | 'rollback'; readonly label: string }
  | { readonly type: 'option'; readonly option: string }
  | { readonly type: 'mode'; readonly mode: string }
  | { readonly type: 'stage'; readonly name: string; readonly step?: 'validate' | 'execute'; readonly scope?: 'internal' | 'external' }
  | { readonly type: 'pass'; readonly name: string }
  | { readonly type: 'provider-start'; readonly module: string; readonly entryPoint: string }
  | { readonly type: 'provider-success'; readonly module: string; readonly entryPoint: string }
  | { readonly type: 'os-build'; readonly build: string }
  | { readonly type: 'success' }
  | { readonly type: 'failure' };

const PASS_NAMES = 'windowsPE|offlineServicing|generalize|specialize|auditSystem|auditUser|oobeSystem';
const EXTERNAL_PHASES: Readonly<Record<string, string>> = { '1': 'generalize', '2': 'specialize', '3': 'cleanup' };

type MarkerReader = (m: RegExpExecArray) => Marker | undefined;
/** Pattern, reader, and (where those read from the pattern are common words) the literals to look for first. */
const MARKERS: readonly [RegExp, MarkerReader, (readonly string[])?][] = [
  [/Beginning of a new sysprep run/i, () => ({ type: 'sysprep-run-start' })],
  [/^===================+\s*$/, () => ({ type: 'banner-rule' })], // 20 or more; written out so that '====' is its literal
  [/ParseCommands: ?Found supported command line option '(\w+)'/i, (m) => ({ type: 'option', option: m[1]!.toUpperCase() })],
  [/WinMain: ?Sysprep mode \[(\w+)\]/i, (m) => ({ type: 'mode', mode: m[1]!.toLowerCase() })],
  [/WinMain: ?Displaying dialog box for user to choose sysprep mode/i, () => ({ type: 'mode', mode: 'gui' })],
  [/WinMain: ?Pre-validing '(\w+)' internal providers/i, (m) => ({ type: 'stage', name: m[1]!.toLowerCase(), step: 'validate', scope: 'internal' })],
  [/WinMain: ?Processing '(\w+)' external provider request/i, (m) => ({ type: 'stage', name: m[1]!.toLowerCase(), step: 'execute', scope: 'external' })],
  [
    /SysprepSession::(Validate|Execute): ?Beginning action execution from \S*?(Cleanup|Generalize|Specialize|Respecialize)\.xml/i,
    (m) => ({ type: 'stage', name: m[2]!.toLowerCase(), step: m[1]!.toLowerCase() === 'validate' ? 'validate' : 'execute', scope: 'internal' }),
  ],
  [
    /RunDlls: ?Running DLLs listed in registry for phase (\d)/i,
    (m) => (EXTERNAL_PHASES[m[1]!] ? { type: 'stage', name: EXTERNAL_PHASES[m[1]!]!, step: 'execute', scope: 'external' } : undefined),
  ],
  [/RunRegistryDlls: ?Found entrypoint in registry at \S*\\SysPrep\\(\w+)\\/i, (m) => ({ type: 'stage', name: m[1]!.toLowerCase(), step: 'execute' })],
  [/LaunchModule: ?(?:Executing method '([^']+)' from (.+?)\s*$|Found '([^']+)' in (.+?); executing it)/i, (m) => ({
    type: 'provider-start', entryPoint: (m[1] ?? m[3])!, module: (m[2] ?? m[4])!,
  })],
  [/LaunchDll: ?Found '([^']+)'; executing it/i, (m) => {
    const [module, entryPoint] = splitDllTarget(m[1]!);
    return { type: 'provider-start', module, entryPoint };
  }],
  [/LaunchModule: ?Successfully executed '([^']+)' from (.+?)(?: without error)?\s*$/i, (m) => ({ type: 'provider-success', entryPoint: m[1]!, module: m[2]! })],
  [/LaunchDll: ?Successfully executed '([^']+)'/i, (m) => {
    const [module, entryPoint] = splitDllTarget(m[1]!);
    return { type: 'provider-success', module, entryPoint };
  }],
  // the OS the log was written on: Windows Setup's `Build version is 6.3.9600.16384 (...)`, the appraiser's `Host OS version: 10.0.17134.0`
  [/\bBuild version is (\d+\.\d+\.\d+(?:\.\d+)?(?: \([\w.-]+\))?)/i, (m) => ({ type: 'os-build', build: m[1]! })],
  [/\bHost OS version: ?(\d+\.\d+\.\d+(?:\.\d+)?)/i, (m) => ({ type: 'os-build', build: m[1]! })],
  [/FCreateTagFile: ?Successfully created tag file|ProcessShutdown: ?Successfully called InitiateSystemShutdownEx/i, () => ({ type: 'success' })],
  [/Callback_Specialize: ?Enter\b/i, () => ({ type: 'stage', name: 'specialize', step: 'execute' })],
  [/Setup has started phase (\d)/i, (m) => ({ type: 'session-start', kind: 'setup', label: `Windows Setup phase ${m[1]}` })],
  [/SetupHost Logging Begin/i, () => ({ type: 'session-start', kind: 'upgrade', label: 'SetupHost (down-level)' })],
  [/Initiating rollback\/uninstall|Starting OS Rollback/i, () => ({ type: 'session-start', kind: 'rollback', label: 'Rollback' })],
  [/\[windeploy\.exe\] WinDeploy\.exe launched/i, () => ({ type: 'session-start', kind: 'unattend', label: 'WinDeploy' })],
  [/Setup has completed phase \d|First boot phase of setup done|--> \[IMAGE_STATE_COMPLETE\]|WinDeploy\.exe exiting with code \[0x0\]/i, () => ({ type: 'success' })],
  [new RegExp(String.raw`(?:pass \[(${PASS_NAMES})\]|Running '(${PASS_NAMES})' pass|launched with command line \[(${PASS_NAMES})\])`, 'i'), (m) => ({
    type: 'pass', name: (m[1] ?? m[2] ?? m[3])!,
  }), PASS_NAMES.toLowerCase().split('|').flatMap((pass) => [`pass [${pass}]`, `running '${pass}' pass`, `launched with command line [${pass}]`])],
];
/** Per marker pattern, the literals it cannot match without (matched against the lower-cased message). */
const MARKER_LITERALS = MARKERS.map(([pattern, , literals]) => literals ?? requiredLiterals(pattern));
/** `readMarker`'s candidates are a bit mask, one bit per marker. */
if (MARKERS.length > 32) throw new Error('markers.ts: more than 32 markers');
const ALL_MARKERS = -1;

/**
 * Per marker (in `readMarker`'s order), literals of which every message it recognizes contains one
 * (ASCII-case-insensitive): a message without any of them is not that marker. Null for a marker
 * without such literals.
 */
export function markerLiteralGroups(): readonly (readonly string[] | null)[] {
  return MARKER_LITERALS;
}

/**
 * The marker a message is, if any. `candidates`: a bit mask of the markers (bit i: the i-th group of
 * `markerLiteralGroups`) it may be, when a gate has already looked for their literals.
 */
export function readMarker(message: string, candidates: number = ALL_MARKERS): Marker | undefined {
  let lower: string | undefined;
  for (let rest = candidates; rest !== 0; rest &= rest - 1) {
    const i = 31 - Math.clz32(rest & -rest);
    if (i >= MARKERS.length) break;
    if (!mayContain(MARKER_LITERALS[i]!, (lower ??= message.toLowerCase()))) continue;
    const [pattern, read] = MARKERS[i]!;
    const m = pattern.exec(message);
    if (m) {
      const marker = read(m);
      if (marker) return marker;
    }
  }
  return undefined;
}
