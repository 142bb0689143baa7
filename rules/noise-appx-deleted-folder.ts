import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'noise-appx-deleted-folder',
  catalogue: 'NOISE',
  title: 'AppX bookkeeping skips the "Deleted" folder',
  severity: 'info',
  confidence: 'medium',
  role: 'noise',
  levels: ['Warning', 'Error'],
  pattern: /Ignoring folder Deleted because could not convert to family name/i,
  hint: 'Benign: AppX bookkeeping skips a folder named Deleted that is not a package family.',
  docs: {
    meaning: 'AppxSysprep enumerates package folders and ignores one that is not a package family name.',
    cause: 'Leftover folder of removed packages; not a package.',
  },
  remediation: [],
  references: ['https://github.com/GoogleCloudPlatform/compute-image-windows/issues/156'],
  samples: {
    matches: [
      '2020-10-09 21:43:30, Warning               SYSPRP Ignoring folder Deleted because could not convert to family name',
      'Warning SYSPRP Ignoring folder Deleted because could not convert to family name',
    ],
    ignores: [
      '2020-10-09 21:43:30, Warning               SYSPRP Ignoring folder Microsoft.Contoso_8wekyb3d8bbwe because it is not provisioned',
    ],
  },
});
