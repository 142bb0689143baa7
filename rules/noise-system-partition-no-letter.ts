import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'noise-system-partition-no-letter',
  catalogue: 'NOISE',
  title: 'System partition has no drive letter',
  severity: 'info',
  confidence: 'high',
  role: 'noise',
  levels: ['Warning', 'Error'],
  pattern: /GetSystemPartitionPath: Unable to find DOS drive path for system partition/,
  hint: 'Benign: the system partition normally has no drive letter.',
  docs: {
    meaning: 'Setup looks for a DOS path of the system partition and finds none.',
    cause: 'The EFI/system partition is not mounted with a letter, as intended.',
  },
  remediation: [],
  references: ['https://github.com/cralborn/cyberforce/blob/0cd9d20116a8725c08bc216ccda757d3be3aef3c/Panther/setupact.log'],
  samples: {
    matches: [
      '2022-03-15 04:03:58, Warning    [0x0606cc] IBS    GetSystemPartitionPath: Unable to find DOS drive path for system partition [\\Device\\HarddiskVolume1].',
      'Warning IBS GetSystemPartitionPath: Unable to find DOS drive path for system partition [\\Device\\HarddiskVolume2].',
    ],
    ignores: [
      '2022-03-15 04:03:58, Warning    [0x0606cc] IBS    GetSystemPartitionPath: Found system partition [\\Device\\HarddiskVolume1] at S:\\',
    ],
  },
});
