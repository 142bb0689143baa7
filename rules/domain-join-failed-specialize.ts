import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'domain-join-failed-specialize',
  catalogue: 'SIG-28',
  title: 'The unattended domain join failed in specialize',
  severity: 'error',
  confidence: 'medium',
  role: 'cause',
  // DJOIN.EXE logs its progress at Info; a failed attempt is retried, so the line alone is not fatal.
  levels: ['Info', 'Warning', 'Error', 'Fatal Error', 'Unknown'],
  pattern: /\[DJOIN\.EXE\] Unattended Join: ?(?:NetJoinDomain attempt failed: ?|Unable to join; gdwError ?= ?)(?<code>0x[0-9a-f]+)/i,
  hint:
    'Microsoft-Windows-UnattendedJoin could not join the domain (code {{code}}): 0x52e is a logon failure (wrong ' +
    'credentials or account rights), 0x54b means no domain controller was found (DNS or network).',
  docs: {
    meaning: 'The domain join of the specialize pass (DJOIN.EXE) failed; it retries a few times and then gives up.',
    cause: 'Bad join credentials or OU rights, or no DC discovery from the new machine (DNS, network, firewall, time).',
  },
  remediation: [
    {
      description: 'Read the join log of the same attempt.',
      command: 'Get-Content "$env:WINDIR\\debug\\NetSetup.LOG" -Tail 80',
      shell: 'powershell',
      destructive: false,
    },
    {
      description: 'Show the domain and OU the answer file asks for (read-only; credentials are not printed).',
      command:
        "Select-Xml -Path C:\\Windows\\Panther\\unattend.xml -XPath \"//*[local-name()='JoinDomain' or local-name()='MachineObjectOU']\" | ForEach-Object { $_.Node.OuterXml }",
      shell: 'powershell',
      destructive: false,
    },
    {
      description: 'Check DC discovery from the machine for the domain named in the answer file.',
      command:
        "$domain = (Select-Xml -Path C:\\Windows\\Panther\\unattend.xml -XPath \"//*[local-name()='JoinDomain']\").Node.InnerText; nltest /dsgetdc:$domain",
      shell: 'powershell',
      destructive: false,
    },
    {
      description:
        'Fix credentials, OU or DNS in the answer file or network; for a trace, set DebugJoin (and ' +
        'DebugJoinOnlyOnThisError) in Microsoft-Windows-UnattendedJoin to get UnattendedJoinDCLocator.etl.',
      shell: 'none',
      destructive: false,
    },
  ],
  references: [
    'https://learn.microsoft.com/en-us/windows-hardware/customize/desktop/unattend/microsoft-windows-unattendedjoin-identification-debugjoin',
    'https://learn.microsoft.com/en-us/troubleshoot/windows-server/identity/active-directory-domain-join-troubleshooting-guidance',
  ],
  codes: [0x52e, 0x54b],
  samples: {
    matches: [
      '2023-02-14 08:22:40, Info                         [DJOIN.EXE] Unattended Join: NetJoinDomain attempt failed: 0x52e, will retry in 10 seconds...',
      'Error [DJOIN.EXE] Unattended Join: Unable to join; gdwError = 0x54b',
    ],
    culprits: [null, null],
    ignores: [
      '2023-02-14 08:22:40, Info                         [DJOIN.EXE] Unattended Join: Calling DsGetDcName for contoso.com...',
      '2023-02-14 08:22:40, Info                         [DJOIN.EXE] Unattended Join: Exit, returning 0x0',
    ],
  },
});
