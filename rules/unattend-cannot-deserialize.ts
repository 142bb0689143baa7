import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'unattend-cannot-deserialize',
  catalogue: 'SIG-26',
  title: 'Setup found the answer file but could not read it',
  severity: 'critical',
  confidence: 'medium',
  role: 'cause',
  fatal: true,
  levels: ['Info', 'Warning', 'Error', 'Fatal Error', 'Unknown'],
  pattern:
    /UnattendSearchExplicitPath: ?Found unattend file at \[(?<file>[^\]]+)\] but unable to deserialize it; status ?= ?(?<st>0x[0-9a-f]{8})/i,
  culprit: '{{file}}',
  hint:
    'Setup found {{file}} but could not read it (status {{st}}). With 0x80070005 the file is usually EFS-encrypted - ' +
    'copied from an encrypted folder on the build host - and Setup shows "Windows Setup encountered an internal ' +
    'error while loading or searching for an unattended answer file".',
  docs: {
    meaning: 'The answer file exists at the searched path, but Setup failed to open or deserialize it.',
    cause: 'The file cannot be read by Setup: EFS encryption in the documented case, or permissions or a broken file.',
  },
  remediation: [
    {
      description: 'Show whether the file is encrypted (an "E" flag) and its permissions.',
      command: 'cipher "{{file}}" & icacls "{{file}}"',
      shell: 'cmd',
      destructive: false,
    },
    {
      description: 'Decrypt the file (or recreate it unencrypted) and redeploy.',
      command: 'cipher /d "{{file}}"',
      shell: 'cmd',
      destructive: true,
    },
  ],
  references: ['https://github.com/kristof-mattei/kristof-mattei.github.io/blob/master/_posts/2013-09-12-make-sure-unattended-xml-encrypted.markdown'],
  codes: [0x80070005],
  samples: {
    matches: [
      '2013-09-12 10:41:27, Error                        [setup.exe] UnattendSearchExplicitPath: Found unattend file at [C:\\Windows\\Panther\\unattend.xml] but unable to deserialize it; status = 0x80070005',
      'Error [setup.exe] UnattendSearchExplicitPath: Found unattend file at [D:\\Autounattend.xml] but unable to deserialize it; status = 0x80070005',
    ],
    culprits: ['C:\\Windows\\Panther\\unattend.xml', 'D:\\Autounattend.xml'],
    ignores: [
      '2013-09-12 10:41:27, Info                         [setup.exe] UnattendSearchExplicitPath: Found usable unattend file for pass [specialize] at [C:\\Windows\\Panther\\unattend.xml].',
    ],
  },
});
