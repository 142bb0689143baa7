import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'noise-firstux-open-existing',
  catalogue: 'NOISE',
  title: 'windeploy: CFirstUXWnd::OpenExisting failed',
  severity: 'info',
  confidence: 'high',
  role: 'noise',
  levels: ['Warning', 'Error'],
  pattern: /\[windeploy\.exe\] CFirstUXWnd::OpenExisting failed with error 80070490/,
  hint: 'Benign: the only UnattendGC setuperr.log line of a successful deployment.',
  docs: {
    meaning: 'windeploy looks for an existing first-run window and finds none (ERROR_NOT_FOUND).',
    cause: 'No first-UX window exists yet on an unattended deployment.',
  },
  remediation: [],
  references: ['https://github.com/cralborn/cyberforce/blob/0cd9d20116a8725c08bc216ccda757d3be3aef3c/Panther/UnattendGC/setupact.log'],
  codes: [0x80070490],
  samples: {
    matches: [
      '2022-03-15 04:03:44, Error                        [windeploy.exe] CFirstUXWnd::OpenExisting failed with error 80070490',
      'Error [windeploy.exe] CFirstUXWnd::OpenExisting failed with error 80070490',
    ],
    ignores: [
      '2022-03-15 04:03:44, Error                        [windeploy.exe] CFirstUXWnd::Create failed with error 80070490',
    ],
  },
});
