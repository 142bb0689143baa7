import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'unattend-invalid-value-0x80220005',
  catalogue: 'SIG-24',
  title: 'A setting value of the answer file fails schema validation (0x80220005)',
  severity: 'critical',
  confidence: 'medium',
  role: 'cause',
  fatal: true,
  levels: ['Info', 'Warning', 'Error', 'Fatal Error', 'Unknown'],
  // The summary line, the SMI dump lines that name the setting, and the CSI line that decodes the code itself.
  pattern:
    /The provided unattend file is not valid; hrResult ?= ?0x80220005|SMI data results dump: ?(?:Source ?= ?(?<source>.+)|Description ?= ?(?<desc>.+))|80220005 \[Error,Facility=FACILITY_STATE_MANAGEMENT,Code=5\] from (?<fn>\S+)/i,
  culprit: '{{source}}',
  hint:
    'A value in the answer file failed validation (0x80220005, settings engine). The "SMI data results dump: Source =" ' +
    'line holds the path of the bad setting; frequent causes are a RunSynchronousCommand Path longer than about ' +
    '256 characters (re-wrapped XML adds whitespace) and XML comments placed inside a RunSynchronousCommand.',
  docs: {
    meaning:
      'Setup rejected a setting value (FACILITY_STATE_MANAGEMENT, code 5) and aborted the pass; the dialog reads ' +
      '"Windows could not parse or process unattend answer file ... The answer file is invalid."',
    cause: 'A value that exceeds the schema\'s limits or has the wrong form.',
  },
  remediation: [
    {
      description: 'Print the SMI dump lines: Source is the setting, Description the reason.',
      command: 'Select-String -Path C:\\Windows\\Panther\\setupact.log,C:\\Windows\\Panther\\setuperr.log -Pattern "SMI data results dump"',
      shell: 'powershell',
      destructive: false,
    },
    {
      description: 'List command paths longer than 255 characters.',
      command:
        "Select-Xml -Path C:\\Windows\\Panther\\unattend.xml -XPath \"//*[local-name()='Path' or local-name()='CommandLine']\" | Where-Object { $_.Node.InnerText.Length -gt 255 } | ForEach-Object { '{0}: {1}' -f $_.Node.InnerText.Length, $_.Node.InnerText }",
      shell: 'powershell',
      destructive: false,
    },
    {
      description:
        'Shorten the value (move long command lines into a script file), remove comments inside components, avoid ' +
        're-wrapping the XML, and redeploy.',
      shell: 'none',
      destructive: false,
    },
  ],
  references: ['https://github.com/cschneegans/unattend-generator/issues/6'],
  codes: [0x80220005],
  samples: {
    matches: [
      '2020-04-01 12:30:05, Error      [0x060432] IBS    The provided unattend file is not valid; hrResult = 0x80220005',
      '2020-04-01 12:30:05, Info                         [setup.exe] SMI data results dump: Source = /unattend/settings[@pass="specialize"]/component[@name="Microsoft-Windows-Deployment"]/RunSynchronous/RunSynchronousCommand[1]/Path',
      '2020-04-01 12:30:05, Error [setup.exe] SMI data results dump: Description = Value is invalid.',
      'Error CSI 80220005 [Error,Facility=FACILITY_STATE_MANAGEMENT,Code=5] from SmiEngine::ValidateSettings',
    ],
    culprits: [
      null,
      '/unattend/settings[@pass="specialize"]/component[@name="Microsoft-Windows-Deployment"]/RunSynchronous/RunSynchronousCommand[1]/Path',
      null,
      null,
    ],
    ignores: [
      '2020-04-01 12:30:05, Error      [0x060432] IBS    The provided unattend file is not valid; hrResult = 0x80070490',
      '2020-04-01 12:30:05, Info                         [setup.exe] UnattendSearchExplicitPath: Found usable unattend file for pass [specialize] at [C:\\Windows\\Panther\\unattend.xml].',
    ],
  },
});
