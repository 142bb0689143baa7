import { defineRule } from '../src/engine/define-rule.js';

// Field-guide rule (no catalogue id). We cannot name vendor DLLs from real logs, so the rule keys on where the
// failing provider lives: Windows' own providers are in System32; a provider under Program Files or ProgramData
// belongs to installed software (security/EDR, VPN, DRM and management agents register such providers to reset
// their machine identity at generalize). Low confidence: the path proves "third-party", not "SID-writing", so it
// is context beside external-provider-failed / internal-provider-failed, which stay the root cause of the line.
export default defineRule({
  id: 'sid-writing-app-provider',
  title: 'The failing Sysprep provider belongs to installed third-party software',
  severity: 'error',
  confidence: 'low',
  role: 'context',
  // Two lookaheads pick the DLL path and the entry point in either provider form:
  //   LaunchDll:    executing '<dll>,<entry>', returned error code <n>
  //   LaunchModule: executing '<entry>' from <dll>; dwRet = <n>
  pattern:
    /^(?=.*?(?<dll>[a-z]:\\(?:Program Files(?: \(x86\))?|ProgramData)\\[^',;]+?\.dll))(?=.*?'(?:[^',]*,\s*)?(?<entry>[^',]+)').*?(?:LaunchDll: ?Failure occurred while executing '[^']+', returned error code|LaunchModule: ?Failure occurred while executing '[^']+' from [^;]+; dwRet ?=) ?(?<code>-?(?:0x)?[0-9a-f]+)/i,
  culprit: '{{dll}},{{entry}}',
  hint:
    'The failing provider {{culprit}} belongs to installed software, not to Windows. Security/EDR, VPN, DRM and ' +
    'management agents register Sysprep providers to clear their machine identity (IDs, SIDs, GUIDs) at generalize; ' +
    'when the product is not prepared for imaging, its provider fails ({{code}}) and aborts Sysprep.',
  docs: {
    meaning:
      'A LaunchDll or LaunchModule failure whose DLL lives under Program Files or ProgramData, i.e. a provider ' +
      'installed by an application rather than by Windows.',
    cause:
      'Inferred: the application keeps machine-specific identity and its provider refuses to generalize (agent ' +
      'still running, tamper protection, license bound to the machine, or a vendor "golden image" mode not enabled).',
  },
  remediation: [
    {
      description: 'Identify the product and vendor of the DLL.',
      command: '(Get-Item "{{dll}}").VersionInfo | Format-List CompanyName,ProductName,FileVersion; Get-AuthenticodeSignature -FilePath "{{dll}}" | Format-List Status,SignerCertificate',
      shell: 'powershell',
      destructive: false,
    },
    {
      description: 'Show where the provider is registered.',
      command: 'reg query "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Setup\\SysPrepExternal" /s',
      shell: 'cmd',
      destructive: false,
    },
    {
      description:
        'Follow the vendor\'s imaging procedure (a "prepare for golden image" or VDI mode, disabling tamper ' +
        'protection, removing the agent ID), or uninstall the product before generalizing and install it after deployment.',
      shell: 'none',
      destructive: true,
    },
  ],
  references: [
    'https://learn.microsoft.com/en-us/archive/blogs/sunshine/sysprep-providers',
    'https://learn.microsoft.com/en-us/previous-versions/windows/it-pro/windows-7/ee676646(v=ws.10)',
  ],
  samples: {
    matches: [
      "2024-09-10 17:05:33, Error      [0x0f0082] SYSPRP LaunchDll:Failure occurred while executing 'C:\\Program Files\\Contoso\\SecureAgent\\csagentsp.dll,SysprepGeneralize', returned error code 0x5",
      "Error [0x0f0082] SYSPRP ActionPlatform::LaunchModule: Failure occurred while executing 'VpnSysprepCleanup' from C:\\Program Files (x86)\\Fabrikam VPN\\fvpnsp.dll; dwRet = 0x1f",
      "09-10-2024 17:05:33.000 SYSPRP 983170 (0xf0082) LaunchDll:Failure occurred while executing 'C:\\ProgramData\\Litware\\Agent\\lwid.dll, ResetIdentity', returned error code -2147024891",
    ],
    culprits: [
      'C:\\Program Files\\Contoso\\SecureAgent\\csagentsp.dll,SysprepGeneralize',
      'C:\\Program Files (x86)\\Fabrikam VPN\\fvpnsp.dll,VpnSysprepCleanup',
      'C:\\ProgramData\\Litware\\Agent\\lwid.dll,ResetIdentity',
    ],
    ignores: [
      "2024-09-10 17:05:33, Error      [0x0f0082] SYSPRP LaunchDll:Failure occurred while executing 'C:\\Windows\\System32\\spbcd.dll,Sysprep_Generalize_Bcd', returned error code 2",
      "2024-09-10 17:05:33, Info       [0x0f0080] SYSPRP LaunchDll:Found 'C:\\Program Files\\Contoso\\SecureAgent\\csagentsp.dll,SysprepGeneralize'; executing it",
    ],
  },
});
