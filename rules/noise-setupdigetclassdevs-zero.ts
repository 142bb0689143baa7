import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'noise-setupdigetclassdevs-zero',
  catalogue: 'NOISE',
  title: 'SetupDiGetClassDevs "failed" with error 0',
  severity: 'info',
  confidence: 'medium',
  role: 'noise',
  levels: ['Warning', 'Error'],
  pattern: /setupdigetclassdevs failed with error 0(?![0-9a-fx])/i,
  hint: 'Benign: the reported error code is 0 (success).',
  docs: {
    meaning: 'A PnP enumeration call logged as failed with error 0.',
    cause: 'Logging quirk of a device enumeration during generalize; the code is ERROR_SUCCESS.',
  },
  remediation: [],
  references: ['https://github.com/MicrosoftDocs/azure-docs/issues/43893', 'https://github.com/GoogleCloudPlatform/compute-image-windows/issues/156'],
  samples: {
    matches: [
      '2020-10-09 21:44:52, Error                 SYSPRP setupdigetclassdevs failed with error 0',
      '10-09-2020 21:44:52.000 SYSPRP SetupDiGetClassDevs failed with error 0',
    ],
    ignores: [
      '2020-10-09 21:44:52, Error                 SYSPRP setupdigetclassdevs failed with error 0x5',
    ],
  },
});
