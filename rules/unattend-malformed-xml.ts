import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'unattend-malformed-xml',
  catalogue: 'SIG-25',
  title: 'The answer file is not well-formed XML',
  severity: 'critical',
  confidence: 'medium',
  role: 'cause',
  fatal: true,
  levels: ['Info', 'Warning', 'Error', 'Fatal Error', 'Unknown'],
  pattern: /The error was detected at line (?<line>\d+) column (?<col>\d+)(?: of the answer file)?/i,
  culprit: 'line {{line}}, column {{col}}',
  hint:
    'Setup could not parse the answer file: the XML is not well-formed at line {{line}}, column {{col}} (for example ' +
    'a missing closing </settings> or an unescaped & or <).',
  docs: {
    meaning: 'The answer file failed XML parsing; Setup reports the position of the first error.',
    cause: 'Hand edits or generators that produce unbalanced tags, unescaped characters, or a wrong encoding declaration.',
  },
  remediation: [
    {
      description: 'Parse the file with PowerShell; the error repeats the line and position.',
      command: '[xml](Get-Content -Raw C:\\Windows\\Panther\\unattend.xml) | Out-Null',
      shell: 'powershell',
      destructive: false,
    },
    {
      description: 'Show the offending line.',
      command: '(Get-Content C:\\Windows\\Panther\\unattend.xml)[{{line}} - 1]',
      shell: 'powershell',
      destructive: false,
    },
    {
      description: 'Fix the XML at that position (validate it in Windows System Image Manager) and redeploy.',
      shell: 'none',
      destructive: false,
    },
  ],
  references: ['https://github.com/rcmaehl/LocalUser.App/issues/8'],
  samples: {
    matches: [
      '2021-12-30 19:04:11, Error                        [setup.exe] Windows could not parse or process unattend answer file [C:\\Windows\\Panther\\unattend.xml]. The answer file is invalid. The error was detected at line 88 column 9 of the answer file.',
      'The answer file is invalid. The error was detected at line 12 column 3 of the answer file.',
    ],
    culprits: ['line 88, column 9', 'line 12, column 3'],
    ignores: ['Windows could not parse or process unattend answer file [C:\\Windows\\Panther\\unattend.xml]. The answer file is invalid.'],
  },
});
