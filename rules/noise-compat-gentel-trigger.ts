import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'noise-compat-gentel-trigger',
  catalogue: 'NOISE',
  title: 'Compat-Gentel task trigger not re-enabled',
  severity: 'info',
  confidence: 'medium',
  role: 'noise',
  levels: ['Error', 'Warning'],
  pattern: /Failed to re-enable Compat-Gentel custom trigger/i,
  hint: 'Benign: the application-compatibility telemetry task trigger could not be re-enabled; Sysprep continues.',
  docs: {
    meaning: 'AppCompat\'s generalize step reports "Error 0x-2147417850 (RPC_E_CHANGED_MODE): Failed to re-enable Compat-Gentel custom trigger".',
    cause: 'A scheduled-task trigger of the compatibility telemetry; seen next to MRT noise in runs whose failure lies elsewhere.',
  },
  remediation: [],
  references: ['https://github.com/MicrosoftDocs/azure-docs/issues/43893'],
  codes: [0x80010106],
  samples: {
    matches: [
      '2022-01-11 11:20:03, Error                 SYSPRP Error 0x-2147417850: Failed to re-enable Compat-Gentel custom trigger',
      'Error SYSPRP Error 0x-2147417850: Failed to re-enable Compat-Gentel custom trigger',
    ],
    ignores: [
      '2022-01-11 11:20:03, Error                 SYSPRP Error 0x-2147417850: Failed to register the Compat-Gentel task',
    ],
  },
});
