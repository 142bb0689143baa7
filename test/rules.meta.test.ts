// Keeps the registry, the ids, the files and the docs honest. Each failure names the file to fix.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLine } from '../parsers/panther.js';
import { matchRule } from '../src/engine/match.js';
import { builtinRules } from '../src/engine/registry.js';
import { unknownPlaceholders } from '../src/engine/template.js';

const rulesDir = join(import.meta.dirname, '..', 'rules');
const ruleFiles = readdirSync(rulesDir).filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.endsWith('.test.ts'));
// The catalogue lives beside the repository in CI and in the developers' checkouts, not in a user's clone.
const signaturesPath = join(import.meta.dirname, '..', '..', 'shared', 'reference', 'signatures.md');
const signatures = existsSync(signaturesPath) ? readFileSync(signaturesPath, 'utf8') : '';
const catalogueIds = signatures.split('\n').flatMap((line) => {
  const m = /^### (SIG-\d+) `([a-z0-9-]+)`/.exec(line);
  return m ? [{ sig: m[1]!, id: m[2]! }] : [];
});

describe('rule registry', () => {
  it('lists every file under rules/ exactly once', () => {
    const ids = builtinRules.map((r) => r.id).sort();
    const files = ruleFiles.map((f) => f.replace(/\.ts$/, '')).sort();
    const unlisted = files.filter((f) => !ids.includes(f));
    expect(unlisted, `add an export line to rules/index.ts for: ${unlisted.join(', ')}`).toEqual([]);
    expect(ids, 'rule ids must equal their file names (rules/<id>.ts)').toEqual(files);
  });

  it('has unique kebab-case ids', () => {
    const ids = builtinRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id, `rules/${id}.ts: id must be kebab-case`).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it.each(builtinRules.map((r) => [r.id, r] as const))('%s has complete metadata', (id, rule) => {
    expect(rule.title.trim(), `rules/${id}.ts: title`).not.toBe('');
    expect(rule.hint.trim(), `rules/${id}.ts: hint`).not.toBe('');
    expect(rule.docs.meaning.trim(), `rules/${id}.ts: docs.meaning`).not.toBe('');
    expect(rule.docs.cause.trim(), `rules/${id}.ts: docs.cause`).not.toBe('');
    if (rule.role !== 'noise') {
      expect(rule.remediation.length, `rules/${id}.ts: remediation steps`).toBeGreaterThan(0);
      expect(rule.references.length, `rules/${id}.ts: references`).toBeGreaterThan(0);
    }
    for (const ref of rule.references) expect(ref, `rules/${id}.ts: references must be URLs`).toMatch(/^https?:\/\//);
    // the analyzer runs a pattern once per distinct message: its result must depend on the message alone
    expect(rule.pattern.flags, `rules/${id}.ts: pattern flags`).not.toMatch(/[gy]/);
    for (const { field, name } of unknownPlaceholders(rule)) {
      expect.fail(`rules/${id}.ts: ${field}: placeholder {{${name}}} is not a named group of the pattern`);
    }
    if (rule.catalogue?.startsWith('SIG-')) {
      const entry = catalogueIds.find((c) => c.sig === rule.catalogue);
      if (signatures === '') return; // no ../shared here: the cross-check with the catalogue cannot run
      expect(entry?.id, `rules/${id}.ts: catalogue ${rule.catalogue} has another id in signatures.md`).toBe(id);
    }
  });
});

// Commands that change the machine. A step running one of them must be marked destructive: reports show the
// others as "read-only".
const CHANGES_THE_MACHINE = new RegExp(
  [
    String.raw`\b(?:Remove|Set|Stop|Start(?!-Sleep)|Restart|Disable|Enable|Uninstall|Unregister|Clear|Rename|Reset|Repair)-[A-Z]`,
    String.raw`\bAdd-Appx`,
    String.raw`\breg (?:add|delete|import|restore|load|unload)\b`,
    String.raw`\bshutdown /[rs]\b`,
    String.raw`\bmanage-bde -off\b`,
    String.raw`\bcipher /d\b`,
    String.raw`\bbcdedit /(?:set|delete|create|import)\b`,
    String.raw`\bbcdboot\b`,
    String.raw`\b(?:sc|net) (?:stop|start|config|delete)\b`,
    String.raw`/Remove-|/Cleanup-Image /(?:StartComponentCleanup|RestoreHealth)|/Set-ReservedStorageState`,
    String.raw`\bslmgr(?:\.vbs)? /(?:rearm|ipk|upk|ato)\b`,
    String.raw`\btakeown\b|\bicacls\b.*/(?:grant|reset|setowner|remove)`,
  ].join('|'),
  'i',
);

describe('remediation commands', () => {
  const steps = builtinRules.flatMap((rule) => rule.remediation.map((step, i) => ({ rule, step, i })));

  it('marks every command that changes the machine as destructive (never "read-only")', () => {
    const unmarked = steps
      .filter(({ step }) => step.command && CHANGES_THE_MACHINE.test(step.command) && !step.destructive)
      .map(({ rule, step, i }) => `rules/${rule.id}.ts remediation.${i}: ${step.command}`);
    expect(unmarked).toEqual([]);
  });

  it('gives every command a shell, and every shell-less step no command', () => {
    for (const { rule, step, i } of steps) {
      const where = `rules/${rule.id}.ts remediation.${i}`;
      if (step.command) expect(step.shell, where).not.toBe('none');
      else expect(step.shell, where).toBe('none');
    }
  });

  it('gives every non-noise rule at least one exact command', () => {
    const without = builtinRules.filter((r) => r.role !== 'noise' && !r.remediation.some((s) => s.command)).map((r) => r.id);
    expect(without).toEqual([]);
  });

  it('the test itself recognises state-changing commands', () => {
    for (const command of ['shutdown /r /t 0', 'Restart-Computer', 'Start-Service sppsvc', 'reg add "HKLM\\X" /v Y /d 1 /f', 'manage-bde -off C:', 'Remove-AppxPackage -Package x']) {
      expect(CHANGES_THE_MACHINE.test(command), command).toBe(true);
    }
    for (const command of ['Get-AppxPackage -AllUsers', 'reg query HKLM\\X', 'manage-bde -status C:', 'Start-Sleep -Seconds 30', 'Get-Service sppsvc']) {
      expect(CHANGES_THE_MACHINE.test(command), command).toBe(false);
    }
  });
});

describe.skipIf(signatures === '')('the signature catalogue, whole', () => {
  it('has a rule for every signature of §3, under the catalogue id', () => {
    expect(catalogueIds.length).toBeGreaterThanOrEqual(39);
    const missing = catalogueIds.filter((c) => !builtinRules.some((r) => r.id === c.id && r.catalogue === c.sig));
    expect(missing.map((c) => `${c.sig} ${c.id}`)).toEqual([]);
  });

  it('documents the signatures that cannot be seen in Panther logs (SIG-20, SIG-32) as such', () => {
    const unobservable = builtinRules.filter((r) => r.docs.unobservable).map((r) => r.catalogue);
    expect(unobservable.sort()).toEqual(['SIG-20', 'SIG-32']);
    for (const rule of builtinRules.filter((r) => r.docs.unobservable)) expect(rule.role, rule.id).toBe('context');
  });
});

// One line per row of signatures.md §4, written from the catalogue's pattern and example, not from the rules.
const CATALOGUE_NOISE_LINES: readonly string[] = [
  '2023-02-27 10:11:12, Error SYSPRP MRTGeneralize:98 - ERROR: Failed ConnectServer hr=2147749904',
  '2023-02-27 10:11:12, Error SYSPRP MRTGeneralize:117 - ERROR: Failed DeleteInstance hr=2147749904',
  '2021-06-01 08:00:00, Error SYSPRP Error 0x-2147417850: Failed to re-enable Compat-Gentel custom trigger',
  '2021-06-01 08:00:00, Error SYSPRP setupdigetclassdevs failed with error 0',
  '2019-10-01 12:00:00, Warning SYSPRP ActionPlatform::GetValue: Error from RegQueryValueEx on value SysprepMode under key HKLM\\SYSTEM\\Setup\\Status\\SysprepStatus; dwRet = 0x2',
  '2019-10-01 12:00:00, Warning SYSPRP ActionPlatform::DeleteValue: Registry value SysprepMode under key HKLM\\SYSTEM\\Setup does not exist',
  '2019-10-01 12:00:00, Warning SYSPRP ActionPlatform::DeleteValue: Registry key HKLM\\SOFTWARE\\Contoso does not exist',
  '2019-10-01 12:00:00, Warning SYSPRP Ignoring folder Deleted because could not convert to family name',
  '2019-10-01 12:00:00, Warning SYSPRP SpecializeBcdStore: The /detecthal switch could not be removed because it was not found.',
  '2019-10-01 12:00:00, Warning SYSPRP Recovery file not found at C:\\Windows\\System32\\Recovery\\ReCustomization.xml',
  '2019-10-01 12:00:00, Warning SYSPRP winreBackupRecoveryFile (ReCustomization.xml) failed, Err: 2',
  '2019-10-01 12:00:00, Warning SYSPRP WofEnumWimEntries failed: 0x80070001',
  '2019-10-01 12:00:00, Warning SYSPRP WinREInstall() returning FALSE, gle = 0x64E',
  '2019-10-01 12:00:00, Warning SYSPRP Reagent.dll!WinRE_Specialize returned with: 64E',
  '2019-10-01 12:00:00, Info SYSPRP ResetTSRDSAppXKeys on AUINSTALLAGENT_REG_STAGINGINPROGRESS FAILED: 2',
  '2019-10-01 12:00:00, Warning SYSPRP Callback_SystemRestore: Failed to set System Restore state. GLE is [126]',
  '2019-10-01 12:00:00, Warning SYSPRP GetSystemPartitionPath: Unable to find DOS drive path for system partition',
  '2019-10-01 12:00:00, Warning SYSPRP ModifyBootEntriesLegacy: Could not find the boot entry. This is non-fatal, continuing setup',
  '2019-10-01 12:00:00, Info BFSVC: SetNamedSecurityInfo failed! Error code = 0x2',
  '2019-10-01 12:00:00, Error [SetupCl library] Required profile hive does not exist',
  '2019-10-01 12:00:00, Error [windeploy.exe] CFirstUXWnd::OpenExisting failed with error 80070490',
  '2019-10-01 12:00:00, Info [windeploy.exe] Failed to create Setup SQM task with error 0x800706b5',
  '2019-10-01 12:00:00, Error SYSPRP SPPNP: Failed to queue enumerated driver packages. Err = 0x57',
  '2019-10-01 12:00:00, Error SYSPRP SPPNP: Unable to uninstall device ROOT\\BasicDisplay\\0000. Err = 0xE0000231',
  '2019-10-01 12:00:00, Error CSI Failed to delete \\\\?\\C:\\windows.old\\Program Files\\x.dll; hr = 0x80070005',
  '2019-10-01 12:00:00, Warning MOUPG SPGetFootprintCapabilities: Footprint [C:\\$WINDOWS.~BT] incomplete',
  '2019-10-01 12:00:00, Warning MOUPG CSetupPlatform::Initialize: Failed to initialize tracing',
  '2019-10-01 12:00:00, Warning MOUPG Device [] has no IDs',
  '2019-10-01 12:00:00, Warning SP Failure to delete C:\\pagefile.sys. Error: 0x00000020',
  '[8312] [0x80070002] FIOReadFileIntoBuffer:(1381): The system cannot find the file specified.',
  '2019-10-01 12:00:00, Info [0x0f0052] SYSPRP Shutting down SysPrep log',
  '2019-10-01 12:00:00, Error TOOL BCD: BiUpdateEfiEntry failed c000000d',
  '2019-10-01 12:00:00, Error TOOL BCD: BiExportBcdObjects failed c000000d',
  '2019-10-01 12:00:00, Error TOOL BCD: BiExportStoreAlterationsToEfi failed c000000d',
  '2019-10-01 12:00:00, Error TOOL BCD: Failed to export alterations to firmware. Status: c000000d',
  '2019-10-01 12:00:00, Error TOOL BCD: BiCreateMergedBootEntry failed c0000225',
  '2019-10-01 12:00:00, Error [setup.exe] Winre not found',
  '2019-10-01 12:00:00, Error [setup.exe] winreFindOemWinRe failed: 0x2',
  '2019-10-01 12:00:00, Error [setup.exe] FindWinReSourceImageAndPartition Error 0X2',
];

describe('the noise list of signatures.md §4', () => {
  const noiseRules = builtinRules.filter((r) => r.role === 'noise');

  it('has at least 15 noise rules', () => expect(noiseRules.length).toBeGreaterThanOrEqual(15));

  it.each(CATALOGUE_NOISE_LINES.map((line) => [line]))('a noise rule, and no other rule, matches %s', (line) => {
    const events = parseLine(line, 0, 1);
    const matching = builtinRules.filter((rule) => events.some((e) => matchRule(rule, e)));
    expect(matching.map((r) => r.id).length, `no noise rule matches: ${line}`).toBeGreaterThan(0);
    expect(matching.filter((r) => r.role !== 'noise').map((r) => r.id), line).toEqual([]);
  });

  it('leaves "WinMain: File operations pending" to the context rule of SIG-39, never a cause', () => {
    const events = parseLine('2016-03-01 12:17:21, Warning SYSPRP WinMain: File operations pending', 0, 1);
    const matching = builtinRules.filter((rule) => events.some((e) => matchRule(rule, e)));
    expect(matching.map((r) => `${r.id}:${r.role}`)).toEqual(['cbs-reboot-pending-before-sysprep:context']);
  });
});
