import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'cbs-reboot-pending-before-sysprep',
  catalogue: 'SIG-39',
  title: 'File operations were pending (a reboot was due) when Sysprep started',
  severity: 'warning',
  confidence: 'low',
  role: 'context',
  pattern: /WinMain: ?File operations pending/i,
  hint:
    'Sysprep started while file rename operations were still pending, i.e. a reboot was due. Alone this is harmless ' +
    '(it also appears in successful runs); with a servicing failure in the same run (reserved storage, CBS query) ' +
    'it points at "reboot first, then run Sysprep".',
  docs: {
    meaning: 'Sysprep\'s run header notes pending file operations (PendingFileRenameOperations).',
    cause: 'Inferred: updates or installers scheduled file replacements for the next reboot, and the machine was not rebooted.',
  },
  remediation: [
    {
      description: 'Show the pending rename operations and the servicing reboot flag.',
      command:
        "Get-ItemProperty 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Session Manager' -Name PendingFileRenameOperations -ErrorAction SilentlyContinue; Test-Path 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\RebootPending'",
      shell: 'powershell',
      destructive: false,
    },
    {
      description: 'Restart before running Sysprep.',
      command: 'shutdown /r /t 0',
      shell: 'cmd',
      destructive: true,
    },
  ],
  references: [
    'https://github.com/notepad-plus-plus/notepad-plus-plus/issues/13675',
    'https://pastebin.com/ri2cc4Li',
    'https://github.com/canonical/packer-maas/issues/335',
  ],
  samples: {
    matches: [
      '2016-03-01 12:17:21, Warning               SYSPRP WinMain: File operations pending',
      'Warning SYSPRP WinMain:File operations pending',
      '03-01-2016 12:17:21.000 SYSPRP WinMain: File operations pending',
    ],
    culprits: [null, null, null],
    ignores: ["2016-03-01 12:17:21, Info       [0x0f005f] SYSPRP ParseCommands:Found supported command line option 'GENERALIZE'"],
  },
});
