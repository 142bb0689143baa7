import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'noise-downlevel-boilerplate',
  catalogue: 'NOISE',
  title: 'Down-level setup boilerplate warnings',
  severity: 'info',
  confidence: 'high',
  role: 'noise',
  levels: ['Warning', 'Error'],
  pattern: /SPGetFootprintCapabilities: Footprint \[.*\] incomplete|CSetupPlatform::Initialize: Failed to initialize tracing|Device \[\] has no IDs/,
  hint: 'Benign: down-level setup boilerplate printed by every upgrade session.',
  docs: {
    meaning: 'Capability probes and tracing setup of the down-level Setup Platform.',
    cause: 'Optional platform capabilities and tracing that are not available down-level.',
  },
  remediation: [],
  references: ['https://github.com/rickaK77/Setup-Log/blob/c3fbe61a449c9dad49c41a8762f78ed8d566d16b/setupact.log'],
  samples: {
    matches: [
      '2022-07-06 08:08:30, Warning                      SPGetFootprintCapabilities: Footprint [Footprint.Basic] incomplete; the platform capability will not be available',
      'Warning SP CSetupPlatform::Initialize: Failed to initialize tracing',
      '2022-07-06 08:08:31, Warning                      Device [] has no IDs',
    ],
    ignores: [
      '2022-07-06 08:08:30, Error                 SP     CSetupPlatform::Initialize: Failed to initialize the platform',
    ],
  },
});
