import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'noise-bfsvc-security-info',
  catalogue: 'NOISE',
  title: 'BFSVC SetNamedSecurityInfo failed (Info)',
  severity: 'info',
  confidence: 'high',
  role: 'noise',
  levels: ['Info', 'Warning', 'Error'],
  pattern: /BFSVC: SetNamedSecurityInfo failed! Error code = 0x2\b/,
  hint: 'Benign: repeated during boot-file servicing; the installation still completes.',
  docs: {
    meaning: 'The boot file servicing library could not set security on a file that is not there (0x2).',
    cause: 'Boot files that are not present on this layout.',
  },
  remediation: [],
  references: ['https://github.com/bitbtrust/Errorcode/blob/2bfd09f0cfff13c519ab819f1ae2a12451dcfb8d/setupact.log'],
  samples: {
    matches: [
      '2023-06-01 12:40:18, Info                  IBSLIB BFSVC: SetNamedSecurityInfo failed! Error code = 0x2',
      'Info IBSLIB BFSVC: SetNamedSecurityInfo failed! Error code = 0x2',
    ],
    ignores: [
      '2023-06-01 12:40:18, Info                  IBSLIB BFSVC: SetNamedSecurityInfo failed! Error code = 0x5',
    ],
  },
});
