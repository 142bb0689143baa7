import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'reserved-storage-in-use',
  catalogue: 'SIG-07',
  title: 'Reserved storage is in use by a pending update or servicing operation',
  severity: 'error',
  confidence: 'high',
  role: 'cause',
  pattern: /Audit mode cannot be turned on if reserved storage is in use/i,
  hint:
    'An update or servicing operation is holding reserved storage, so the cleanup validation of spopk.dll refuses ' +
    'to continue. Note that the summary code 0x80070975 is lossy: the provider code is 0x800F0975 (CBS facility), not a Win32 error.',
  docs: {
    meaning:
      'spopk.dll (Sysprep_Clean_Validate_Opk) failed cleanup pre-validation with 0x800F0975; the chain carries dwRet ' +
      '0x975 and the summary 0x80070975.',
    cause: 'Windows Update or another servicing operation is pending or incomplete and keeps reserved storage busy.',
  },
  remediation: [
    {
      description: 'Show whether reserved storage is enabled and whether a servicing scenario holds it.',
      command:
        'Get-WindowsReservedStorageState; Get-ItemProperty -Path "HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\ReserveManager" -Name ActiveScenario -ErrorAction SilentlyContinue',
      shell: 'powershell',
      destructive: false,
    },
    {
      description: 'List servicing packages that are still pending.',
      command: 'dism /online /get-packages /format:table | findstr /i "Pending"',
      shell: 'cmd',
      destructive: false,
    },
    {
      description: 'Install the outstanding updates and restart; repeat until nothing is pending, then rerun Sysprep.',
      command: 'shutdown /r /t 0',
      shell: 'cmd',
      destructive: true,
    },
    {
      description: 'Optionally disable reserved storage (only works while it is not in use).',
      command: 'Set-WindowsReservedStorageState -State Disabled',
      shell: 'powershell',
      destructive: true,
    },
  ],
  references: [
    'https://learn.microsoft.com/en-us/troubleshoot/mem/configmgr/os-deployment/windows-11-image-capture-fail',
    'https://learn.microsoft.com/en-us/powershell/module/dism/set-windowsreservedstoragestate',
    'https://github.com/DrEmpiricism/Optimize-Offline/issues/155',
  ],
  codes: [0x800f0975, 0x975, 0x80070975],
  samples: {
    matches: [
      '2022-05-16 15:18:01, Error      [0x0f00b0] SYSPRP Sysprep_Clean_Validate_Opk: Audit mode cannot be turned on if reserved storage is in use. An update or servicing operation may be using reserved storage.; hr = 0x800F0975',
      '05-16-2022 15:18:01.000 SYSPRP Sysprep_Clean_Validate_Opk: Audit mode cannot be turned on if reserved storage is in use. An update or servicing operation may be using reserved storage.; hr = 0x800F0975',
      'Error SYSPRP Sysprep_Clean_Validate_Opk: Audit mode cannot be turned on if reserved storage is in use. An update or servicing operation may be using reserved storage.; hr = 0x800f0975',
    ],
    culprits: [null, null, null],
    ignores: [
      'Sysprep_Clean_Validate_Opk: Successfully validated reserves state on the machine for entering audit mode.',
      "2022-05-16 15:18:01, Error      [0x0f0082] SYSPRP ActionPlatform::LaunchModule: Failure occurred while executing 'Sysprep_Clean_Validate_Opk' from C:\\Windows\\System32\\spopk.dll; dwRet = 0x975",
    ],
  },
});
