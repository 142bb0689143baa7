import { defineRule } from '../src/engine/define-rule.js';

// Observed in the dev corpus (real logs); the catalogue cites no URL.
export default defineRule({
  id: 'noise-winre-not-found',
  catalogue: 'NOISE',
  title: 'No OEM WinRE in the image',
  severity: 'info',
  confidence: 'high',
  role: 'noise',
  levels: ['Warning', 'Error'],
  pattern: /Winre not found|winreFindOemWinRe failed: 0x2\b|FindWinReSourceImageAndPartition Error 0X2\b/i,
  hint: 'Benign: the image carries no OEM WinRE; Setup continues.',
  docs: {
    meaning: 'Setup searches for an OEM WinRE image and finds none.',
    cause: 'No OEM recovery image was added.',
  },
  remediation: [],
  references: [],
  samples: {
    matches: [
      '2023-06-01 12:41:02, Error                        [setup.exe] winreFindOemWinRe failed: 0x2',
      'Error [setup.exe] FindWinReSourceImageAndPartition Error 0X2',
      '2023-06-01 12:41:02, Error                        [setup.exe] Winre not found',
    ],
    ignores: [
      '2023-06-01 12:41:02, Error                        [setup.exe] winreFindOemWinRe failed: 0x5',
    ],
  },
});
