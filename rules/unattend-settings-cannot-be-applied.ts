import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'unattend-settings-cannot-be-applied',
  catalogue: 'SIG-22',
  title: 'A setting of the answer file has a value the component rejects',
  severity: 'critical',
  confidence: 'high',
  role: 'cause',
  fatal: true,
  levels: ['Info', 'Warning', 'Error', 'Fatal Error', 'Unknown'],
  pattern:
    /The settings specified in the answer file cannot be applied\.\s+The error was detected while processing settings for component \[(?<component>[^\]]+)\]/i,
  culprit: '{{component}}',
  hint:
    'A setting of the component {{component}} is present but its value is invalid (a bad computer name, an invalid ' +
    'product key, an invalid RunSynchronous entry, ...). The next boot typically shows "The computer restarted ' +
    'unexpectedly"; the "SMI data results dump" lines in the same log name the exact setting.',
  docs: {
    meaning: 'Setup validated the answer file, found a value it cannot apply for the named component, and aborted the pass.',
    cause: 'A value that is well-formed XML but invalid for the component or the build.',
  },
  remediation: [
    {
      description: 'Show that component\'s settings in the cached answer file (read-only).',
      command:
        "Select-Xml -Path C:\\Windows\\Panther\\unattend.xml -XPath \"//*[local-name()='component'][@name='{{component}}']\" | ForEach-Object { $_.Node.OuterXml }",
      shell: 'powershell',
      destructive: false,
    },
    {
      description: 'Find the exact setting and the reason in the SMI dump lines.',
      command: 'Select-String -Path C:\\Windows\\Panther\\setupact.log,C:\\Windows\\Panther\\setuperr.log -Pattern "SMI data results dump"',
      shell: 'powershell',
      destructive: false,
    },
    {
      description: 'Fix the value in the answer file and redeploy.',
      shell: 'none',
      destructive: false,
    },
  ],
  references: ['https://github.com/rbalsleyMSFT/FFU/issues/29', 'https://github.com/AutomatedLab/AutomatedLab/issues/550'],
  samples: {
    matches: [
      '2022-11-08 07:15:30, Error                        [setup.exe] Windows could not parse or process unattend answer file for pass [specialize]. The settings specified in the answer file cannot be applied. The error was detected while processing settings for component [Microsoft-Windows-Shell-Setup].',
      'Error [setup.exe] The settings specified in the answer file cannot be applied.  The error was detected while processing settings for component [Microsoft-Windows-Deployment].',
    ],
    culprits: ['Microsoft-Windows-Shell-Setup', 'Microsoft-Windows-Deployment'],
    ignores: [
      'Windows could not parse or process unattend answer file [C:\\Windows\\Panther\\unattend.xml] for pass [specialize]. A component or setting specified in the answer file does not exist.',
    ],
  },
});
