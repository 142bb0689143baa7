import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'dism-image-session-failure',
  catalogue: 'SIG-37',
  title: 'The DISM image session failed during the upgrade',
  severity: 'error',
  confidence: 'medium',
  role: 'cause',
  pattern: /Failed to get the IDismImage instance from the image session/i,
  hint:
    'Setup lost its DISM image session (typically 0x800706BA, RPC server unavailable) during the SafeOS phase. ' +
    'SetupDiag recommends re-downloading the installation sources, rebooting and retrying.',
  docs: {
    meaning: 'CDISMManager could not get the IDismImage instance of its image session; the DISM provider host failed.',
    cause: 'A DISM provider failure in SafeOS, often from damaged or incomplete installation sources.',
  },
  remediation: [
    {
      description: 'Run SetupDiag to confirm (rule DISMImageSessionFailure).',
      command: 'SetupDiag.exe /Output:C:\\SetupDiag\\SetupDiagResults.log',
      shell: 'cmd',
      destructive: false,
    },
    {
      description: 'Delete the downloaded sources so Setup downloads them again, reboot, and retry the upgrade.',
      command: 'rd /s /q "C:\\$WINDOWS.~BT"',
      shell: 'cmd',
      destructive: true,
    },
  ],
  references: ['https://learn.microsoft.com/en-us/windows/deployment/upgrade/setupdiag'],
  codes: [0x800706ba],
  samples: {
    matches: [
      '2020-06-11 02:41:19, Error                 MOUPG  CDISMManager::CloseImageSession(337): Failed to get the IDismImage instance from the image session [0x800706ba]',
      'Error MOUPG CDISMManager::CloseImageSession: Failed to get the IDismImage instance from the image session. Error: 0x800706BA',
    ],
    culprits: [null, null],
    ignores: ['2020-06-11 02:41:19, Info                  MOUPG  CDISMManager::CloseImageSession(337): Closing image session'],
  },
});
