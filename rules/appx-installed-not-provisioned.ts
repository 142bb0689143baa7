import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'appx-installed-not-provisioned',
  catalogue: 'SIG-01',
  title: 'An AppX package is installed for a user but not provisioned for all users',
  severity: 'error',
  confidence: 'high',
  role: 'cause',
  // The negative lookahead leaves Windows.MiracastView_ to appx-upgrade-orphan-miracastview (SIG-02), which refines this rule.
  pattern: /Package (?!Windows\.MiracastView_)(?<pkg>\S+) was installed for a user, but not provisioned for all users/i,
  culprit: '{{pkg}}',
  hint:
    'The package {{pkg}} exists in one or more user profiles but is not provisioned for all users, so Sysprep ' +
    'cannot generalize the image. Typical causes: an inbox app updated by the Store for one user while in audit ' +
    'mode, an app de-provisioned but not removed for a user, or a per-user install made by an installer.',
  docs: {
    meaning: 'AppxSysprep.dll validates that every AppX package installed for a user is also provisioned for all users.',
    cause:
      'A package was installed or updated for a single user (Store auto-update in audit mode, a per-user installer, ' +
      'or an inbox app removed from the provisioned set but left in a profile). The MiracastView package orphaned by ' +
      'the 1703 -> 1709 upgrade is a separate signature (appx-upgrade-orphan-miracastview, SIG-02) with its own fix.',
  },
  remediation: [
    {
      description: 'List the package and the users that have it installed.',
      command: 'Get-AppxPackage -AllUsers | Where-Object PackageFullName -eq "{{culprit}}" | Format-List PackageFullName,PackageUserInformation',
      shell: 'powershell',
      destructive: false,
    },
    {
      description: 'Remove the package for all users that have it installed.',
      command: 'Get-AppxPackage -AllUsers -PackageTypeFilter Main,Bundle | Where-Object PackageFullName -eq "{{culprit}}" | Remove-AppxPackage -AllUsers',
      shell: 'powershell',
      destructive: true,
    },
    {
      description: 'Remove the package for the account running Sysprep.',
      command: 'Remove-AppxPackage -Package "{{culprit}}"',
      shell: 'powershell',
      destructive: true,
    },
    {
      description: 'Remove the provisioned copy too, if one exists, so new profiles do not get it.',
      command: 'Get-AppxProvisionedPackage -Online | Where-Object PackageName -eq "{{culprit}}" | Remove-AppxProvisionedPackage -Online',
      shell: 'powershell',
      destructive: true,
    },
    {
      description:
        'Prevent recurrence: keep the reference machine offline or disable automatic Store updates while in audit mode, then rerun Sysprep.',
      shell: 'none',
      destructive: false,
    },
  ],
  references: [
    'https://learn.microsoft.com/en-us/troubleshoot/windows-client/setup-upgrade-and-drivers/sysprep-fails-remove-or-update-store-apps',
    'https://learn.microsoft.com/en-us/troubleshoot/mem/configmgr/os-deployment/windows-11-image-capture-fail',
    'https://github.com/actions/runner-images/issues/14499',
    'https://github.com/novateams/nova.core/issues/253',
  ],
  codes: [0x80073cf2, 0x3cf2],
  samples: {
    matches: [
      '2025-11-03 09:12:40, Error                 SYSPRP Package Microsoft.OneDriveSync_24201.1006.2.0_neutral__8wekyb3d8bbwe was installed for a user, but not provisioned for all users. This package will not function properly in the sysprep image.',
      '11-03-2025 09:12:40.000 SYSPRP Package Contoso.Notes_2.1.0.0_x64__abcd1234efgh5 was installed for a user, but not provisioned for all users. This package will not function properly in the sysprep image.',
      'Error SYSPRP Package Microsoft.Copilot_1.0.3.0_x64__8wekyb3d8bbwe was installed for a user, but not provisioned for all users.',
    ],
    culprits: [
      'Microsoft.OneDriveSync_24201.1006.2.0_neutral__8wekyb3d8bbwe',
      'Contoso.Notes_2.1.0.0_x64__abcd1234efgh5',
      'Microsoft.Copilot_1.0.3.0_x64__8wekyb3d8bbwe',
    ],
    ignores: [
      '2025-11-03 09:12:40, Info                  SYSPRP Entering SysprepGeneralizeValidate (Appx) - validating whether all apps are also provisioned.',
      '2025-11-03 09:12:40, Error                 SYSPRP Failed to remove apps for the current user: 0x80073cf2.',
      '2018-01-22 16:40:02, Error                 SYSPRP Package Windows.MiracastView_6.3.0.0_neutral_neutral_cw5n1h2txyewy was installed for a user, but not provisioned for all users. This package will not function properly in the sysprep image.',
    ],
  },
});
