import { defineRule } from '../src/engine/define-rule.js';

// Field-guide rule (no catalogue id). Panther logs do not say whether the machine being generalized is
// domain-joined; what they do show are the unattended join's DC discovery and exit status, and NetSetup.log
// (when it is among the inputs) shows join and unjoin results. Everything past that is inferred.
export default defineRule({
  id: 'domain-joined-machine',
  title: 'Domain membership or domain discovery problem (inferred)',
  severity: 'warning',
  confidence: 'low',
  role: 'context',
  levels: ['Info', 'Warning', 'Error', 'Fatal Error', 'Unknown'],
  // Non-zero codes only (0x0 and 0x00000000 are success).
  pattern:
    /(?:Unattended Join: ?(?:DsGetDcName failed: ?|Exit, returning )|\bNetp(?:DoDomainJoin|JoinDomain|UnJoinDomain): status: ?)(?<code>0x0*[1-9a-f][0-9a-f]*)\b/i,
  hint:
    'A domain operation failed with {{code}}: the machine could not find a domain controller, or a join or unjoin ' +
    'did not complete. Reference machines should stay in a workgroup while they are built and generalized; domain ' +
    'policies (security agents, Store updates, onboarding) are a frequent source of later Sysprep failures, and ' +
    'the join belongs in the specialize pass of the deployed machine.',
  docs: {
    meaning:
      'Context only: a DC discovery failure or a non-zero exit of the unattended join (UnattendGC), or a non-zero ' +
      'join/unjoin status in NetSetup.log.',
    cause:
      'Inferred: no DNS route to a domain controller from the build network, a machine generalized while domain ' +
      'joined, or a join attempted with wrong credentials. The logs do not record domain membership at generalize time.',
  },
  remediation: [
    {
      description: 'Check whether the machine is domain joined.',
      command: '(Get-CimInstance Win32_ComputerSystem) | Format-List Name,PartOfDomain,Domain',
      shell: 'powershell',
      destructive: false,
    },
    {
      description: 'Read the join log.',
      command: 'Get-Content "$env:WINDIR\\debug\\NetSetup.LOG" -Tail 80',
      shell: 'powershell',
      destructive: false,
    },
    {
      description: 'Build reference machines in a workgroup: leave the domain before generalizing (needs domain credentials).',
      command: 'Remove-Computer -UnjoinDomainCredential (Get-Credential) -WorkgroupName WORKGROUP -Restart',
      shell: 'powershell',
      destructive: true,
    },
  ],
  references: [
    'https://learn.microsoft.com/en-us/troubleshoot/windows-server/identity/active-directory-domain-join-troubleshooting-guidance',
    'https://learn.microsoft.com/en-us/windows-hardware/customize/desktop/unattend/microsoft-windows-unattendedjoin-identification-debugjoin',
  ],
  samples: {
    matches: [
      '2023-02-14 08:21:58, Info                         [DJOIN.EXE] Unattended Join: DsGetDcName failed: 0x54b, last error is 0x0, will retry in 5 seconds...',
      'Error [DJOIN.EXE] Unattended Join: Exit, returning 0x54b',
      '02/14/2023 08:23:10:512 NetpDoDomainJoin: status: 0x52e',
    ],
    culprits: [null, null, null],
    ignores: [
      '2023-02-14 08:22:40, Info                         [DJOIN.EXE] Unattended Join: Exit, returning 0x0',
      '02/14/2023 08:23:10:512 NetpDoDomainJoin: status: 0x0',
    ],
  },
});
