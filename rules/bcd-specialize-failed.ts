import { defineRule } from '../src/engine/define-rule.js';

// Field-guide rule (no catalogue id), modelled on bcd-generalize-failed (SIG-14): the same provider's specialize step,
// which logs its own TOOL line with the BCD status before the LaunchModule failure.
export default defineRule({
  id: 'bcd-specialize-failed',
  title: 'The BCD provider could not open the system store during specialize',
  severity: 'error',
  confidence: 'medium',
  role: 'cause',
  pattern:
    /Sysprep_Specialize_Bcd:\s*(?<detail>(?!\s|Success)[^\[]*?)\.? ?Status ?= ?\[(?<status>-?(?:0x)?[0-9a-f]+)\]/i,
  culprit: 'Sysprep_Specialize_Bcd',
  hint:
    'At first boot the BCD specialize provider (spbcd.dll, Sysprep_Specialize_Bcd) failed: "{{detail}}" with status ' +
    '{{status}}. The system boot store was not where Windows expects it - typically a disk layout the image was not ' +
    'prepared for (for example Windows To Go on a GPT disk without an MSR partition, or a missing or unreadable EFI system partition).',
  docs: {
    meaning:
      'The specialize step of Microsoft-Windows-Sysprep-SpBcd reported a BCD status (0xC000000F = STATUS_NO_SUCH_FILE ' +
      'in the documented case) and the specialize pass failed; Setup shows "Windows setup could not configure Windows ' +
      'to run on this computer\'s hardware".',
    cause:
      'The target disk\'s system partition or boot store is missing or not readable when specialize runs (unusual ' +
      'partition layout, boot files not created with bcdboot, store on another disk).',
  },
  remediation: [
    {
      description: 'From WinPE or the recovery console, list the partitions of the target disk.',
      command: 'Get-Partition | Format-Table DiskNumber,PartitionNumber,DriveLetter,Size,Type,GptType',
      shell: 'powershell',
      destructive: false,
    },
    {
      description: 'Check the store on the system partition (assign it a letter first, e.g. S:).',
      command: 'bcdedit /store S:\\EFI\\Microsoft\\Boot\\BCD /enum all',
      shell: 'cmd',
      destructive: false,
    },
    {
      description: 'Recreate the boot files and store for the applied image on the system partition, then redeploy.',
      command: 'bcdboot C:\\Windows /s S: /f ALL',
      shell: 'cmd',
      destructive: true,
    },
  ],
  references: [
    'https://github.com/pbatard/rufus/issues/432',
    'https://learn.microsoft.com/en-us/windows-hardware/manufacture/desktop/bcdboot-command-line-options-techref-di',
  ],
  codes: [0xc000000f],
  samples: {
    matches: [
      '2016-08-02 14:21:50, Error      [0x0e00b3] TOOL   Sysprep_Specialize_Bcd: There was an error opening the system store. Status=[0xC000000F]',
      'Error [0x0e00b3] TOOL Sysprep_Specialize_Bcd: There was an error opening the system store. Status=[0xc0000034]',
      '08-02-2016 14:21:50.000 TOOL 917683 (0xe00b3) Sysprep_Specialize_Bcd: There was an error opening the system store. Status=[0xC000000F]',
    ],
    culprits: ['Sysprep_Specialize_Bcd', 'Sysprep_Specialize_Bcd', 'Sysprep_Specialize_Bcd'],
    ignores: [
      'Sysprep_Specialize_Bcd: Successfully specialized the bcd store. Status=[0x0]',
      "2016-08-02 14:21:50, Error      [0x0f0082] SYSPRP ActionPlatform::LaunchModule: Failure occurred while executing 'Sysprep_Specialize_Bcd' from C:\\Windows\\System32\\spbcd.dll; dwRet = 0x2",
    ],
  },
});
