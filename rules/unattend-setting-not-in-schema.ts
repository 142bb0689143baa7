import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'unattend-setting-not-in-schema',
  catalogue: 'SIG-21',
  title: 'The answer file contains a component or setting that does not exist',
  severity: 'critical',
  confidence: 'high',
  role: 'cause',
  fatal: true,
  // The dialog text is logged at whatever level the component chose; it always means the pass failed.
  levels: ['Info', 'Warning', 'Error', 'Fatal Error', 'Unknown'],
  pattern:
    /Windows could not parse or process (?:the )?unattend(?:ed)? answer file(?: \[(?<file>[^\]]+)\])? for pass \[(?<pass>\w+)\]\.\s+A component or setting specified in the answer file does not exist/i,
  culprit: '{{file}}',
  hint:
    'Setup stopped the {{pass}} pass: the answer file names an element that does not exist in this Windows build\'s ' +
    'schema (a typo such as SkipUserOOB, a client-only OOBE setting in a Server answer file, or a component for the ' +
    'wrong architecture or edition). Setup reports only the first offending element.',
  docs: {
    meaning: 'Setup could not map an element of the answer file to its schema and aborted the configuration pass.',
    cause: 'The answer file was written against another image, edition or architecture, or contains a misspelled element.',
  },
  remediation: [
    {
      description: 'Show the settings of the failing pass in the cached answer file.',
      command:
        "Select-Xml -Path C:\\Windows\\Panther\\unattend.xml -XPath \"//*[local-name()='settings'][@pass='{{pass}}']\" | ForEach-Object { $_.Node.OuterXml }",
      shell: 'powershell',
      destructive: false,
    },
    {
      description:
        'Validate the answer file in Windows System Image Manager against a catalog of the exact image, fix the ' +
        'element, and redeploy (after generalize the cached copy is C:\\Windows\\Panther\\unattend.xml).',
      shell: 'none',
      destructive: false,
    },
  ],
  references: [
    'https://github.com/ChrisTitusTech/winutil/issues/1299',
    'https://github.com/hashicorp/packer/issues/5418',
    'https://github.com/cschneegans/unattend-generator/issues/5',
  ],
  samples: {
    matches: [
      '2019-10-03 13:44:02, Error                        [setup.exe] Windows could not parse or process unattend answer file [C:\\Windows\\Panther\\unattend.xml] for pass [specialize].  A component or setting specified in the answer file does not exist.',
      'Windows could not parse or process the unattend answer file for pass [oobeSystem]. A component or setting specified in the answer file does not exist.',
      '2019-10-03 13:44:02, Error [setup.exe] Windows could not parse or process unattend answer file [A:\\autounattend.xml] for pass [windowsPE]. A component or setting specified in the answer file does not exist. The error was detected while processing settings for component [Microsoft-Windows-Setup].',
    ],
    culprits: ['C:\\Windows\\Panther\\unattend.xml', null, 'A:\\autounattend.xml'],
    ignores: [
      'Windows could not parse or process unattend answer file [C:\\Windows\\Panther\\unattend.xml] for pass [specialize]. The settings specified in the answer file cannot be applied. The error was detected while processing settings for component [Microsoft-Windows-Shell-Setup].',
      '2019-10-03 13:44:02, Info                         [setup.exe] UnattendSearchExplicitPath: Found usable unattend file for pass [specialize] at [C:\\Windows\\Panther\\unattend.xml].',
    ],
  },
});
