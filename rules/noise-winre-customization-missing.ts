import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'noise-winre-customization-missing',
  catalogue: 'NOISE',
  title: 'No OEM WinRE customization file',
  severity: 'info',
  confidence: 'medium',
  role: 'noise',
  levels: ['Warning', 'Error'],
  pattern: /Recovery file not found at .*ReCustomization\.xml|winreBackupRecoveryFile .* failed, Err: 2\b/i,
  hint: 'Benign: the image has no OEM WinRE customization file to back up.',
  docs: {
    meaning: 'The WinRE agent looks for ReCustomization.xml and does not find it.',
    cause: 'No OEM WinRE customization was added to the image.',
  },
  remediation: [],
  references: ['https://github.com/GoogleCloudPlatform/compute-image-windows/issues/156'],
  samples: {
    matches: [
      '2020-10-09 21:45:02, Warning               SYSPRP Recovery file not found at C:\\Windows\\System32\\Recovery\\ReCustomization.xml',
      'Warning SYSPRP winreBackupRecoveryFile (ReCustomization.xml) failed, Err: 2',
    ],
    ignores: [
      '2020-10-09 21:45:02, Warning               SYSPRP winreBackupRecoveryFile (ReCustomization.xml) failed, Err: 5',
    ],
  },
});
