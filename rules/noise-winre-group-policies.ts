import { defineRule } from '../src/engine/define-rule.js';

// Not in signatures.md section 4: observed in a successful UnattendGC log of the dev corpus.
export default defineRule({
  id: 'noise-winre-group-policies',
  catalogue: 'NOISE',
  title: 'msoobe: WinRE group policy key absent',
  severity: 'info',
  confidence: 'high',
  role: 'noise',
  levels: ['Warning', 'Error'],
  pattern: /\[msoobe\.exe\] (?:RegOpenKeyEx\(GP\) failed: 0x2\b|WinReGetGroupPolicies failed with error code 0x2\b|NOTE: overwrite error code 0x2 because it is not critical)/,
  hint: 'Benign: msoobe reads the WinRE group-policy key, finds none (0x2), and says itself the error is not critical.',
  docs: {
    meaning: 'OOBE checks WinRE policies and the policy key is absent.',
    cause: 'No WinRE group policy is configured.',
  },
  remediation: [],
  references: ['https://github.com/VitalSkib/files/blob/b2dc2529aaa5ba9f326480a4b1ad5ffcda039872/setupact.log'],
  samples: {
    matches: [
      '2025-10-02 10:41:48, Warning                      [msoobe.exe] WinReGetGroupPolicies failed with error code 0x2',
      'Warning [msoobe.exe] RegOpenKeyEx(GP) failed: 0x2',
      '2025-10-02 10:41:48, Warning                      [msoobe.exe] NOTE: overwrite error code 0x2 because it is not critical',
    ],
    ignores: [
      '2025-10-02 10:41:48, Warning                      [msoobe.exe] WinReGetGroupPolicies failed with error code 0x5',
    ],
  },
});
