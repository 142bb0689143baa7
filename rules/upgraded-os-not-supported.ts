import { defineRule } from '../src/engine/define-rule.js';

// Also the field guide's "upgraded OS" class: there is no separate rule for it.
export default defineRule({
  id: 'upgraded-os-not-supported',
  catalogue: 'SIG-19',
  title: 'Sysprep refuses to run on an upgraded installation',
  severity: 'error',
  confidence: 'low',
  role: 'cause',
  components: ['SYSPRP'],
  pattern: /Sysprep will not run on an upgraded OS|\bupgraded (?:OS|operating system)\b/i,
  hint:
    'Sysprep refused to run because Windows was installed as an in-place upgrade. Builds before Windows 10 1607 ' +
    'only support Sysprep on clean installations; since 1607 upgraded images are supported, so on a modern build ' +
    'this points at an old Sysprep or an unusual setup state.',
  docs: {
    meaning:
      'Sysprep\'s version check found an upgraded installation ("Sysprep will not run on an upgraded OS. You can ' +
      'only run Sysprep on a custom (clean) install version of Windows."). The wording is reported, not seen in a real log.',
    cause:
      'The image was produced by an in-place upgrade on a Windows build that predates upgraded-image support ' +
      '(Windows 10 1607).',
  },
  remediation: [
    {
      description: 'Check the build and whether Setup recorded an upgrade.',
      command:
        "(Get-ItemProperty 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion').CurrentBuild; Test-Path 'HKLM:\\SYSTEM\\Setup\\Upgrade'",
      shell: 'powershell',
      destructive: false,
    },
    {
      description: 'Build the reference image from a clean installation (required before Windows 10 1607).',
      shell: 'none',
      destructive: true,
    },
    {
      description: 'Often-quoted, unsupported workaround: delete the upgrade marker key (back it up first).',
      command: 'reg export "HKLM\\SYSTEM\\Setup\\Upgrade" "%TEMP%\\Setup-Upgrade.reg" /y && reg delete "HKLM\\SYSTEM\\Setup\\Upgrade" /f',
      shell: 'cmd',
      destructive: true,
    },
  ],
  references: [
    'https://learn.microsoft.com/en-us/windows-hardware/manufacture/desktop/sysprep--system-preparation--overview',
    'http://support.microsoft.com/kb/828287/',
  ],
  samples: {
    matches: [
      '2010-09-14 16:02:55, Error                 SYSPRP Sysprep will not run on an upgraded OS. You can only run Sysprep on a custom (clean) install version of Windows.',
      'Error SYSPRP ValidateVersion:Sysprep will not run on an upgraded OS. You can only run Sysprep on a custom (clean) install version of Windows.',
      '09-14-2010 16:02:55.000 SYSPRP ValidateVersion: upgraded OS detected, exiting',
    ],
    culprits: [null, null, null],
    ignores: [
      '2010-09-14 16:02:55, Error                 MOUPG  SetupHost::Initialize: target is an upgraded OS, reusing the previous bookkeeping',
      '2010-09-14 16:02:55, Error      [0x0f0056] SYSPRP ValidateVersion:OS version is okay',
    ],
  },
});
