import { defineRule } from '../src/engine/define-rule.js';

// Field-guide rule (no catalogue id): AWS documents this UnattendGC failure of the specialize pass.
export default defineRule({
  id: 'copyprofile-failed',
  title: 'CopyProfile could not copy the customized profile to the default profile',
  severity: 'error',
  confidence: 'medium',
  role: 'cause',
  pattern: /\[Shell Unattend\] (?<step>\w*(?:CopyProfile|FindLatestProfile)\w*) failed \((?<hr>0x[0-9a-f]{8})\)/i,
  culprit: '{{step}}',
  hint:
    'The CopyProfile setting (Microsoft-Windows-Shell-Setup) failed in {{step}} with {{hr}}. AWS documents the ' +
    'usual cause: the profile of a deleted user is still listed under HKLM\\SOFTWARE\\Microsoft\\Windows ' +
    'NT\\CurrentVersion\\ProfileList, so Setup cannot find the "latest" profile to copy.',
  docs: {
    meaning:
      'In the specialize pass, Shell Unattend looks for the most recently used profile (_FindLatestProfile) and ' +
      'copies it over the default user profile; one of those steps failed (0x80070003 = path not found).',
    cause:
      'A ProfileList entry points at a profile folder that no longer exists (a deleted user, or a leftover .bak ' +
      'entry), or the profile to copy is otherwise unreadable.',
  },
  remediation: [
    {
      description: 'List ProfileList entries and whether their profile folder exists.',
      command:
        "Get-ChildItem 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList' | ForEach-Object { $p = [Environment]::ExpandEnvironmentVariables((Get-ItemProperty $_.PSPath).ProfileImagePath); [pscustomobject]@{ Sid = $_.PSChildName; Path = $p; Exists = Test-Path $p } } | Format-Table -AutoSize",
      shell: 'powershell',
      destructive: false,
    },
    {
      description: 'Back up ProfileList before removing anything.',
      command: 'reg export "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList" "%TEMP%\\ProfileList.reg" /y',
      shell: 'cmd',
      destructive: false,
    },
    {
      description: 'On the reference machine, remove the stale user entries (S-1-5-21-... whose folder is gone), then generalize again.',
      command:
        "Get-ChildItem 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList' | Where-Object { $_.PSChildName -like 'S-1-5-21-*' -and -not (Test-Path ([Environment]::ExpandEnvironmentVariables((Get-ItemProperty $_.PSPath).ProfileImagePath))) } | Remove-Item -Recurse",
      shell: 'powershell',
      destructive: true,
    },
    {
      description: 'Or set CopyProfile to false in the answer file (Microsoft-Windows-Shell-Setup, specialize) if the default profile need not be customized.',
      shell: 'none',
      destructive: false,
    },
  ],
  references: [
    'https://github.com/awsdocs/amazon-ec2-user-guide-windows/blob/master/doc_source/sysprep-troubleshoot.md',
    'https://learn.microsoft.com/en-us/windows-hardware/customize/desktop/unattend/microsoft-windows-shell-setup-copyprofile',
  ],
  codes: [0x80070003],
  samples: {
    matches: [
      '2023-04-11 06:12:08, Error                        [Shell Unattend] _FindLatestProfile failed (0x80070003) [gle=0x00000003]',
      'Error [Shell Unattend] CopyProfile failed (0x80070003)',
      '2023-04-11 06:12:08, Error [Shell Unattend] CopyProfile failed (0x80070005)',
    ],
    culprits: ['_FindLatestProfile', 'CopyProfile', 'CopyProfile'],
    ignores: [
      "[Shell Unattend] Exiting 'specialize' pass with status 0x80070003",
      "2023-04-11 06:12:08, Info                         [Shell Unattend] Running 'specialize' pass",
    ],
  },
});
