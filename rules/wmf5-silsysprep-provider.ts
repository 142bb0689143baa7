import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'wmf5-silsysprep-provider',
  catalogue: 'SIG-13',
  title: 'A WMF 5.x Sysprep provider breaks generalize on Windows 7 / Server 2008 R2',
  severity: 'error',
  // Catalogue: low-medium; the provider line is inferred from the community script and issue, not seen in a full log.
  confidence: 'low',
  role: 'cause',
  // Windows 7-era builds call every provider through LaunchDll, so only that form is expected.
  pattern:
    /LaunchDll: ?Failure occurred while executing '(?<target>[^']*(?:silsysprep\.dll|Sysprep_Generalize_MiStreamProv)[^']*)', returned error code (?<code>-?(?:0x)?[0-9a-f]+)/i,
  culprit: '{{target}}',
  hint:
    'Windows Management Framework 5.x registered a generalize provider ({{culprit}}) that fails on Windows 7 / ' +
    'Server 2008 R2. The stream provider fails with error 2 when HKLM\\SOFTWARE\\Microsoft\\Windows\\StreamProvider ' +
    'has no LastFullPayloadTime value.',
  docs: {
    meaning:
      'A generalize provider installed by WMF 5.x (the software-inventory-logging provider silsysprep.dll, or the ' +
      'stream provider entry Sysprep_Generalize_MiStreamProv) returned an error and aborted Sysprep.',
    cause:
      'WMF 5.0/5.1 on Windows 7 / Server 2008 R2 adds these providers; the stream provider expects a registry value ' +
      'that WMF did not create.',
  },
  remediation: [
    {
      description: 'List the registered generalize providers and look for silsysprep.dll or the stream provider.',
      command: 'reg query "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Setup\\Sysprep\\Generalize"',
      shell: 'cmd',
      destructive: false,
    },
    {
      description: 'Create the value the stream provider expects (WMF 5.1 known-issue workaround), then rerun Sysprep.',
      command:
        'New-ItemProperty -Path HKLM:\\SOFTWARE\\Microsoft\\Windows\\StreamProvider -Name LastFullPayloadTime -Value 0 -PropertyType DWord -Force',
      shell: 'powershell',
      destructive: true,
    },
    {
      description:
        'For silsysprep.dll: back up the key, give Administrators full control of it, delete the value whose data ' +
        'names silsysprep.dll, and rerun Sysprep - or install WMF 5.x only after imaging.',
      command: 'reg export "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Setup\\Sysprep\\Generalize" "%TEMP%\\Sysprep-Generalize.reg" /y',
      shell: 'cmd',
      destructive: false,
    },
  ],
  references: [
    'https://gist.github.com/TravisEz13/cb0403bc21f1506531d609c2933f1166',
    'https://github.com/MicrosoftDocs/PowerShell-Docs/issues/1161',
  ],
  samples: {
    matches: [
      "2017-04-19 13:21:40, Error      [0x0f0082] SYSPRP LaunchDll:Failure occurred while executing 'C:\\Windows\\System32\\silsysprep.dll,SilSysprepGeneralize', returned error code 1",
      "Error [0x0f0082] SYSPRP LaunchDll:Failure occurred while executing 'C:\\Windows\\system32\\mistreamprov.dll,Sysprep_Generalize_MiStreamProv', returned error code 2",
    ],
    culprits: [
      'C:\\Windows\\System32\\silsysprep.dll,SilSysprepGeneralize',
      'C:\\Windows\\system32\\mistreamprov.dll,Sysprep_Generalize_MiStreamProv',
    ],
    ignores: [
      "2017-04-19 13:21:40, Info       [0x0f0081] SYSPRP LaunchDll:Successfully executed 'C:\\Windows\\System32\\silsysprep.dll,SilSysprepGeneralize' without error",
      "2017-04-19 13:21:40, Error      [0x0f0082] SYSPRP LaunchDll:Failure occurred while executing 'C:\\Windows\\System32\\spbcd.dll,Sysprep_Generalize_Bcd', returned error code 2",
    ],
  },
});
