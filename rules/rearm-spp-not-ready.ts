import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'rearm-spp-not-ready',
  catalogue: 'SIG-04',
  title: 'The licensing rearm failed because the Software Protection service was not ready',
  severity: 'error',
  confidence: 'low',
  role: 'cause',
  // Same provider as rearm-limit-exceeded (SIG-03); only the code differs (0xC004F075, signed -1073418123).
  pattern:
    /(?:LaunchDll: ?Failure occurred while executing '[^']*slc\.dll, ?SLReArmWindows', returned error code|LaunchModule: ?Failure occurred while executing 'SLReArmWindows' from \S*slc\.dll; dwRet ?=) ?(?<code>-1073418123|3221549173|(?:0x)?c004f075)\b/i,
  culprit: 'slc.dll,SLReArmWindows',
  hint:
    'The licensing rearm during generalize returned 0xC004F075, which build scripts report when the Software ' +
    'Protection service (sppsvc) is stopping or not fully started at that moment - a timing problem of automated ' +
    'builds rather than an exhausted rearm count.',
  docs: {
    meaning: 'The SLReArmWindows provider (slc.dll) failed in generalize with 0xC004F075 instead of the rearm-limit code.',
    cause:
      'Community reports: a race in automated VM builds where sppsvc is stopping or not ready when generalize calls ' +
      'the rearm. Not confirmed by Microsoft documentation; verify before acting on it.',
  },
  remediation: [
    {
      description: 'Check the Software Protection service state and the remaining rearm count.',
      command: 'Get-Service sppsvc | Format-List Status,StartType; cscript //nologo $env:windir\\system32\\slmgr.vbs /dlv',
      shell: 'powershell',
      destructive: false,
    },
    {
      description: 'Start the Software Protection service and wait until it runs before starting Sysprep.',
      command: "Start-Service sppsvc; (Get-Service sppsvc).WaitForStatus('Running', '00:02:00')",
      shell: 'powershell',
      destructive: true,
    },
    {
      description:
        'For build-time generalizes, an answer file with SkipRearm=1 (Microsoft-Windows-Security-SPP, generalize pass) avoids ' +
        'the call; the SIG-03 caveats apply (remove it for the production image).',
      shell: 'none',
      destructive: false,
    },
  ],
  references: [
    'https://learn.microsoft.com/en-us/troubleshoot/windows-client/setup-upgrade-and-drivers/error-occurs-when-running-sysprep-generalize',
    'https://blogs.technet.microsoft.com/askcore/2011/05/11/sysprep-skiprearm-and-image-build-best-practices/',
  ],
  codes: [0xc004f075],
  samples: {
    matches: [
      "2023-09-02 03:14:55, Error      [0x0f0082] SYSPRP ActionPlatform::LaunchModule: Failure occurred while executing 'SLReArmWindows' from C:\\Windows\\System32\\slc.dll; dwRet = 0xc004f075",
      "Error [0x0f0082] SYSPRP LaunchDll:Failure occurred while executing 'C:\\Windows\\system32\\slc.dll,SLReArmWindows', returned error code -1073418123",
      "09-02-2023 03:14:55.000 SYSPRP ActionPlatform::LaunchModule:Failure occurred while executing 'SLReArmWindows' from C:\\Windows\\System32\\slc.dll; dwRet = 0xC004F075",
    ],
    culprits: ['slc.dll,SLReArmWindows', 'slc.dll,SLReArmWindows', 'slc.dll,SLReArmWindows'],
    ignores: [
      "2023-09-02 03:14:55, Error      [0x0f0082] SYSPRP ActionPlatform::LaunchModule: Failure occurred while executing 'SLReArmWindows' from C:\\Windows\\System32\\slc.dll; dwRet = 0xc004d307",
      '2023-09-02 03:14:55, Error                 SYSPRP SysprepSession::ExecuteInternal: Error in executing action for Microsoft-Windows-Security-SPP; dwRet = 0xc004f075',
    ],
  },
});
