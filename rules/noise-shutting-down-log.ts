import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'noise-shutting-down-log',
  catalogue: 'NOISE',
  title: 'Shutting down SysPrep log (Info)',
  severity: 'info',
  confidence: 'medium',
  role: 'noise',
  levels: ['Info'],
  pattern: /Shutting down SysPrep log/,
  hint: 'Neutral: printed at the end of every Sysprep run; neither success nor failure.',
  docs: {
    meaning: 'The [0x0f0052] line that closes every Sysprep run.',
    cause: 'Always logged, whatever the outcome.',
  },
  remediation: [],
  references: ['https://github.com/GoogleCloudPlatform/compute-image-windows/issues/156'],
  samples: {
    matches: [
      '2020-10-09 21:50:01, Info       [0x0f0052] SYSPRP Shutting down SysPrep log',
      'Info [0x0f0052] SYSPRP Shutting down SysPrep log',
    ],
    ignores: [
      '2020-10-09 21:50:01, Info       [0x0f004e] SYSPRP Initialized SysPrep log at C:\\Windows\\System32\\Sysprep\\Panther',
    ],
  },
});
