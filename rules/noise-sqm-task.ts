import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'noise-sqm-task',
  catalogue: 'NOISE',
  title: 'windeploy: Setup SQM task not created (Info)',
  severity: 'info',
  confidence: 'high',
  role: 'noise',
  levels: ['Info', 'Warning', 'Error'],
  pattern: /\[windeploy\.exe\] Failed to create Setup SQM task with error 0x800706b5/i,
  hint: 'Benign: a telemetry task could not be created; deployment completes.',
  docs: {
    meaning: 'windeploy could not register the Setup SQM (telemetry) task (RPC_S_UNKNOWN_IF).',
    cause: 'Telemetry scheduling only.',
  },
  remediation: [],
  references: ['https://github.com/cralborn/cyberforce/blob/0cd9d20116a8725c08bc216ccda757d3be3aef3c/Panther/UnattendGC/setupact.log'],
  codes: [0x800706b5],
  samples: {
    matches: [
      '2022-03-15 11:04:06, Info                         [windeploy.exe] Failed to create Setup SQM task with error 0x800706b5',
      'Info [windeploy.exe] Failed to create Setup SQM task with error 0x800706b5',
    ],
    ignores: [
      '2022-03-15 11:04:06, Info                         [windeploy.exe] Failed to create Setup cleanup task with error 0x800706b5',
    ],
  },
});
