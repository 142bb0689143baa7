import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'noise-modify-boot-entries-legacy',
  catalogue: 'NOISE',
  title: 'Legacy boot.ini entries step skipped',
  severity: 'info',
  confidence: 'high',
  role: 'noise',
  levels: ['Warning', 'Error'],
  pattern: /ModifyBootEntriesLegacy: (?:.*This is non-fatal, continuing setup|There was an error getting the path to the boot\.ini or ntldr)/,
  hint: 'Benign: the legacy boot.ini/ntldr step does not apply and Setup says so ("This is non-fatal, continuing setup").',
  docs: {
    meaning: 'Setup skips the pre-Vista boot entry update because there is no boot.ini or ntldr.',
    cause: 'No legacy boot loader on modern systems. The preceding "error getting the path to the boot.ini or ntldr" line belongs to the same benign step.',
  },
  remediation: [],
  references: ['https://github.com/cralborn/cyberforce/blob/0cd9d20116a8725c08bc216ccda757d3be3aef3c/Panther/setupact.log'],
  samples: {
    matches: [
      '2022-03-15 04:03:58, Warning               IBSLIB ModifyBootEntriesLegacy: We did not successfully complete ModifyBootEntriesLegacy.  This is non-fatal, continuing setup. dwRetCode[0x1F]',
      '2022-03-15 04:03:58, Warning               IBSLIB ModifyBootEntriesLegacy: There was an error getting the path to the boot.ini or ntldr. dwRetCode=[0x1F]',
    ],
    ignores: [
      '2022-03-15 04:03:58, Warning               IBSLIB ModifyBootEntries: We did not successfully complete ModifyBootEntries. dwRetCode[0x1F]',
    ],
  },
});
