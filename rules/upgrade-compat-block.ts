import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'upgrade-compat-block',
  catalogue: 'SIG-35',
  title: 'The upgrade was blocked by a compatibility check',
  severity: 'error',
  confidence: 'high',
  role: 'cause',
  // 0xC1900210 ("no compatibility issues", a /compat scanonly result) is deliberately left out: it is not a block.
  pattern: /\b0x(?<code>C19002(?:00|04|08|0E))\b/i,
  hint:
    'Setup stopped on a compatibility result ({{code}}): C1900208 an actionable issue (typically an application), ' +
    'C1900204 the chosen migration option is unavailable, C1900200 the machine is not eligible, C190020E not enough disk space.',
  docs: {
    meaning: 'A compatibility (appraiser) result code that ends the upgrade before it starts changing the machine.',
    cause: 'An incompatible application or driver, an unsupported edition/language/architecture choice, an ineligible machine, or too little disk space.',
  },
  remediation: [
    {
      description: 'Run SetupDiag; its CompatBlocked* / HardblockDeviceOrDriver / DiskSpaceBlockInDownLevel rules name the blocker.',
      command: 'SetupDiag.exe /Output:C:\\SetupDiag\\SetupDiagResults.log',
      shell: 'cmd',
      destructive: false,
    },
    {
      description: 'Read the compatibility report Setup wrote.',
      command: "Get-ChildItem 'C:\\$WINDOWS.~BT\\Sources\\Panther' -Filter 'CompatData_*.xml' | Select-String -Pattern 'BlockMigration=\"True\"|Hard'",
      shell: 'powershell',
      destructive: false,
    },
    {
      description: 'Remove or update the blocking application or driver (or free disk space for C190020E), then retry.',
      shell: 'none',
      destructive: true,
    },
  ],
  references: ['https://learn.microsoft.com/en-us/windows/deployment/upgrade/upgrade-error-codes', 'https://learn.microsoft.com/en-us/windows/deployment/upgrade/setupdiag'],
  codes: [0xc1900200, 0xc1900204, 0xc1900208, 0xc190020e],
  samples: {
    matches: [
      '2021-03-02 10:14:07, Error                 MOUPG  CSetupManager::Execute(295): Result = 0xC1900208',
      'Error MOUPG CSetupHost::Execute(433): Result = 0xc190020e',
    ],
    culprits: [null, null],
    ignores: [
      '2021-03-02 10:14:07, Error                 MOUPG  CSetupHost::Execute(433): Result = 0xC1900210',
      '2021-03-02 10:14:07, Error                 MOUPG  CSetupHost::Execute(433): Result = 0xC1900101 - 0x20017',
    ],
  },
});
