import { defineRule } from '../src/engine/define-rule.js';

// Generic, like external/internal-provider-failed: this is Setup's summary of the specialize providers, so a
// specific rule on the provider's own lines (e.g. bcd-specialize-failed) is preferred in the same cascade.
export default defineRule({
  id: 'specialize-provider-failed',
  catalogue: 'SIG-31',
  title: 'A Sysprep specialize provider failed at first boot',
  severity: 'critical',
  confidence: 'medium',
  role: 'generic',
  fatal: true,
  levels: ['Info', 'Warning', 'Error', 'Fatal Error', 'Unknown'],
  pattern: /Callback_Specialize: ?Specialize return: ?\[(?<rc>-?[1-9]\d*)\]/i,
  hint:
    'Setup\'s specialize step returned {{rc}} instead of 0: one of the Sysprep specialize providers failed on this ' +
    'machine (often hardware or disk-layout specific). The provider is the last "Failure occurred while ' +
    'executing" line before this one in the same log.',
  docs: {
    meaning:
      'In %WINDIR%\\Panther\\setupact.log, Callback_Specialize ran the specialize action file (Specialize.xml) and ' +
      'returned non-zero; healthy runs log "Internal/External Providers Specialized Succeeded" and "Specialize return: [0]".',
    cause: 'A specialize provider (PnP, BCD, networking, licensing, third-party) failed on the target hardware.',
  },
  remediation: [
    {
      description: 'Find the failing provider in the first-boot log (read-only; use Shift+F10 at the error dialog).',
      command:
        'Select-String -Path C:\\Windows\\Panther\\setupact.log -Pattern "Failure occurred while executing|Callback_Specialize|Specialize.xml"',
      shell: 'powershell',
      destructive: false,
    },
    {
      description: 'Fix the condition that provider reports (see its own rule), then redeploy the image.',
      shell: 'none',
      destructive: false,
    },
  ],
  references: [
    'https://github.com/cralborn/cyberforce/blob/0cd9d20116a8725c08bc216ccda757d3be3aef3c/Panther/setupact.log',
    'https://learn.microsoft.com/en-us/windows-hardware/manufacture/desktop/deployment-troubleshooting-and-log-files',
  ],
  samples: {
    matches: [
      '2016-08-02 09:04:35, Info                  IBS    Callback_Specialize: Specialize return: [2]',
      'Error IBS Callback_Specialize: Specialize return: [31]',
      '08-02-2016 09:04:35.000 IBS Callback_Specialize: Specialize return: [1]',
    ],
    culprits: [null, null, null],
    ignores: [
      '2022-03-15 04:03:50, Info                  IBS    Callback_Specialize: Specialize return: [0]',
      '2022-03-15 04:03:50, Info                  IBS    Callback_Specialize: Internal Providers Specialized Succeeded',
    ],
  },
});
