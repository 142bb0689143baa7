import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'noise-sysprepmode-value-absent',
  catalogue: 'NOISE',
  title: 'SysprepMode registry value absent',
  severity: 'info',
  confidence: 'medium',
  role: 'noise',
  levels: ['Warning', 'Error'],
  pattern: /ActionPlatform::GetValue: ?Error from RegQueryValueExW? on value SysprepMode .*dwRet ?= ?0x0*2\b/i,
  hint: 'Benign: the SysprepMode value only exists when /mode was used, so reading it fails with "file not found".',
  docs: {
    meaning: 'Sysprep reads HKLM\\...\\Setup\\Sysprep\\SysprepMode and the value is absent (dwRet 0x2).',
    cause: 'The value is written only for /mode:vm; without it Sysprep logs "Sysprep mode was not specified, deleting it from registry".',
  },
  remediation: [],
  references: ['https://github.com/GoogleCloudPlatform/compute-image-windows/issues/156'],
  samples: {
    matches: [
      '2020-10-09 21:42:10, Warning               SYSPRP ActionPlatform::GetValue: Error from RegQueryValueEx on value SysprepMode under key HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Setup\\Sysprep; dwRet = 0x2',
      'Warning SYSPRP ActionPlatform::GetValue:Error from RegQueryValueExW on value SysprepMode under key HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Setup\\Sysprep; dwRet = 0x2',
    ],
    ignores: [
      '2020-10-09 21:42:10, Warning               SYSPRP ActionPlatform::GetValue: Error from RegQueryValueEx on value SysprepMode under key HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Setup\\Sysprep; dwRet = 0x5',
    ],
  },
});
