import { defineRule } from '../src/engine/define-rule.js';

// Reported in code-search results only (no stable URL); no references.
export default defineRule({
  id: 'noise-sppnp-root-devices',
  catalogue: 'NOISE',
  title: 'SPPNP root-enumerated device errors',
  severity: 'info',
  confidence: 'low',
  role: 'noise',
  levels: ['Warning', 'Error'],
  pattern: /(?:SPPNP: )?Failed to queue enumerated driver packages\. Err = 0x57\b|Unable to uninstall device ROOT\\.*\. Err = 0xE0000231\b/i,
  hint: 'Benign: reported in otherwise successful generalize runs for root-enumerated platform devices.',
  docs: {
    meaning: 'The PnP sysprep provider could not queue or uninstall root-enumerated devices.',
    cause: 'Root-enumerated (software) devices that the PnP provider does not need to remove.',
  },
  remediation: [],
  references: [],
  codes: [0x57, 0xe0000231],
  samples: {
    matches: [
      '2024-02-20 09:11:45, Error                 SYSPRP SPPNP: Failed to queue enumerated driver packages. Err = 0x57',
      'Error SPPNP Unable to uninstall device ROOT\\VMBUS\\0000. Err = 0xE0000231',
    ],
    ignores: [
      '2024-02-20 09:11:45, Error                 SYSPRP SPPNP: Failed to queue enumerated driver packages. Err = 0x5',
    ],
  },
});
