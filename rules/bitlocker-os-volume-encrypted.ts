import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'bitlocker-os-volume-encrypted',
  catalogue: 'SIG-06',
  title: 'BitLocker (or automatic device encryption) is on for the OS volume',
  severity: 'error',
  // Catalogue: medium-high (one real log plus build notes quoting the exact lines).
  confidence: 'medium',
  role: 'cause',
  pattern:
    /BitLocker is on for the OS volume|LaunchModule: ?Failure occurred while executing 'ValidateBitLockerState' from \S*BdeSysprep\.dll/i,
  hint:
    'Sysprep will not generalize an encrypted OS volume. On Windows 11 with TPM 2.0 and Secure Boot this is usually ' +
    'automatic device encryption, which counts as BitLocker-on even when protection shows as off or "waiting for activation".',
  docs: {
    meaning:
      'BdeSysprep.dll (ValidateBitLockerState) found the OS volume fully or partially encrypted during generalize ' +
      'validation and failed with 0x80310039 (FVE_E_NOT_DECRYPTED).',
    cause:
      'BitLocker was turned on, or automatic device encryption started on its own on hardware with TPM 2.0 and ' +
      'Secure Boot, before the image was generalized.',
  },
  remediation: [
    {
      description: 'Show the encryption state of the OS volume.',
      command: 'manage-bde -status %SystemDrive%',
      shell: 'cmd',
      destructive: false,
    },
    {
      description: 'Decrypt the OS volume.',
      command: 'manage-bde -off %SystemDrive%',
      shell: 'cmd',
      destructive: true,
    },
    {
      description: 'Wait until the volume reports FullyDecrypted (0.0% encrypted), then rerun Sysprep.',
      command:
        "while ((Get-BitLockerVolume -MountPoint $env:SystemDrive).VolumeStatus -ne 'FullyDecrypted') { Start-Sleep -Seconds 30 }",
      shell: 'powershell',
      destructive: false,
    },
    {
      description:
        'On build VMs, prevent device encryption before it starts (the registry form of the PreventDeviceEncryption ' +
        'setting of Microsoft-Windows-SecureStartup-FilterDriver); enable BitLocker per device after deployment.',
      command: 'reg add "HKLM\\SYSTEM\\CurrentControlSet\\Control\\BitLocker" /v PreventDeviceEncryption /t REG_DWORD /d 1 /f',
      shell: 'cmd',
      destructive: true,
    },
  ],
  references: [
    'https://learn.microsoft.com/en-us/windows/win32/secprov/win32-encryptablevolume',
    'https://learn.microsoft.com/en-us/windows-hardware/customize/desktop/unattend/microsoft-windows-securestartup-filterdriver',
    'https://github.com/vmware/ansible-vsphere-gos-validation/pull/515',
  ],
  codes: [0x80310039],
  samples: {
    matches: [
      '2026-01-12 09:40:03, Error                 SYSPRP BitLocker-Sysprep: BitLocker is on for the OS volume. Turn BitLocker off to run Sysprep. (0x80310039)',
      'Error SYSPRP BitLocker-Sysprep: BitLocker is on for the OS volume. Turn BitLocker off to run Sysprep. (0x80310039)',
      "01-12-2026 09:40:03.000 SYSPRP ActionPlatform::LaunchModule:Failure occurred while executing 'ValidateBitLockerState' from C:\\Windows\\System32\\BdeSysprep.dll; dwRet = 0x80310039",
    ],
    culprits: [null, null, null],
    ignores: [
      "2026-01-12 09:40:03, Info                  SYSPRP ActionPlatform::LaunchModule: Executing method 'ValidateBitLockerState' from C:\\Windows\\System32\\BdeSysprep.dll",
      "Error SYSPRP ActionPlatform::LaunchModule: Failure occurred while executing 'SysprepGeneralizeValidate' from C:\\Windows\\System32\\AppxSysprep.dll; dwRet = 0x3cf2",
    ],
  },
});
