import { defineRule } from '../src/engine/define-rule.js';

// Not in signatures.md section 4: observed in a successful UnattendGC log of the dev corpus.
export default defineRule({
  id: 'noise-windeploy-execute-move',
  catalogue: 'NOISE',
  title: 'windeploy: setup folder moved or deleted',
  severity: 'info',
  confidence: 'high',
  role: 'noise',
  levels: ['Warning', 'Error'],
  pattern: /\[windeploy\.exe\] ExecuteMove: Delete done/,
  hint: 'Benign: windeploy reports, at Warning level, that it removed a setup folder after deployment.',
  docs: {
    meaning: 'Post-deployment cleanup of C:\\$WINDOWS.~BT or similar folders.',
    cause: 'Cleanup bookkeeping logged at Warning level.',
  },
  remediation: [],
  references: ['https://github.com/VitalSkib/files/blob/b2dc2529aaa5ba9f326480a4b1ad5ffcda039872/setupact.log'],
  samples: {
    matches: [
      '2025-10-02 10:41:57, Warning                      [windeploy.exe] ExecuteMove: Delete done (C:\\$WINDOWS.~BT)',
      'Warning [windeploy.exe] ExecuteMove: Delete done (C:\\$WINDOWS.~WS)',
    ],
    ignores: [
      '2025-10-02 10:41:57, Warning                      [windeploy.exe] ExecuteMove: Delete failed (C:\\$WINDOWS.~BT)',
    ],
  },
});
