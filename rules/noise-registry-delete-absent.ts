import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'noise-registry-delete-absent',
  catalogue: 'NOISE',
  title: 'Registry key or value to delete does not exist',
  severity: 'info',
  confidence: 'high',
  role: 'noise',
  levels: ['Warning', 'Error'],
  pattern: /ActionPlatform::Delete(?:Value|Key): ?Registry (?:key|value) .*? does not exist/i,
  hint: 'Benign: an action wanted to delete a registry key or value that is not there; nothing to do.',
  docs: {
    meaning: 'A deleteValue/deleteKey action of an action file found nothing to delete.',
    cause: 'The key or value was never created on this machine.',
  },
  remediation: [],
  references: ['https://github.com/GoogleCloudPlatform/compute-image-windows/issues/156', 'https://github.com/cralborn/cyberforce/blob/0cd9d20116a8725c08bc216ccda757d3be3aef3c/Panther/setupact.log'],
  samples: {
    matches: [
      '2022-03-15 04:03:50, Warning               SYSPRP ActionPlatform::DeleteValue: Registry value DecompressOverride to be deleted does not exist under key HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\SideBySide',
      'Warning SYSPRP ActionPlatform::DeleteKey: Registry key HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso\\Cache to be deleted does not exist',
    ],
    ignores: [
      '2022-03-15 04:03:50, Error                 SYSPRP ActionPlatform::DeleteValue: Error from RegDeleteValueW for value senseGuid under key HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows Advanced Threat Protection; dwRet = 0x5',
    ],
  },
});
