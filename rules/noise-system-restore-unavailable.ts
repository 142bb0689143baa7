import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'noise-system-restore-unavailable',
  catalogue: 'NOISE',
  title: 'System Restore unavailable',
  severity: 'info',
  confidence: 'high',
  role: 'noise',
  levels: ['Warning', 'Error'],
  pattern: /Callback_SystemRestore: Failed to set System Restore state\. GLE is \[126\]/,
  hint: 'Benign: System Restore is not available (servers, VMs); Setup continues.',
  docs: {
    meaning: 'Setup could not load the System Restore component (GLE 126, module not found).',
    cause: 'Server SKUs and many VM images have no System Restore.',
  },
  remediation: [],
  references: ['https://github.com/cralborn/cyberforce/blob/0cd9d20116a8725c08bc216ccda757d3be3aef3c/Panther/setupact.log'],
  samples: {
    matches: [
      '2022-03-15 04:03:58, Warning    [0x06036c] IBS    Callback_SystemRestore: Failed to set System Restore state. GLE is [126]',
      'Warning [0x06036c] IBS Callback_SystemRestore: Failed to set System Restore state. GLE is [126]',
    ],
    ignores: [
      '2022-03-15 04:03:58, Warning    [0x06036c] IBS    Callback_SystemRestore: Failed to set System Restore state. GLE is [5]',
    ],
  },
});
