import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'appx-upgrade-orphan-miracastview',
  catalogue: 'SIG-02',
  title: 'The MiracastView package was left orphaned by an in-place upgrade',
  severity: 'error',
  confidence: 'high',
  role: 'cause',
  pattern: /Package (?<pkg>Windows\.MiracastView_\S+) was installed for a user, but not provisioned for all users/i,
  culprit: '{{pkg}}',
  hint:
    'The inbox package {{pkg}} was migrated incorrectly when Windows 10 1703 was upgraded to 1709: it is still ' +
    'registered for a user but its AppRepository record is missing, so Sysprep sees a package installed for a user ' +
    'and not provisioned, and Remove-AppxPackage fails with 0x80070490 (element not found).',
  docs: {
    meaning:
      'A refinement of appx-installed-not-provisioned (SIG-01) for one package: AppxSysprep.dll blocks generalize ' +
      'because Windows.MiracastView is installed for a user but not provisioned. Unlike SIG-01, removing the package ' +
      'does not work until its repository record is restored.',
    cause:
      'Setup did not migrate the MiracastView package state during the in-place upgrade from 1703 to 1709; the ' +
      'package XML stayed in C:\\Windows.old\\ProgramData\\Microsoft\\Windows\\AppRepository.',
  },
  remediation: [
    {
      description: 'Show the package and the users that have it.',
      command: 'Get-AppxPackage -AllUsers -Name Windows.MiracastView | Format-List PackageFullName,PackageUserInformation',
      shell: 'powershell',
      destructive: false,
    },
    {
      description: 'Check that the upgrade left the package record in Windows.old.',
      command: 'Test-Path "C:\\Windows.old\\ProgramData\\Microsoft\\Windows\\AppRepository\\{{culprit}}.xml"',
      shell: 'powershell',
      destructive: false,
    },
    {
      description: 'Restore the package record from Windows.old (Microsoft KB 4057974), then restart.',
      command:
        'Copy-Item -Path "C:\\Windows.old\\ProgramData\\Microsoft\\Windows\\AppRepository\\{{culprit}}.xml" -Destination "C:\\ProgramData\\Microsoft\\Windows\\AppRepository\\"',
      shell: 'powershell',
      destructive: true,
    },
    {
      description:
        'Without Windows.old: copy the C:\\Windows\\MiracastView folder from a Windows 10 1703 machine to the same place, ' +
        'restart, and rerun Sysprep.',
      shell: 'none',
      destructive: true,
    },
    {
      description: 'Restart so the restored record is picked up, then rerun Sysprep.',
      command: 'Restart-Computer',
      shell: 'powershell',
      destructive: true,
    },
  ],
  references: [
    'https://learn.microsoft.com/en-us/troubleshoot/windows-client/setup-upgrade-and-drivers/miracastview-cause-sysprep-error-upgrade-windows-10-1709',
    'https://learn.microsoft.com/en-us/troubleshoot/windows-client/setup-upgrade-and-drivers/sysprep-fails-remove-or-update-store-apps',
  ],
  codes: [0x80073cf2, 0x3cf2, 0x80070490],
  samples: {
    matches: [
      '2018-01-22 16:40:02, Error                 SYSPRP Package Windows.MiracastView_6.3.0.0_neutral_neutral_cw5n1h2txyewy was installed for a user, but not provisioned for all users. This package will not function properly in the sysprep image.',
      '01-22-2018 16:40:02.000 SYSPRP Package Windows.MiracastView_6.3.0.0_neutral_neutral_cw5n1h2txyewy was installed for a user, but not provisioned for all users. This package will not function properly in the sysprep image.',
      'Error SYSPRP Package Windows.MiracastView_6.3.0.0_neutral_neutral_cw5n1h2txyewy was installed for a user, but not provisioned for all users.',
    ],
    culprits: [
      'Windows.MiracastView_6.3.0.0_neutral_neutral_cw5n1h2txyewy',
      'Windows.MiracastView_6.3.0.0_neutral_neutral_cw5n1h2txyewy',
      'Windows.MiracastView_6.3.0.0_neutral_neutral_cw5n1h2txyewy',
    ],
    ignores: [
      '2018-01-22 16:40:02, Error                 SYSPRP Package Microsoft.OneDriveSync_21220.1024.5.0_neutral__8wekyb3d8bbwe was installed for a user, but not provisioned for all users. This package will not function properly in the sysprep image.',
      '2018-01-22 16:40:02, Error                 SYSPRP SysprepSession::Validate: Error in validating actions from C:\\Windows\\System32\\Sysprep\\ActionFiles\\Generalize.xml; dwRet = 0x3cf2',
    ],
  },
});
