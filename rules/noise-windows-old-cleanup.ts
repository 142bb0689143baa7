import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'noise-windows-old-cleanup',
  catalogue: 'NOISE',
  title: 'Windows.old cleanup access denied',
  severity: 'info',
  confidence: 'high',
  role: 'noise',
  levels: ['Warning', 'Error'],
  pattern: /Failed to delete \\\\\?\\C:\\windows\.old\\.*hr = 0x80070005/i,
  hint: 'Benign: post-upgrade cleanup of Windows.old could not delete a file.',
  docs: {
    meaning: 'The cleanup of the previous installation hit an access-denied file.',
    cause: 'Files in Windows.old that are protected; cleanup retries later.',
  },
  remediation: [],
  references: ['https://github.com/Silvermaz28/SOE/blob/d4a088f3b9c521668dba9503711d97e06160ac83/setuperr.log'],
  samples: {
    matches: [
      '2022-04-19 18:30:12, Error                        [windeploy.exe] Failed to delete \\\\?\\C:\\Windows.old\\Windows\\System32\\config\\SOFTWARE; hr = 0x80070005',
      'Error [setup.exe] Failed to delete \\\\?\\C:\\windows.old\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys\\a1b2c3, hr = 0x80070005',
    ],
    ignores: [
      '2022-04-19 18:30:12, Error                        [windeploy.exe] Failed to delete \\\\?\\C:\\Windows\\Temp\\setup.tmp; hr = 0x80070005',
    ],
  },
});
