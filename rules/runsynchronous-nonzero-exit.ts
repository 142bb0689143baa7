import { defineRule } from '../src/engine/define-rule.js';

// Context, not a cause: SetupUGC logs these at Info, and successful deployments contain non-zero exit codes
// (0x1, 0xfffd0000) of RunSynchronous commands - SetupUGC only "observes the exit code's implied request"
// (reboot requests) and goes on. A non-zero code is worth showing, never a root cause by itself.
export default defineRule({
  id: 'runsynchronous-nonzero-exit',
  catalogue: 'SIG-29',
  title: 'A RunSynchronous command returned a non-zero exit code',
  severity: 'warning',
  confidence: 'low',
  role: 'context',
  levels: ['Info', 'Warning', 'Error', 'Fatal Error', 'Unknown'],
  pattern:
    /\[SETUPUGC\.EXE\] (?:Process returned with exit code (?<code>0x0*[1-9a-f][0-9a-f]*)\b|SetupUGC returning with exit code \[(?<rc>-?0*[1-9]\d*)\])/i,
  hint:
    'A RunSynchronous command of the answer file (or SetupUGC itself) ended with a non-zero exit code. Setup goes ' +
    'on regardless, and some codes only request a reboot, so check whether the command did its job.',
  docs: {
    meaning:
      'SetupUGC (UnattendGC log) ran a RunSynchronous command that returned non-zero, or SetupUGC returned non-zero ' +
      'to Setup. The command itself is in the "Found RunSynchronous command" line before it. Reported as context, ' +
      'never as a root cause: successful deployments log exit codes such as 0x1 and 0xfffd0000 at Info, and ' +
      'SetupUGC treats some codes as reboot requests.',
    cause:
      'The script or program of a RunSynchronous command failed or returned a status code by design (many ' +
      'installers and PowerShell scripts return non-zero on success).',
  },
  remediation: [
    {
      description: 'Pair each RunSynchronous command with its exit code.',
      command:
        'Select-String -Path C:\\Windows\\Panther\\UnattendGC\\setupact.log -Pattern "Found RunSynchronous command|Process returned with exit code|SetupUGC returning"',
      shell: 'powershell',
      destructive: false,
    },
    {
      description: 'Make the command log its own output and exit 0 on success (or use WillReboot for reboot requests).',
      shell: 'none',
      destructive: false,
    },
  ],
  references: ['https://github.com/cralborn/cyberforce/blob/0cd9d20116a8725c08bc216ccda757d3be3aef3c/Panther/UnattendGC/setupact.log'],
  samples: {
    matches: [
      '2025-10-02 10:40:58, Info                         [SETUPUGC.EXE] Process returned with exit code 0x1',
      '2025-10-02 10:40:59, Info [SETUPUGC.EXE] SetupUGC returning with exit code [5]',
      'Info [SETUPUGC.EXE] Process returned with exit code 0xfffd0000',
    ],
    culprits: [null, null, null],
    ignores: [
      '2025-10-02 10:40:58, Info                         [SETUPUGC.EXE] Process returned with exit code 0x0',
      '2025-10-02 10:40:59, Info                         [SETUPUGC.EXE] SetupUGC returning with exit code [0]',
      "2025-10-02 10:40:59, Info                         [Shell Unattend] Exiting 'specialize' pass with status 0x002c1000",
    ],
  },
});
