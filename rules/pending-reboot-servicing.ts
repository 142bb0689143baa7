import { defineRule } from '../src/engine/define-rule.js';

// Field-guide rule (no catalogue id). Kept apart from its neighbours: SIG-39 owns "WinMain: File operations
// pending" (context), SIG-07/08 the reserved-storage texts, SIG-09 the failed CBS query. This rule takes the other
// phrasings of "a reboot is due": Sysprep's own refusal text for updates awaiting a reboot, and generic
// reboot-pending wording at Warning/Error level.
export default defineRule({
  id: 'pending-reboot-servicing',
  title: 'Updates or servicing are waiting for a reboot',
  severity: 'error',
  confidence: 'low',
  role: 'cause',
  pattern:
    /There are one or more Windows updates that require a reboot|\bA (?:system )?reboot is (?:pending|required)\b|\bRebootPending\b|\bPendingFileRenameOperations\b/i,
  hint:
    'Windows Update or another servicing operation is waiting for a restart. Sysprep refuses to generalize (or ' +
    'its cleanup validation fails) until the machine has rebooted and servicing has finished.',
  docs: {
    meaning:
      'A line says a reboot is pending or required: Sysprep\'s "There are one or more Windows updates that require ' +
      'a reboot" refusal, or a Warning/Error that names the RebootPending flag or PendingFileRenameOperations.',
    cause:
      'Updates or installers were applied on the reference machine without the final restart. Inferred for the ' +
      'generic phrasings: the line shows the pending state, not that it caused the failure.',
  },
  remediation: [
    {
      description: 'Show the servicing reboot flag and pending file renames.',
      command:
        "Test-Path 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\RebootPending'; Get-ItemProperty 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Session Manager' -Name PendingFileRenameOperations -ErrorAction SilentlyContinue",
      shell: 'powershell',
      destructive: false,
    },
    {
      description: 'List packages that still wait for a restart.',
      command: 'dism /online /get-packages /format:table | findstr /i "Pending"',
      shell: 'cmd',
      destructive: false,
    },
    {
      description: 'Restart, repeat until nothing is pending, then rerun Sysprep.',
      command: 'shutdown /r /t 0',
      shell: 'cmd',
      destructive: true,
    },
  ],
  references: [
    'https://learn.microsoft.com/en-us/troubleshoot/mem/configmgr/os-deployment/windows-11-image-capture-fail',
    'https://github.com/canonical/packer-maas/issues/335',
  ],
  samples: {
    matches: [
      '2021-07-30 15:02:44, Error      [0x0f00b0] SYSPRP Sysprep_Clean_Validate_Opk: There are one or more Windows updates that require a reboot. To run Sysprep, reboot the computer and restart Sysprep.',
      'Error SYSPRP There are one or more Windows updates that require a reboot.  To run Sysprep, reboot the computer and restart Sysprep.[gle=0x00000002]',
      '2021-07-30 15:02:44, Warning                      [setup.exe] A reboot is pending; servicing operations must complete before continuing',
    ],
    culprits: [null, null, null],
    ignores: [
      '2021-07-30 15:02:44, Warning               SYSPRP WinMain: File operations pending',
      '2021-07-30 15:02:44, Error      [0x0f00b0] SYSPRP Sysprep_Clean_Validate_Opk: Audit mode cannot be turned on if reserved storage is in use. An update or servicing operation may be using reserved storage.; hr = 0x800F0975',
      '2021-07-30 15:02:44, Error      [0x0f00b0] SYSPRP spopk.dll:: Failed to query pending CBS operations; hr = 0x80080005',
    ],
  },
});
