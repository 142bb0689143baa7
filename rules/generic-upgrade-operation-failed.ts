import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'generic-upgrade-operation-failed',
  catalogue: 'SIG-38',
  title: 'A Setup Platform operation failed',
  severity: 'error',
  confidence: 'high',
  role: 'generic',
  pattern: /(?:Operation failed: (?<op>.+?)\. Error: ?|Operation execution failed: (?<n>\d+)\. hr ?= ?)(?<hr>0x[0-9a-f]{8})/i,
  culprit: '{{op}}',
  hint:
    'A Setup Platform operation failed with {{hr}}. Like Sysprep\'s WinMain line, this summarises: the first ' +
    'object-level error above it (a migration object, a file, a registry key) is the actual cause.',
  docs: {
    meaning: 'The SP (Setup Platform) component reports that a queued upgrade operation failed.',
    cause: 'Any failure inside the operation; the specific one is logged earlier.',
  },
  remediation: [
    {
      description: 'Show the errors logged before the failed operation.',
      command:
        "Select-String -Path 'C:\\$WINDOWS.~BT\\Sources\\Panther\\setuperr.log' -Pattern 'Operation failed|while gathering/applying object|Abandoning apply' -Context 5,0 -ErrorAction SilentlyContinue",
      shell: 'powershell',
      destructive: false,
    },
    {
      description: 'Run SetupDiag to name the failure.',
      command: 'SetupDiag.exe /Output:C:\\SetupDiag\\SetupDiagResults.log',
      shell: 'cmd',
      destructive: false,
    },
  ],
  references: ['https://learn.microsoft.com/en-us/windows/deployment/upgrade/log-files', 'https://learn.microsoft.com/en-us/windows/deployment/upgrade/setupdiag'],
  samples: {
    matches: [
      '2022-08-23 04:47:32, Error                 SP     Operation failed: Add [1] package C:\\$WINDOWS.~BT\\FODs\\DU\\Microsoft-Windows-LanguageFeatures-Basic-de-de-Package.cab. Error: 0x800F0922[gle=0x00000057]',
      'Error SP Operation execution failed: 14. hr = 0x8007042B',
    ],
    culprits: ['Add [1] package C:\\$WINDOWS.~BT\\FODs\\DU\\Microsoft-Windows-LanguageFeatures-Basic-de-de-Package.cab', null],
    ignores: ['2022-08-23 04:47:32, Error                 SP     CSetupPlatform::DownloadDynamicUpdates: Failed to download updates. Error: 0x80004005'],
  },
});
