import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'noise-detecthal-switch',
  catalogue: 'NOISE',
  title: '/detecthal switch not found in the BCD store',
  severity: 'info',
  confidence: 'high',
  role: 'noise',
  levels: ['Warning', 'Error'],
  pattern: /SpecializeBcdStore: The \/detecthal switch could not be removed because it was not found/i,
  hint: 'Benign: modern boot stores have no /detecthal switch, so there is nothing to remove.',
  docs: {
    meaning: 'The BCD specialize step tries to remove the legacy /detecthal switch and does not find it.',
    cause: 'Always the case on modern systems.',
  },
  remediation: [],
  references: ['https://github.com/cralborn/cyberforce/blob/0cd9d20116a8725c08bc216ccda757d3be3aef3c/Panther/setupact.log', 'https://github.com/GoogleCloudPlatform/compute-image-windows/issues/156'],
  samples: {
    matches: [
      '2022-03-15 04:03:50, Warning               TOOL   SpecializeBcdStore: The /detecthal switch could not be removed because it was not found.',
      'Warning TOOL SpecializeBcdStore: The /detecthal switch could not be removed because it was not found.',
    ],
    ignores: [
      '2016-08-02 14:21:50, Error      [0x0e00b3] TOOL   Sysprep_Specialize_Bcd: There was an error opening the system store. Status=[0xC000000F]',
    ],
  },
});
