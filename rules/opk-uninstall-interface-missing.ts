import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'opk-uninstall-interface-missing',
  catalogue: 'SIG-10',
  title: 'Sysprep cleanup could not open the OS-uninstall data',
  severity: 'error',
  // Catalogue: low-medium (one paste; the cause is inferred).
  confidence: 'low',
  role: 'cause',
  pattern:
    /(?:RemoveUninstall: ?Failed to instantiate uninstall interface|Sysprep_Clean_Opk: ?Failed to remove Uninstall); hr ?= ?(?<hr>0x[0-9a-f]{8})/i,
  hint:
    'During cleanup spopk.dll tried to remove the OS-uninstall ("go back") data of an earlier upgrade and failed ' +
    'with {{hr}}. Probably the uninstall data (Windows.old and its bookkeeping) is only partly present.',
  docs: {
    meaning:
      'Sysprep_Clean_Opk (spopk.dll, Microsoft-Windows-Sysprep-SpOpk, Cleanup.xml) failed removing the uninstall ' +
      'state; seen with 0x80070003 (ERROR_PATH_NOT_FOUND).',
    cause:
      'Inferred: the OS-uninstall machinery references a path that no longer exists, for example a partly deleted ' +
      'Windows.old after an upgrade. Verify on a lab machine.',
  },
  remediation: [
    {
      description: 'Show whether an OS-uninstall window still exists and whether Windows.old is there.',
      command: 'DISM /Online /Get-OSUninstallWindow & dir /a C:\\Windows.old',
      shell: 'cmd',
      destructive: false,
    },
    {
      description: 'Remove the ability to go back to the previous Windows version (deletes the uninstall data).',
      command: 'DISM /Online /Remove-OSUninstall',
      shell: 'cmd',
      destructive: true,
    },
    {
      description: 'Restart and rerun Sysprep; if it still fails, rebuild the image from clean media.',
      command: 'shutdown /r /t 0',
      shell: 'cmd',
      destructive: true,
    },
  ],
  references: ['https://pastebin.com/raw/EYt5Lsp7'],
  codes: [0x80070003, 0x3],
  samples: {
    matches: [
      '2019-03-28 11:52:07, Error                 SYSPRP RemoveUninstall:Failed to instantiate uninstall interface; hr = 0x80070003',
      'Error SYSPRP Sysprep_Clean_Opk:Failed to remove Uninstall; hr = 0x80070003',
      '03-28-2019 11:52:07.000 SYSPRP RemoveUninstall:Failed to instantiate uninstall interface; hr = 0x80070003',
    ],
    culprits: [null, null, null],
    ignores: [
      "2019-03-28 11:52:07, Error      [0x0f0082] SYSPRP ActionPlatform::LaunchModule: Failure occurred while executing 'Sysprep_Clean_Opk' from C:\\Windows\\System32\\spopk.dll; dwRet = 0x3",
    ],
  },
});
