import { defineRule } from '../src/engine/define-rule.js';

// Not in signatures.md section 4: observed in a successful first-boot log of the dev corpus.
export default defineRule({
  id: 'noise-sysprepexternal-key-empty',
  catalogue: 'NOISE',
  title: 'No external specialize providers registered',
  severity: 'info',
  confidence: 'high',
  role: 'noise',
  levels: ['Warning', 'Error'],
  pattern: /RunRegistryDlls: ?Registry key is either empty or malformed: SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Setup\\SysPrepExternal\\/i,
  hint: 'Benign: no external providers are registered for this pass.',
  docs: {
    meaning: 'The SysPrepExternal key of the pass has no provider values.',
    cause: 'Most images register no third-party providers.',
  },
  remediation: [],
  references: ['https://github.com/cralborn/cyberforce/blob/0cd9d20116a8725c08bc216ccda757d3be3aef3c/Panther/setupact.log'],
  samples: {
    matches: [
      '2022-03-15 04:03:50, Warning    [0x0f008f] SYSPRP RunRegistryDlls:Registry key is either empty or malformed: SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Setup\\SysPrepExternal\\Specialize',
      'Warning [0x0f008f] SYSPRP RunRegistryDlls:Registry key is either empty or malformed: SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Setup\\SysPrepExternal\\Generalize',
    ],
    ignores: [
      '2022-03-15 04:03:50, Error      [0x0f0070] SYSPRP RunExternalDlls:An error occurred while running registry sysprep DLLs, halting sysprep execution. dwRet = 0x2',
    ],
  },
});
