import { defineRule } from '../src/engine/define-rule.js';

// Observed in the dev corpus (real logs); the catalogue cites no URL.
export default defineRule({
  id: 'noise-bcd-efi-export',
  catalogue: 'NOISE',
  title: 'BCD firmware export fails with c000000d',
  severity: 'info',
  confidence: 'high',
  role: 'noise',
  levels: ['Warning', 'Error'],
  components: ['TOOL'],
  pattern: /BCD: (?:Bi(?:UpdateEfiEntry|ExportBcdObjects|ExportStoreAlterationsToEfi) failed c000000d|Failed to export alterations to firmware\. Status: c000000d)/i,
  hint: 'Benign: writing boot entries to firmware variables failed (VMs and Gen2 guests without writable EFI entries); runs that show it go on to succeed.',
  docs: {
    meaning: 'The BCD library could not export store changes to EFI firmware variables (STATUS_INVALID_PARAMETER).',
    cause: 'Firmware that does not accept the variable writes; seen in successful runs and in base images\' old lines.',
  },
  remediation: [],
  references: [],
  samples: {
    matches: [
      '2024-07-09 19:30:17, Error                 TOOL   BCD: BiUpdateEfiEntry failed c000000d',
      'Error TOOL BCD: Failed to export alterations to firmware. Status: c000000d',
      '07-09-2024 19:30:17.000 TOOL BCD: BiExportStoreAlterationsToEfi failed c000000d',
    ],
    ignores: [
      '2024-07-09 19:30:17, Error                 TOOL   BCD: BiUpdateEfiEntry failed c0000022',
    ],
  },
});
