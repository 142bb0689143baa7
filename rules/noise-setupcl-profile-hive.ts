import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'noise-setupcl-profile-hive',
  catalogue: 'NOISE',
  title: 'SetupCl: required profile hive does not exist',
  severity: 'info',
  confidence: 'high',
  role: 'noise',
  levels: ['Warning', 'Error'],
  pattern: /\[SetupCl library\] Required profile hive does not exist/,
  hint: 'Benign: the only setuperr.log line of a successful WinPE installation.',
  docs: {
    meaning: 'SetupCl looks for a profile hive that a fresh installation does not have yet.',
    cause: 'Fresh installations have no such profile hive.',
  },
  remediation: [],
  references: ['https://github.com/bitbtrust/Errorcode/blob/2bfd09f0cfff13c519ab819f1ae2a12451dcfb8d/setupact.log'],
  samples: {
    matches: [
      '2023-06-01 12:44:03, Error      [0x0606ae] IBS    [SetupCl library] Required profile hive does not exist: [\\??\\C:\\Users\\Default\\NTUSER.DAT].',
      'Error [0x0606ae] IBS [SetupCl library] Required profile hive does not exist: [\\??\\C:\\Users\\Default\\NTUSER.DAT].',
    ],
    ignores: [
      '2023-06-01 12:44:03, Error      [0x0606ae] IBS    [SetupCl library] Failed to load the profile hive: [\\??\\C:\\Users\\Default\\NTUSER.DAT].',
    ],
  },
});
