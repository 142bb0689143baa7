import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'sysprep-run-as-system-xaml',
  catalogue: 'SIG-20',
  title: 'Sysprep was run as Local System (black screen after deployment)',
  severity: 'warning',
  // The Microsoft statement is firm; detecting it from a pasted automation line is not.
  confidence: 'low',
  role: 'context',
  // Automation output that states Sysprep runs as the SYSTEM account, in either order on one line.
  pattern:
    /\bsysprep(?:\.exe)?\b.*\b(?:NT AUTHORITY\\SYSTEM|LocalSystem|Local System)\b|\b(?:NT AUTHORITY\\SYSTEM|LocalSystem|Local System)\b.*\bsysprep(?:\.exe)?\b/i,
  hint:
    'Sysprep appears to run as Local System. That is unsupported on Windows 11 24H2/25H2 and Server 2025: AppX ' +
    'registration of the XAML packages is skipped, and deployed machines show a black screen or an explorer.exe ' +
    'crash. Run Sysprep as an administrator account instead.',
  docs: {
    meaning:
      'Context only: a line of automation output (Packer, a scheduled task, a remote-execution agent) says Sysprep is ' +
      'launched as NT AUTHORITY\\SYSTEM. The failure itself shows up after deployment, not in the Sysprep run.',
    cause:
      'Running Sysprep as Local System skips registration of MicrosoftWindows.Client.CBS, Microsoft.UI.Xaml.CBS and ' +
      'MicrosoftWindows.Client.Core for new users.',
    unobservable:
      'Panther logs record neither the account Sysprep runs as nor the missing XAML registration; the Sysprep run ' +
      'itself succeeds. The rule only fires on pasted automation output that names the SYSTEM account next to ' +
      'sysprep, which is why it is context and low confidence.',
  },
  remediation: [
    {
      description: 'Print the account the automation step runs as.',
      command: 'whoami',
      shell: 'cmd',
      destructive: false,
    },
    {
      description:
        'Run Sysprep as an administrator user (e.g. an elevated local administrator in the Packer provisioner or ' +
        'the scheduled task), not as SYSTEM.',
      shell: 'none',
      destructive: false,
    },
    {
      description: 'Repair an already deployed machine: re-register the three XAML packages for the user, then sign out and in.',
      command:
        'Add-AppxPackage -Register -Path "C:\\Windows\\SystemApps\\MicrosoftWindows.Client.CBS_cw5n1h2txyewy\\appxmanifest.xml" -DisableDevelopmentMode; ' +
        'Add-AppxPackage -Register -Path "C:\\Windows\\SystemApps\\Microsoft.UI.Xaml.CBS_8wekyb3d8bbwe\\appxmanifest.xml" -DisableDevelopmentMode; ' +
        'Add-AppxPackage -Register -Path "C:\\Windows\\SystemApps\\MicrosoftWindows.Client.Core_cw5n1h2txyewy\\appxmanifest.xml" -DisableDevelopmentMode',
      shell: 'powershell',
      destructive: true,
    },
  ],
  references: ['https://learn.microsoft.com/en-us/troubleshoot/windows-client/setup-upgrade-and-drivers/sysprep-as-system-windows-11'],
  samples: {
    matches: [
      '2025-06-02T10:11:12Z: ==> azure-arm: Running C:\\Windows\\System32\\Sysprep\\sysprep.exe /oobe /generalize /quiet /quit /mode:vm as NT AUTHORITY\\SYSTEM',
      'Task "ImagePrep" runs as LocalSystem: C:\\Windows\\System32\\Sysprep\\sysprep.exe /generalize /oobe /shutdown',
    ],
    culprits: [null, null],
    ignores: [
      '2025-06-02T10:11:12Z: ==> azure-arm: Running C:\\Windows\\System32\\Sysprep\\sysprep.exe /oobe /generalize /quiet /quit /mode:vm as CONTOSO\\imageadmin',
      'Service Winmgmt runs as LocalSystem',
    ],
  },
});
