import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'internal-provider-failed',
  catalogue: 'SIG-16',
  title: 'An internal (action-file) Sysprep provider failed',
  severity: 'error',
  confidence: 'high',
  role: 'generic',
  // The module path may contain spaces; it runs up to "; dwRet".
  pattern:
    /(?:ActionPlatform::)?LaunchModule: ?Failure occurred while executing '(?<entry>[^']+)' from (?<module>.+?); dwRet ?= ?(?<dw>-?(?:0x)?[0-9a-f]+)/i,
  culprit: '{{module}},{{entry}}',
  hint:
    'The provider {{entry}} in {{module}} failed with {{dw}}. The lines just before this one usually carry the ' +
    'provider\'s own message; the action file in the chain (Cleanup/Generalize/Specialize.xml) gives the pass.',
  docs: {
    meaning:
      'The generic fallback for ActionPlatform::LaunchModule failures: a provider module listed in an action file ' +
      'returned an error. SetupDiag\'s SysPrepLaunchModuleFailure rule reports the same line.',
    cause:
      'Whatever the provider checks or changes failed; used only when no more specific signature explains the lines ' +
      'before it.',
  },
  remediation: [
    {
      description: 'Find the action file and component that call this entry point.',
      command: 'Select-String -Path "$env:WINDIR\\System32\\Sysprep\\ActionFiles\\*.xml" -Pattern "{{entry}}" -SimpleMatch',
      shell: 'powershell',
      destructive: false,
    },
    {
      description: 'Show the lines the provider logged before it failed.',
      command:
        'Select-String -Path "$env:WINDIR\\System32\\Sysprep\\Panther\\setupact.log","$env:WINDIR\\Panther\\setupact.log" -Pattern "{{entry}}" -SimpleMatch -Context 8,0 -ErrorAction SilentlyContinue',
      shell: 'powershell',
      destructive: false,
    },
    {
      description: 'Search the code and the module name in the vendor documentation or SetupDiag, fix the condition, and rerun Sysprep.',
      shell: 'none',
      destructive: false,
    },
  ],
  references: [
    'https://learn.microsoft.com/en-us/windows/deployment/upgrade/setupdiag',
    'https://learn.microsoft.com/en-us/windows-hardware/manufacture/desktop/sysprep-process-overview',
  ],
  samples: {
    matches: [
      "2024-07-09 16:35:37, Error      [0x0f0082] SYSPRP ActionPlatform::LaunchModule: Failure occurred while executing 'SysprepGeneralizeValidate' from C:\\Windows\\System32\\AppxSysprep.dll; dwRet = 0x3cf2",
      "Error SYSPRP ActionPlatform::LaunchModule:Failure occurred while executing 'Sysprep_Clean_Validate_Opk' from C:\\Windows\\System32\\spopk.dll; dwRet = 0x975[gle=0x00000002]",
      "07-09-2024 16:35:37.000 SYSPRP ActionPlatform::LaunchModule: Failure occurred while executing 'ContosoGeneralize' from C:\\Program Files\\Contoso\\Agent\\ctsprov.dll; dwRet = 0x5",
    ],
    culprits: [
      'C:\\Windows\\System32\\AppxSysprep.dll,SysprepGeneralizeValidate',
      'C:\\Windows\\System32\\spopk.dll,Sysprep_Clean_Validate_Opk',
      'C:\\Program Files\\Contoso\\Agent\\ctsprov.dll,ContosoGeneralize',
    ],
    ignores: [
      "2024-07-09 16:35:37, Info       [0x0f0081] SYSPRP ActionPlatform::LaunchModule: Successfully executed 'SysprepGeneralizeValidate' from C:\\Windows\\System32\\AppxSysprep.dll without error",
      "ActionPlatform::LaunchModule: Found 'Sysprep_Specialize_Pnp' in C:\\Windows\\System32\\sppnp.dll; executing it",
      "2024-07-09 16:35:37, Error      [0x0f0082] SYSPRP LaunchDll:Failure occurred while executing 'DscCore.dll,SysPrep_Cleanup', returned error code 0x2",
    ],
  },
});
