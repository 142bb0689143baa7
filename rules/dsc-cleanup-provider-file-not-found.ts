import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'dsc-cleanup-provider-file-not-found',
  catalogue: 'SIG-12',
  title: 'The PowerShell DSC cleanup provider failed: file not found',
  severity: 'error',
  // Catalogue: medium-high (three independent reports, no Microsoft resolution).
  confidence: 'medium',
  role: 'cause',
  pattern:
    /LaunchDll: ?Failure occurred while executing '(?<target>[^']*DscCore\.dll, ?SysPrep_Cleanup)', returned error code (?<code>(?:0x)?0*2)\b/i,
  culprit: '{{target}}',
  hint:
    'The external cleanup provider of PowerShell Desired State Configuration ({{culprit}}) hit a missing file or ' +
    'path (error 2) and aborted Sysprep. Seen on Server 2019 Azure images and on Windows 10 1909 after adding a ' +
    'language pack and a cumulative update; stale or half-written DSC state is the likely trigger.',
  docs: {
    meaning:
      'An external (registry-registered) provider, DscCore.dll,SysPrep_Cleanup, returned ERROR_FILE_NOT_FOUND in ' +
      'the cleanup pass; the summary reads "processing sysprep cleanup external providers; hr = 0x80070002".',
    cause:
      'The DSC cleanup provider expects a file or path of the DSC configuration store that is missing. No Microsoft ' +
      'resolution was published; the remedies below are inferred.',
  },
  remediation: [
    {
      description: 'List the registered external cleanup providers.',
      command: 'reg query "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Setup\\SysPrepExternal\\Cleanup"',
      shell: 'cmd',
      destructive: false,
    },
    {
      description: 'Inspect the DSC Local Configuration Manager and its configuration store.',
      command: 'Get-DscLocalConfigurationManager; Get-ChildItem -Force "$env:WINDIR\\System32\\Configuration"',
      shell: 'powershell',
      destructive: false,
    },
    {
      description: 'Remove stale DSC configuration documents, then rerun Sysprep.',
      command: 'Remove-DscConfigurationDocument -Stage Current, Pending, Previous -Force',
      shell: 'powershell',
      destructive: true,
    },
    {
      description:
        'Last resort: back up the registration key, then delete the value whose data is {{culprit}} (reg delete ... /v <name> /f) and rerun Sysprep.',
      command:
        'reg export "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Setup\\SysPrepExternal\\Cleanup" "%TEMP%\\SysPrepExternal-Cleanup.reg" /y',
      shell: 'cmd',
      destructive: false,
    },
  ],
  references: [
    'https://github.com/MicrosoftDocs/azure-docs/issues/80346',
    'https://github.com/MicrosoftDocs/azure-docs/issues/43893',
    'https://github.com/MicrosoftDocs/azure-docs/issues/49145',
    'https://learn.microsoft.com/en-us/archive/blogs/sunshine/sysprep-providers',
  ],
  codes: [0x2, 0x80070002],
  samples: {
    matches: [
      "2022-03-01 18:44:20, Error      [0x0f0082] SYSPRP LaunchDll:Failure occurred while executing 'DscCore.dll,SysPrep_Cleanup', returned error code 0x2",
      "Error [0x0f0082] SYSPRP LaunchDll: Failure occurred while executing 'C:\\Windows\\System32\\DscCore.dll,SysPrep_Cleanup', returned error code 2",
      "03-01-2022 18:44:20.000 SYSPRP 983170 (0xf0082) LaunchDll:Failure occurred while executing 'DscCore.dll,SysPrep_Cleanup', returned error code 0x2",
    ],
    culprits: ['DscCore.dll,SysPrep_Cleanup', 'C:\\Windows\\System32\\DscCore.dll,SysPrep_Cleanup', 'DscCore.dll,SysPrep_Cleanup'],
    ignores: [
      "2022-03-01 18:44:20, Error      [0x0f0082] SYSPRP LaunchDll:Failure occurred while executing 'DscCore.dll,SysPrep_Cleanup', returned error code 0x20",
      '2022-03-01 18:44:20, Error      [0x0f0070] SYSPRP RunExternalDlls:An error occurred while running registry sysprep DLLs, halting sysprep execution. dwRet = 0x2[gle=0x00000006]',
      "2022-03-01 18:44:20, Info       [0x0f0080] SYSPRP LaunchDll:Found 'DscCore.dll,SysPrep_Cleanup'; executing it",
    ],
  },
});
