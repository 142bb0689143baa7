import { defineRule } from '../src/engine/define-rule.js';

// Context, not a cause: msoobe logs "Successfully executed script" even with a non-zero code, and Setup does not
// act on SetupComplete.cmd's exit code - OOBE completes either way.
export default defineRule({
  id: 'setupcomplete-nonzero-exit',
  catalogue: 'SIG-30',
  title: 'SetupComplete.cmd returned a non-zero exit code',
  severity: 'warning',
  confidence: 'low',
  role: 'context',
  levels: ['Info', 'Warning', 'Error', 'Fatal Error', 'Unknown'],
  pattern: /RunUserProvidedScript: ?.*\(returned with exit code (?<code>0x0*[1-9a-f][0-9a-f]*)\)/i,
  hint:
    'C:\\Windows\\Setup\\Scripts\\SetupComplete.cmd ended with exit code {{code}}. Windows ignores it and finishes ' +
    'OOBE, so whatever the script should have configured may be missing on the deployed machine.',
  docs: {
    meaning: 'msoobe.exe ran SetupComplete.cmd at the end of OOBE and logged a non-zero exit code.',
    cause: 'A command in the script failed, or the script ends with a command that returns non-zero.',
  },
  remediation: [
    {
      description: 'Read the script.',
      command: 'type C:\\Windows\\Setup\\Scripts\\SetupComplete.cmd',
      shell: 'cmd',
      destructive: false,
    },
    {
      description: 'Make the script log each step to a file (e.g. >> C:\\Windows\\Temp\\SetupComplete.log 2>&1) and end with exit /b 0 on success.',
      shell: 'none',
      destructive: false,
    },
  ],
  references: ['https://github.com/cralborn/cyberforce/blob/0cd9d20116a8725c08bc216ccda757d3be3aef3c/Panther/UnattendGC/setupact.log'],
  samples: {
    matches: [
      '2022-03-15 11:04:06, Info                         [msoobe.exe] RunUserProvidedScript: Successfully executed script; (returned with exit code 0x1)',
      'Info [msoobe.exe] RunUserProvidedScript: Successfully executed script; (returned with exit code 0x80070002)',
    ],
    culprits: [null, null],
    ignores: [
      '2022-03-15 11:04:06, Info                         [msoobe.exe] RunUserProvidedScript: Successfully executed script; (returned with exit code 0x0)',
      '2022-03-15 11:04:06, Info                         [msoobe.exe] RunUserProvidedScript: Found script at [C:\\Windows\\Setup\\Scripts\\SetupComplete.cmd]; executing with UI hidden...',
    ],
  },
});
