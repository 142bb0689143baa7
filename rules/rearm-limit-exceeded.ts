import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'rearm-limit-exceeded',
  catalogue: 'SIG-03',
  title: 'The Windows licensing rearm limit is exhausted',
  severity: 'error',
  confidence: 'high',
  role: 'cause',
  // Both provider forms: Windows 7-era LaunchDll ('<dll>, SLReArmWindows', returned error code <n>) and the
  // action-file LaunchModule form. The code tells SIG-03 (0xC004D307) from SIG-04 (0xC004F075).
  pattern:
    /(?:LaunchDll: ?Failure occurred while executing '[^']*slc\.dll, ?SLReArmWindows', returned error code|LaunchModule: ?Failure occurred while executing 'SLReArmWindows' from \S*slc\.dll; dwRet ?=) ?(?<code>-1073425657|3221541639|(?:0x)?c004d307)\b/i,
  // One provider only, written two ways; the culprit is that provider.
  culprit: 'slc.dll,SLReArmWindows',
  hint:
    'The licensing rearm that Sysprep runs during generalize was refused with 0xC004D307: this image has used up ' +
    'its rearms (three on Windows 7-era images). Every generalize without SkipRearm consumes one. Later runs on the ' +
    'same image usually fail with the invalid-state error instead.',
  docs: {
    meaning:
      'The Software Protection provider (slc.dll, SLReArmWindows) failed during generalize with 0xC004D307, printed as ' +
      'the signed decimal -1073425657 on Windows 7-era builds.',
    cause:
      'The image has been generalized more times than the licensing rearm count allows; "slmgr /dlv" shows ' +
      '"Remaining Windows rearm count: 0".',
  },
  remediation: [
    {
      description: 'Show the remaining rearm count.',
      command: 'cscript //nologo %windir%\\system32\\slmgr.vbs /dlv',
      shell: 'cmd',
      destructive: false,
    },
    {
      description:
        'Microsoft resolution: rebuild the reference image from the installation media; an image without rearms left cannot be repaired.',
      shell: 'none',
      destructive: true,
    },
    {
      description:
        'For intermediate captures only: generalize with an answer file that sets SkipRearm=1 in the generalize pass ' +
        '(Microsoft-Windows-Security-SPP), and remove it from the final production answer file so KMS client IDs are reset.',
      command: '%WINDIR%\\System32\\Sysprep\\sysprep.exe /generalize /oobe /shutdown /unattend:C:\\Windows\\Temp\\skiprearm.xml',
      shell: 'cmd',
      destructive: true,
    },
  ],
  references: [
    'https://learn.microsoft.com/en-us/troubleshoot/windows-client/setup-upgrade-and-drivers/error-occurs-when-running-sysprep-generalize',
    'https://learn.microsoft.com/en-us/troubleshoot/windows-client/licensing-and-activation/kms-current-count-not-increase',
    'https://learn.microsoft.com/en-us/windows-hardware/manufacture/desktop/sysprep--generalize--a-windows-installation',
    'https://blogs.technet.microsoft.com/askcore/2011/05/11/sysprep-skiprearm-and-image-build-best-practices/',
  ],
  codes: [0xc004d307],
  samples: {
    matches: [
      "2011-06-14 10:02:31, Error      [0x0f0082] SYSPRP LaunchDll:Failure occurred while executing 'C:\\Windows\\System32\\slc.dll,SLReArmWindows', returned error code -1073425657",
      "Error [0x0f0082] SYSPRP LaunchDll: Failure occurred while executing 'C:\\Windows\\System32\\slc.dll, SLReArmWindows', returned error code -1073425657",
      "06-14-2011 10:02:31.000 SYSPRP 983170 (0xf0082) ActionPlatform::LaunchModule: Failure occurred while executing 'SLReArmWindows' from C:\\Windows\\System32\\slc.dll; dwRet = 0xC004D307",
    ],
    culprits: ['slc.dll,SLReArmWindows', 'slc.dll,SLReArmWindows', 'slc.dll,SLReArmWindows'],
    ignores: [
      "2011-06-14 10:02:31, Error      [0x0f0082] SYSPRP LaunchDll:Failure occurred while executing 'C:\\Windows\\System32\\slc.dll,SLReArmWindows', returned error code 0xc004f075",
      '2011-06-14 10:02:31, Error      [0x0f00a8] SYSPRP WinMain: Hit failure while processing sysprep generalize providers; hr = 0xc004d307',
    ],
  },
});
