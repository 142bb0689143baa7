import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'noise-rollback-pagefile-delete',
  catalogue: 'NOISE',
  title: 'Rollback could not delete an in-use system file',
  severity: 'info',
  confidence: 'medium',
  role: 'noise',
  levels: ['Warning', 'Error'],
  pattern: /Failure to delete C:\\(?:hiberfil|pagefile|swapfile)\.sys\. Error: 0x00000020\b/i,
  hint: 'Benign: during rollback cleanup the page, swap or hibernation file is in use (sharing violation).',
  docs: {
    meaning: 'Rollback cleanup tries to delete an in-use system file.',
    cause: 'pagefile.sys, swapfile.sys and hiberfil.sys are held open by the running system.',
  },
  remediation: [],
  references: ['https://pastebin.com/SFud6hH4'],
  samples: {
    matches: [
      '2022-08-23 03:12:01, Warning               SP     Failure to delete C:\\pagefile.sys. Error: 0x00000020',
      'Warning SP Failure to delete C:\\hiberfil.sys. Error: 0x00000020',
    ],
    ignores: [
      '2022-08-23 03:12:01, Warning               SP     Failure to delete C:\\pagefile.sys. Error: 0x00000005',
    ],
  },
});
