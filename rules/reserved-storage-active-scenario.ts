import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'reserved-storage-active-scenario',
  catalogue: 'SIG-08',
  title: 'Reserved storage is held by an active servicing scenario (Windows 10 1903-1909 wording)',
  severity: 'error',
  // Catalogue: low-medium (one forum thread title, no full log).
  confidence: 'low',
  role: 'cause',
  pattern: /Audit mode (?:can'?t|cannot|can not) be turned on if there is an active scenario/i,
  hint:
    'A servicing scenario (a pending or unfinished update) is active, so the cleanup validation refuses to continue. ' +
    'This is the Windows 10 1903-1909 wording of the reserved-storage check.',
  docs: {
    meaning:
      'The same family as reserved-storage-in-use (SIG-07) on Windows 10 1903/1909 builds, whose spopk.dll words the ' +
      'reserved-storage refusal as an "active scenario".',
    cause: 'An update or servicing operation is pending or incomplete and holds reserved storage.',
  },
  remediation: [
    {
      description: 'Show the reserved storage state and the active servicing scenario.',
      command:
        'Get-WindowsReservedStorageState; Get-ItemProperty -Path "HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\ReserveManager" -Name ActiveScenario -ErrorAction SilentlyContinue',
      shell: 'powershell',
      destructive: false,
    },
    {
      description: 'Finish pending updates and restart until ActiveScenario is 0, then rerun Sysprep.',
      command: 'shutdown /r /t 0',
      shell: 'cmd',
      destructive: true,
    },
  ],
  references: [
    'https://github.com/DrEmpiricism/Optimize-Offline/issues/155',
    'https://learn.microsoft.com/en-us/powershell/module/dism/set-windowsreservedstoragestate',
  ],
  samples: {
    matches: [
      "2019-11-20 14:05:12, Error      [0x0f00b0] SYSPRP Sysprep_Clean_Validate_Opk: Audit mode can't be turned on if there is an active scenario.; hr = 0x800F0975",
      "Error SYSPRP Sysprep_Clean_Validate_Opk: Audit mode cant be turned on if there is an active scenario.",
    ],
    culprits: [null, null],
    ignores: [
      '2019-11-20 14:05:12, Error      [0x0f00b0] SYSPRP Sysprep_Clean_Validate_Opk: Audit mode cannot be turned on if reserved storage is in use. An update or servicing operation may be using reserved storage.; hr = 0x800F0975',
    ],
  },
});
