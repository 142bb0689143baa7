import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'migration-object-abort',
  catalogue: 'SIG-34',
  title: 'The migration engine could not read or write an object and aborted',
  severity: 'error',
  confidence: 'high',
  role: 'cause',
  // The object lines share one "obj" group; "requested abort" and "queue failed" name no object.
  pattern:
    /(?:Error (?<op>READ|WRITE), ?(?<code>0x[0-9a-f]{8}) while gathering\/applying object|Abandoning apply due to error for object):? ?(?<obj>.+?)(?:\. ?Will return\b.*)?$|Shell application requested abort|Execution of operations queue failed, abandoning/i,
  culprit: '{{obj}}',
  hint:
    'The upgrade\'s migration engine hit an object it could not gather or apply and abandoned the operation. ' +
    'Microsoft\'s documented example is a corrupt machine certificate under C:\\ProgramData\\Microsoft\\Crypto\\RSA\\S-1-5-18 ' +
    '(object error 0x570, ERROR_FILE_CORRUPT; summary 0x8007042B).',
  docs: {
    meaning:
      'Setup Platform / MIG lines naming a file or registry object that failed during gather or apply; "Shell ' +
      'application requested abort" and "Abandoning apply" are the strings Microsoft tells readers to search for.',
    cause: 'The object is corrupt, locked, or not accessible to Setup.',
  },
  remediation: [
    {
      description: 'List every object error and abort line of the upgrade logs.',
      command:
        "Select-String -Path 'C:\\$WINDOWS.~BT\\Sources\\Panther\\setupact.log','C:\\$WINDOWS.~BT\\Sources\\Panther\\setuperr.log' -Pattern 'while gathering/applying object|Abandoning apply|Shell application requested abort|operations queue failed' -ErrorAction SilentlyContinue",
      shell: 'powershell',
      destructive: false,
    },
    {
      description: 'Repair or remove the object named in the line (a corrupt local-system certificate can be deleted), then rerun the upgrade.',
      shell: 'none',
      destructive: true,
    },
  ],
  references: ['https://learn.microsoft.com/en-us/windows/deployment/upgrade/log-files'],
  codes: [0x8007042b, 0x570],
  samples: {
    matches: [
      '2019-09-05 09:45:39, Error                 SP     Error READ, 0x00000570 while gathering/applying object: File, C:\\ProgramData\\Microsoft\\Crypto\\RSA\\S-1-5-18 [8b1c29c52eaf4d39a2ec6e0a00b2b1ee_5d8f2b1c]. Will return 0[gle=0x00000570]',
      'Error SP Abandoning apply due to error for object: C:\\ProgramData\\Microsoft\\Crypto\\RSA\\S-1-5-18\\8b1c29c52eaf4d39a2ec6e0a00b2b1ee_5d8f2b1c',
      '2019-09-05 09:45:39, Error MIG Error 1392 while gathering object C:\\ProgramData\\Microsoft\\Crypto\\RSA\\S-1-5-18\\8b1c29c52eaf4d39a2ec6e0a00b2b1ee_5d8f2b1c. Shell application requested abort![gle=0x00000570]',
      '2019-09-05 09:45:40, Error                 SP     CSetupPlatformPrivate::Execute: Execution of operations queue failed, abandoning. Error: 0x8007042B[gle=0x000000b7]',
    ],
    culprits: [
      'File, C:\\ProgramData\\Microsoft\\Crypto\\RSA\\S-1-5-18 [8b1c29c52eaf4d39a2ec6e0a00b2b1ee_5d8f2b1c]',
      'C:\\ProgramData\\Microsoft\\Crypto\\RSA\\S-1-5-18\\8b1c29c52eaf4d39a2ec6e0a00b2b1ee_5d8f2b1c',
      null,
      null,
    ],
    ignores: [
      '2019-09-05 09:45:39, Error                 SP     Operation failed: Apply migration. Error: 0x8007042B',
      '2019-09-05 09:45:39, Info       [0x0802c6] MIG    Processing GATHER for migration unit: <System>\\File system (CMXEAgent)',
    ],
  },
});
