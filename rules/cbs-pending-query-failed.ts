import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'cbs-pending-query-failed',
  catalogue: 'SIG-09',
  title: 'Sysprep could not query the servicing stack for pending operations',
  severity: 'error',
  confidence: 'medium',
  role: 'cause',
  pattern: /(?:spopk\.dll:: ?)?Failed to query pending CBS operations; hr ?= ?(?<hr>0x[0-9a-f]{8})/i,
  hint:
    'spopk.dll could not ask the servicing stack (TrustedInstaller / CBS) whether operations are pending; it got ' +
    '{{hr}}. The summary 0x80070005 that follows is lossy: it is not an access-denied problem when the provider ' +
    'code is 0x80080005 (the COM server could not be started).',
  docs: {
    meaning:
      'Cleanup pre-validation (spopk.dll, Sysprep_Clean_Validate_Opk) failed because the CBS query failed; with ' +
      '0x80080005 the chain shows dwRet 0x5 and the summary 0x80070005.',
    cause:
      'The servicing stack could not be started or answered too slowly: servicing busy, TrustedInstaller disabled, or ' +
      'the system under heavy load (a minutes-long gap before the error points at a COM activation timeout).',
  },
  remediation: [
    {
      description: 'Check the TrustedInstaller service configuration and state.',
      command: 'sc.exe qc TrustedInstaller && sc.exe query TrustedInstaller',
      shell: 'cmd',
      destructive: false,
    },
    {
      description: 'Look for servicing packages still pending.',
      command: 'dism /online /get-packages /format:table | findstr /i "Pending"',
      shell: 'cmd',
      destructive: false,
    },
    {
      description: 'Make TrustedInstaller startable and start it.',
      command: 'Set-Service TrustedInstaller -StartupType Manual; Start-Service TrustedInstaller',
      shell: 'powershell',
      destructive: true,
    },
    {
      description: 'Restart so pending servicing can finish, then rerun Sysprep.',
      command: 'shutdown /r /t 0',
      shell: 'cmd',
      destructive: true,
    },
  ],
  references: ['https://github.com/GoogleCloudPlatform/compute-image-windows/issues/156'],
  codes: [0x80080005, 0x5, 0x80070005],
  samples: {
    matches: [
      '2020-10-09 21:47:13, Error      [0x0f00b0] SYSPRP spopk.dll:: Failed to query pending CBS operations; hr = 0x80080005',
      '10-09-2020 21:47:13.000 SYSPRP spopk.dll::Failed to query pending CBS operations; hr = 0x80080005',
      'Error [0x0f00b0] SYSPRP spopk.dll:: Failed to query pending CBS operations; hr = 0x800706BA',
    ],
    culprits: [null, null, null],
    ignores: [
      "2020-10-09 21:47:13, Error      [0x0f0082] SYSPRP ActionPlatform::LaunchModule: Failure occurred while executing 'Sysprep_Clean_Validate_Opk' from C:\\Windows\\System32\\spopk.dll; dwRet = 0x5",
      '2020-10-09 21:47:13, Error      [0x0f00d8] SYSPRP WinMain:Hit failure while pre-validate sysprep cleanup internal providers; hr = 0x80070005',
    ],
  },
});
