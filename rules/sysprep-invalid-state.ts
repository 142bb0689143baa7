import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'sysprep-invalid-state',
  catalogue: 'SIG-05',
  title: 'Sysprep refuses to run: an earlier run left the machine in an invalid state',
  severity: 'critical',
  confidence: 'high',
  role: 'cause',
  fatal: true,
  // dwRet is printed as decimal (31), bare hex (1f) or 0x1f depending on the build.
  pattern:
    /(?:RunExternalDlls|RunDlls): ?Not running DLLs; either the machine is in an invalid state or we couldn't update the recorded state, dwRet ?= ?(?<dw>-?(?:0x)?[0-9a-f]+)/i,
  hint:
    'Sysprep stopped before running any provider because an earlier Sysprep run on this image failed part-way and ' +
    'Sysprep cannot roll back. The real cause is in that earlier run: look for a previous run in the same log, in ' +
    'setuperr.log, or in a saved copy of the Panther folders.',
  docs: {
    meaning:
      'RunDlls/RunExternalDlls refuse to start at the beginning of cleanup (dwRet 31 = ERROR_GEN_FAILURE, summarised ' +
      'as hr 0x8007001F): the recorded Sysprep progress says the image is half-processed.',
    cause:
      'A previous Sysprep run failed during processing (often the rearm limit, an AppX or a provider failure) and ' +
      'left the per-phase state in HKLM\\SYSTEM\\Setup\\Status\\SysprepStatus inconsistent. Microsoft notes that ' +
      'Sysprep may have cleared the previous log.',
  },
  remediation: [
    {
      description: 'Save both Panther folders before anything else, so the previous run\'s log is not lost.',
      command:
        'New-Item -ItemType Directory -Force C:\\SysprepLogs | Out-Null; Copy-Item -Recurse "$env:WINDIR\\System32\\Sysprep\\Panther" C:\\SysprepLogs\\Sysprep-Panther; Copy-Item -Recurse "$env:WINDIR\\Panther" C:\\SysprepLogs\\Panther',
      shell: 'powershell',
      destructive: false,
    },
    {
      description: 'Read the recorded Sysprep state (healthy machines show CleanupState 2 and GeneralizationState 7).',
      command: 'reg query "HKLM\\SYSTEM\\Setup\\Status\\SysprepStatus"',
      shell: 'cmd',
      destructive: false,
    },
    {
      description: 'Microsoft resolution: rebuild the image, then fix the cause found in the earlier run before generalizing.',
      shell: 'none',
      destructive: true,
    },
    {
      description:
        'Unsupported community workaround (risky; fix the original cause first): reset the recorded state to the healthy values.',
      command:
        'reg add "HKLM\\SYSTEM\\Setup\\Status\\SysprepStatus" /v GeneralizationState /t REG_DWORD /d 7 /f && reg add "HKLM\\SYSTEM\\Setup\\Status\\SysprepStatus" /v CleanupState /t REG_DWORD /d 2 /f',
      shell: 'cmd',
      destructive: true,
    },
  ],
  references: [
    'https://learn.microsoft.com/en-us/troubleshoot/windows-client/setup-upgrade-and-drivers/fatal-error-occurred-sysprep-machine',
    'https://learn.microsoft.com/en-us/troubleshoot/windows-client/setup-upgrade-and-drivers/error-occurs-when-running-sysprep-generalize',
    'https://pastebin.com/pDV46yqk',
    'https://pastebin.com/VJ0fBjEY',
  ],
  codes: [0x1f, 0x8007001f],
  samples: {
    matches: [
      "2019-05-06 08:14:52, Error      [0x0f0073] SYSPRP RunDlls:Not running DLLs; either the machine is in an invalid state or we couldn't update the recorded state, dwRet = 0x1f",
      "2016-02-11 17:03:09, Error [0x0f0073] SYSPRP RunExternalDlls:Not running DLLs; either the machine is in an invalid state or we couldn't update the recorded state, dwRet= 1f",
      "Error [0x0f0073] SYSPRP RunExternalDlls: Not running DLLs; either the machine is in an invalid state or we couldn't update the recorded state, dwRet = 31",
      "05-06-2019 08:14:52.000 SYSPRP 983155 (0xf0073) RunDlls:Not running DLLs; either the machine is in an invalid state or we couldn't update the recorded state, dwRet = 0x1f",
    ],
    culprits: [null, null, null, null],
    ignores: [
      '2019-05-06 08:14:52, Error      [0x0f0070] SYSPRP RunDlls:An error occurred while running registry sysprep DLLs, halting sysprep execution. dwRet = 0x1f',
      '2019-05-06 08:14:52, Error      [0x0f00ae] SYSPRP WinMain:Hit failure while processing sysprep cleanup external providers; hr = 0x8007001f',
    ],
  },
});
