import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'sysprep-gui-cancelled',
  catalogue: 'SIG-18',
  title: 'The Sysprep dialog was closed or cancelled',
  severity: 'warning',
  confidence: 'low',
  role: 'consequence',
  pattern: /WinMain: ?The sysprep dialog box returned FALSE/i,
  hint:
    'Sysprep was started without options and its dialog returned FALSE - it was closed, cancelled, or an error ' +
    'dialog ended it. On its own this says nothing about the image; look at the lines before it and at later runs.',
  docs: {
    meaning: 'The interactive Sysprep dialog (run without command-line options) ended with FALSE, logged at Error level with [0x0f0043].',
    cause:
      'Inferred: the user closed or cancelled the dialog, or a provider failure surfaced as an error dialog first ' +
      '(it was seen in a log whose real failure was the BCD generalize provider).',
  },
  remediation: [
    {
      description: 'Look for a provider failure earlier in the same run or in the next run.',
      command:
        'Select-String -Path "$env:WINDIR\\System32\\Sysprep\\Panther\\setupact.log" -Pattern "Failure occurred while executing|Hit failure while"',
      shell: 'powershell',
      destructive: false,
    },
    {
      description: 'Run Sysprep with explicit options instead of the dialog, so the run is repeatable and fully logged.',
      command: '%WINDIR%\\System32\\Sysprep\\sysprep.exe /generalize /oobe /shutdown',
      shell: 'cmd',
      destructive: true,
    },
  ],
  references: ['https://ftpdocs.broadcom.com/cadocs/0/CA%20AppLogic%203%208-ENU/Bookshelf_Files/HTML/AppLogicDoc/2329147.html'],
  samples: {
    matches: [
      '2012-02-03 11:20:41, Error      [0x0f0043] SYSPRP WinMain:The sysprep dialog box returned FALSE',
      'Error [0x0f0043] SYSPRP WinMain: The sysprep dialog box returned FALSE',
      '02-03-2012 11:20:41.000 SYSPRP 983107 (0xf0043) WinMain:The sysprep dialog box returned FALSE',
    ],
    culprits: [null, null, null],
    ignores: ["2012-02-03 11:20:41, Info       [0x0f003d] SYSPRP WinMain:Displaying dialog box for user to choose sysprep mode..."],
  },
});
