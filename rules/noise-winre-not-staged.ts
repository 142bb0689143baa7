import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'noise-winre-not-staged',
  catalogue: 'NOISE',
  title: 'WinRE not staged in the image',
  severity: 'info',
  confidence: 'high',
  role: 'noise',
  levels: ['Warning', 'Error'],
  pattern: /WofEnumWimEntries failed: 0x80070001|WinREInstall\(\)\s+returning FALSE, gle = 0x64E|Reagent\.dll!WinRE_Specialize returned with: 64E/i,
  hint: 'Benign: WinRE is not staged in this image; the specialize step continues and reports success.',
  docs: {
    meaning: 'WinRE specialize finds no staged recovery image (gle 0x64E).',
    cause: 'Images without a staged winre.wim (common for cloud images); "Successfully executed \'WinRE_Specialize\' ... without error" follows.',
  },
  remediation: [],
  references: ['https://github.com/cralborn/cyberforce/blob/0cd9d20116a8725c08bc216ccda757d3be3aef3c/Panther/setupact.log'],
  codes: [0x80070001, 0x64e],
  samples: {
    matches: [
      '2022-03-15 04:03:50, Warning                      [setup.exe] WofEnumWimEntries failed: 0x80070001.',
      '2022-03-15 04:03:50, Warning                      [setup.exe] WinReInstallOnTargetOS (WinRE)WinREInstall()  returning FALSE, gle = 0x64E',
      'Warning SYSPRP  Reagent.dll!WinRE_Specialize returned with: 64E',
    ],
    ignores: [
      '2022-03-15 04:03:50, Warning                      [setup.exe] WofEnumWimEntries failed: 0x80070005.',
    ],
  },
});
