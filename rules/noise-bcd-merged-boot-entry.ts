import { defineRule } from '../src/engine/define-rule.js';

// Observed in the dev corpus (real logs); the catalogue cites no URL.
export default defineRule({
  id: 'noise-bcd-merged-boot-entry',
  catalogue: 'NOISE',
  title: 'BCD merged boot entry not created (c0000225)',
  severity: 'info',
  confidence: 'high',
  role: 'noise',
  levels: ['Info', 'Warning', 'Error'],
  pattern: /BCD: BiCreateMergedBootEntry failed c0000225/i,
  hint: 'Benign: a boot-entry merge attempt on first boot found nothing to merge; Setup continues.',
  docs: {
    meaning: 'The BCD library could not create a merged boot entry (STATUS_NOT_FOUND).',
    cause: 'No firmware entry to merge with.',
  },
  remediation: [],
  references: [],
  samples: {
    matches: [
      '2023-06-01 12:46:40, Error                 TOOL   BCD: BiCreateMergedBootEntry failed c0000225',
      'Info TOOL BCD: BiCreateMergedBootEntry failed c0000225',
    ],
    ignores: [
      '2023-06-01 12:46:40, Error                 TOOL   BCD: BiCreateMergedBootEntry failed c000000d',
    ],
  },
});
