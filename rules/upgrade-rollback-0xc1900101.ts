import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'upgrade-rollback-0xc1900101',
  catalogue: 'SIG-33',
  title: 'The upgrade rolled back (0xC1900101)',
  severity: 'critical',
  confidence: 'high',
  // A rollback is the symptom of an earlier failure of the upgrade (signatures.md §2.3 step 9: take the result
  // code, read upwards for the object-level error). As a consequence it yields to a cause such as
  // migration-object-abort in the same or an earlier session, and is the root only when nothing explains it.
  role: 'consequence',
  fatal: true,
  // Rollback starts are logged at Info.
  levels: ['Info', 'Warning', 'Error', 'Fatal Error', 'Unknown'],
  pattern: /\b0xC1900101 ?- ?0x(?<ext>[1-5]00[0-9a-f]{2})\b|Initiating rollback\/uninstall|Starting OS Rollback/i,
  hint:
    'Windows Setup rolled the upgrade back. 0xC1900101 is the generic rollback code, mostly a driver compatibility ' +
    'problem; the extend code 0xPxxOO gives the phase P (1 down-level, 2 SafeOS, 3 first boot, 4 OOBE boot, 5 ' +
    'uninstall) and the operation OO (0D migrate data, 17 boot, 18 sysprep, 19 OOBE, 1E pre-OOBE).',
  docs: {
    meaning:
      'A feature update or in-place upgrade failed and Setup restored the previous installation. Reported as a ' +
      'consequence: the specific failure (a migration object, a driver) is logged before the rollback.',
    cause:
      'Most often a driver or filter driver that fails in the new OS; the phase of the extend code says which log ' +
      '($Windows.~BT\\Sources\\Panther, ...\\Rollback, Panther\\UnattendGC) holds the detail.',
  },
  remediation: [
    {
      description: 'Run SetupDiag on the machine; it reads the setup and rollback logs and names the failing rule.',
      command: 'SetupDiag.exe /Output:C:\\SetupDiag\\SetupDiagResults.log',
      shell: 'cmd',
      destructive: false,
    },
    {
      description: 'Find the last occurrence of the code and the migration abort lines, then read upwards.',
      command:
        "Select-String -Path 'C:\\$WINDOWS.~BT\\Sources\\Panther\\setupact.log','C:\\$WINDOWS.~BT\\Sources\\Rollback\\setupact.log' -Pattern '0xC1900101|Shell application requested abort|Abandoning apply due to error for object' -ErrorAction SilentlyContinue",
      shell: 'powershell',
      destructive: false,
    },
    {
      description: 'Update or remove the driver named there (storage, display, security filter drivers first), then retry the upgrade.',
      shell: 'none',
      destructive: true,
    },
  ],
  references: [
    'https://learn.microsoft.com/en-us/windows/deployment/upgrade/log-files',
    'https://learn.microsoft.com/en-us/windows/deployment/upgrade/upgrade-error-codes',
    'https://learn.microsoft.com/en-us/windows/deployment/upgrade/setupdiag',
    'https://pastebin.com/SFud6hH4',
    'https://pastebin.com/8seCyfNb',
  ],
  codes: [0xc1900101],
  samples: {
    matches: [
      '2022-08-23 03:10:44, Info                  SP     Initiating rollback/uninstall, phase = 4',
      'Info [0x0e00cf] TOOL Starting OS Rollback...',
      '2022-08-23 05:12:58, Error MOUPG CSetupManager::Execute(295): Result = 0xC1900101 - 0x4000D',
    ],
    culprits: [null, null, null],
    ignores: [
      '2022-08-23 05:12:58, Error                 MOUPG  CSetupHost::Execute(433): Result = 0x800705BB',
      '2022-08-23 05:12:58, Error                 MOUPG  CSetupManager::Execute(295): Result = 0xC1900101 - 0x7000D',
    ],
  },
});
