import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'external-provider-failed',
  catalogue: 'SIG-15',
  title: 'An external (registry-registered) Sysprep provider failed',
  severity: 'error',
  confidence: 'high',
  role: 'generic',
  pattern: /LaunchDll: ?Failure occurred while executing '(?<target>[^']+)', returned error code (?<code>-?(?:0x)?[0-9a-f]+)/i,
  culprit: '{{target}}',
  hint:
    'The provider {{culprit}} returned {{code}}. Any provider that does not return ERROR_SUCCESS aborts Sysprep by ' +
    'design; external providers are registered by Windows features or third-party software under ' +
    'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Setup\\SysPrepExternal (or the legacy ...\\Setup\\Sysprep key).',
  docs: {
    meaning:
      'The generic fallback for LaunchDll failures: a registry-registered provider (<dll>,<entry point>) failed and ' +
      'RunExternalDlls/RunDlls halted Sysprep. Used only when no more specific signature explains the cascade.',
    cause:
      'The provider\'s own precondition failed (missing file, access denied, service state...). The vendor of the ' +
      'DLL knows what it checks; the code is the provider\'s own return value.',
  },
  remediation: [
    {
      description: 'List the registered external providers per pass.',
      command: 'reg query "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Setup\\SysPrepExternal" /s',
      shell: 'cmd',
      destructive: false,
    },
    {
      description: 'List the legacy registry providers too.',
      command: 'reg query "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Setup\\Sysprep" /s',
      shell: 'cmd',
      destructive: false,
    },
    {
      description: 'Identify the product the DLL belongs to and follow its vendor\'s imaging guidance; fix the condition and rerun Sysprep.',
      shell: 'none',
      destructive: false,
    },
    {
      description: 'Back up the registrations before changing anything.',
      command: 'reg export "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Setup\\SysPrepExternal" "%TEMP%\\SysPrepExternal.reg" /y',
      shell: 'cmd',
      destructive: false,
    },
    {
      description: 'Last resort: unregister this provider (removes every SysPrepExternal value whose data is exactly the provider).',
      command:
        "Get-ChildItem 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Setup\\SysPrepExternal' | ForEach-Object { $key = $_; $key.GetValueNames() | Where-Object { $key.GetValue($_) -eq '{{culprit}}' } | ForEach-Object { Remove-ItemProperty -Path $key.PSPath -Name $_ } }",
      shell: 'powershell',
      destructive: true,
    },
  ],
  references: [
    'https://learn.microsoft.com/en-us/previous-versions/windows/it-pro/windows-7/ee676646(v=ws.10)',
    'https://learn.microsoft.com/en-us/archive/blogs/sunshine/sysprep-providers',
    'https://github.com/hashicorp/packer/issues/5945',
  ],
  samples: {
    matches: [
      "2018-02-21 09:33:12, Error      [0x0f0082] SYSPRP LaunchDll:Failure occurred while executing 'VMAgentDisabler.dll,SysprepProviderEntryPoint', returned error code 0x1f",
      "Error [0x0f0082] SYSPRP LaunchDll: Failure occurred while executing 'C:\\Windows\\system32\\capisp.dll,CryptoSysPrep_Specialize', returned error code -2147024891",
      "02-21-2018 09:33:12.000 SYSPRP 983170 (0xf0082) LaunchDll:Failure occurred while executing 'DscCore.dll,SysPrep_Cleanup', returned error code 0x2",
    ],
    culprits: [
      'VMAgentDisabler.dll,SysprepProviderEntryPoint',
      'C:\\Windows\\system32\\capisp.dll,CryptoSysPrep_Specialize',
      'DscCore.dll,SysPrep_Cleanup',
    ],
    ignores: [
      "2018-02-21 09:33:12, Info       [0x0f0080] SYSPRP LaunchDll:Found 'VMAgentDisabler.dll,SysprepProviderEntryPoint'; executing it",
      "LaunchDll:Successfully executed 'VMAgentDisabler.dll,SysprepProviderEntryPoint' without error",
      "2018-02-21 09:33:12, Error      [0x0f0082] SYSPRP ActionPlatform::LaunchModule: Failure occurred while executing 'Sysprep_Clean_Opk' from C:\\Windows\\System32\\spopk.dll; dwRet = 0x3",
    ],
  },
});
