import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'noise-tsrds-appx-keys',
  catalogue: 'NOISE',
  title: 'TSRDS AppX staging key absent (Info)',
  severity: 'info',
  confidence: 'high',
  role: 'noise',
  levels: ['Info', 'Warning'],
  pattern: /ResetTSRDSAppXKeys on AUINSTALLAGENT_REG_STAGINGINPROGRESS FAILED: 2\b/,
  hint: 'Benign: the staging key is absent, so there is nothing to reset.',
  docs: {
    meaning: 'The Remote Desktop AppX key reset finds no staging key (error 2).',
    cause: 'The key only exists while an AppX staging is in progress.',
  },
  remediation: [],
  references: ['https://github.com/cralborn/cyberforce/blob/0cd9d20116a8725c08bc216ccda757d3be3aef3c/Panther/setupact.log'],
  samples: {
    matches: [
      '2022-03-15 04:03:49, Info                  SYSPRP ResetTSRDSAppXKeys on AUINSTALLAGENT_REG_STAGINGINPROGRESS FAILED: 2',
      'Info SYSPRP ResetTSRDSAppXKeys on AUINSTALLAGENT_REG_STAGINGINPROGRESS FAILED: 2',
    ],
    ignores: [
      '2022-03-15 04:03:49, Info                  SYSPRP ResetTSRDSAppXKeys on AUINSTALLAGENT_REG_STAGINGINPROGRESS FAILED: 5',
    ],
  },
});
