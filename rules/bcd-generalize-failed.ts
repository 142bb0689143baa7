import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'bcd-generalize-failed',
  catalogue: 'SIG-14',
  title: 'The BCD provider failed to generalize the boot configuration store',
  severity: 'error',
  confidence: 'medium',
  role: 'cause',
  // Both provider forms: LaunchDll (Windows 7 / 2008 era) and the action-file LaunchModule form.
  pattern:
    /(?:LaunchDll: ?Failure occurred while executing '[^']*spbcd\.dll, ?Sysprep_Generalize_Bcd', returned error code|LaunchModule: ?Failure occurred while executing 'Sysprep_Generalize_Bcd' from \S*spbcd\.dll; dwRet ?=) ?(?<code>-?(?:0x)?[0-9a-f]+)/i,
  // One provider only, written two ways; the culprit is that provider.
  culprit: 'spbcd.dll,Sysprep_Generalize_Bcd',
  hint:
    'spbcd.dll could not generalize the boot configuration (BCD) store (code {{code}}). Most likely the BCD store ' +
    'or the system partition that holds it is not reachable or not consistent, as on some virtual appliances.',
  docs: {
    meaning:
      'The generalize provider of Microsoft-Windows-Sysprep-SpBcd failed. Healthy runs log "Sysprep_Generalize_Bcd: ' +
      'Successfully generalized the bcd store. Status=[0x0]".',
    cause:
      'Inferred: the system store cannot be opened or updated (system partition offline or missing, damaged store). ' +
      'A Windows Server 2008 R2 report also traced a later STOP c000021a to BCD changes made by this provider.',
  },
  remediation: [
    {
      description: 'Check that the system BCD store is readable.',
      command: 'bcdedit /enum all',
      shell: 'cmd',
      destructive: false,
    },
    {
      description: 'Check that the system partition (EFI system partition or the active partition) is present and online.',
      command:
        "Get-Partition | Where-Object { $_.GptType -eq '{c12a7328-f81f-11d2-ba4b-00a0c93ec93b}' -or $_.IsActive } | Format-Table DiskNumber,PartitionNumber,Size,IsActive,GptType",
      shell: 'powershell',
      destructive: false,
    },
    {
      description: 'Bring the system partition online or repair the store, then rerun Sysprep.',
      shell: 'none',
      destructive: true,
    },
  ],
  references: [
    'https://ftpdocs.broadcom.com/cadocs/0/CA%20AppLogic%203%208-ENU/Bookshelf_Files/HTML/AppLogicDoc/2329147.html',
    'https://paradisj-dev.blogspot.com/2012/02/sysprep-generalize-bcd-store-stop.html',
  ],
  samples: {
    matches: [
      "2012-02-03 11:18:09, Error      [0x0f0082] SYSPRP LaunchDll:Failure occurred while executing 'C:\\Windows\\System32\\spbcd.dll,Sysprep_Generalize_Bcd', returned error code 2[gle=0x00000012]",
      "Error [0x0f0082] SYSPRP ActionPlatform::LaunchModule: Failure occurred while executing 'Sysprep_Generalize_Bcd' from C:\\Windows\\System32\\spbcd.dll; dwRet = 0x2",
      "02-03-2012 11:18:09.000 SYSPRP LaunchDll:Failure occurred while executing 'C:\\Windows\\System32\\spbcd.dll,Sysprep_Generalize_Bcd', returned error code 2",
    ],
    culprits: ['spbcd.dll,Sysprep_Generalize_Bcd', 'spbcd.dll,Sysprep_Generalize_Bcd', 'spbcd.dll,Sysprep_Generalize_Bcd'],
    ignores: [
      'Sysprep_Generalize_Bcd: Successfully generalized the bcd store. Status=[0x0]',
      "2016-08-02 09:04:34, Error      [0x0f0082] SYSPRP ActionPlatform::LaunchModule: Failure occurred while executing 'Sysprep_Specialize_Bcd' from C:\\Windows\\System32\\spbcd.dll; dwRet = 0x2",
    ],
  },
});
