import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'upgrade-disk-full',
  catalogue: 'SIG-36',
  title: 'The upgrade ran out of disk space',
  severity: 'error',
  confidence: 'high',
  role: 'cause',
  // Setup's components only: in Sysprep's own lines the provider rules tell the story.
  components: ['MOUPG', 'SP', 'CONX', 'MIG', 'IBS', 'IBSLIB', 'PANTHR', 'DU', 'DISM', 'CBS', 'CSI', 'CMI', 'DPX', 'TOOL', 'DIAG', 'UI', 'SPPNP', 'MUI'],
  pattern: /\b0x80070070\b|\bERROR_DISK_FULL\b|There is not enough space on the disk/i,
  hint: 'Setup hit ERROR_DISK_FULL (0x80070070): the system drive (or the drive holding $Windows.~BT) ran out of space during the upgrade.',
  docs: {
    meaning: 'A write of the upgrade failed with ERROR_DISK_FULL.',
    cause: 'Not enough free space for the new OS, the migrated data and the rollback copy.',
  },
  remediation: [
    {
      description: 'Show free space per drive.',
      command: 'Get-PSDrive -PSProvider FileSystem | Format-Table Name,@{n="FreeGB";e={[math]::Round($_.Free/1GB,1)}},@{n="UsedGB";e={[math]::Round($_.Used/1GB,1)}}',
      shell: 'powershell',
      destructive: false,
    },
    {
      description: 'Remove superseded component store content to free space.',
      command: 'Dism /Online /Cleanup-Image /StartComponentCleanup',
      shell: 'cmd',
      destructive: true,
    },
    {
      description: 'Free more space (user data, old restore points, an older Windows.old) or attach storage for Setup, then retry.',
      shell: 'none',
      destructive: true,
    },
  ],
  references: ['https://learn.microsoft.com/en-us/windows/deployment/upgrade/upgrade-error-codes'],
  codes: [0x80070070, 0x70],
  samples: {
    matches: [
      '2021-03-02 10:14:07, Error                 SP     CMoveFilesAction::Execute: Failed to move C:\\$WINDOWS.~BT\\NewOS\\Windows\\WinSxS. Error: 0x80070070',
      'Error MOUPG CSetupManager::Execute(295): Result = 0x80070070',
    ],
    culprits: [null, null],
    ignores: [
      "2021-03-02 10:14:07, Error      [0x0f0082] SYSPRP ActionPlatform::LaunchModule: Failure occurred while executing 'Sysprep_Clean_Opk' from C:\\Windows\\System32\\spopk.dll; dwRet = 0x70; hr = 0x80070070",
      '2021-03-02 10:14:07, Error                 MOUPG  CSetupManager::Execute(295): Result = 0x80070700',
    ],
  },
});
