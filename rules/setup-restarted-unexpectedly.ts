import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'setup-restarted-unexpectedly',
  catalogue: 'SIG-27',
  title: 'Setup is looping after a failure in the previous boot',
  severity: 'error',
  confidence: 'high',
  role: 'consequence',
  fatal: true,
  levels: ['Info', 'Warning', 'Error', 'Fatal Error', 'Unknown'],
  pattern: /The computer restarted unexpectedly or encountered an unexpected error\.\s+Windows installation cannot proceed/i,
  hint:
    'This dialog is a consequence, not a cause: a configuration pass failed in the previous boot (an answer-file ' +
    'error, a failed specialize provider, a crashing RunSynchronous command) and Setup cannot resume. The cause is ' +
    'in the Panther logs of that earlier boot.',
  docs: {
    meaning: 'Setup found an unfinished pass at boot and refuses to continue; it loops on this dialog.',
    cause: 'An earlier failure of the same deployment (see the unattend and specialize rules).',
  },
  remediation: [
    {
      description: 'At the dialog press Shift+F10 and copy all Panther logs to a removable or network drive (E: here) before anything else.',
      command:
        'robocopy C:\\Windows\\Panther E:\\Panther /E & robocopy C:\\Windows\\System32\\Sysprep\\Panther E:\\Sysprep-Panther /E',
      shell: 'cmd',
      destructive: false,
    },
    {
      description: 'Find the first error of the failing boot.',
      command: 'findstr /i /c:"Error" C:\\Windows\\Panther\\setuperr.log C:\\Windows\\Panther\\UnattendGC\\setuperr.log',
      shell: 'cmd',
      destructive: false,
    },
    {
      description:
        'Unsupported escape hatch to let Setup continue (the failed pass stays unapplied): mark setup.exe as completed.',
      command: 'reg add HKLM\\SYSTEM\\Setup\\Status\\ChildCompletion /v setup.exe /t REG_DWORD /d 3 /f',
      shell: 'cmd',
      destructive: true,
    },
  ],
  references: [
    'https://github.com/AutomatedLab/AutomatedLab/issues/550',
    'https://github.com/boxcutter/windows-batch/issues/50',
    'https://mickitblog.blogspot.co.uk/2012/01/',
    'https://github.com/microsoft/SurfaceDeploymentAccelerator/issues/19',
  ],
  samples: {
    matches: [
      '2022-11-08 07:18:02, Error                        [windeploy.exe] The computer restarted unexpectedly or encountered an unexpected error. Windows installation cannot proceed. To install Windows, click "OK" to restart the computer, and then restart the installation.',
      'Error [setup.exe] The computer restarted unexpectedly or encountered an unexpected error.  Windows installation cannot proceed.',
    ],
    culprits: [null, null],
    ignores: ['2022-11-08 07:18:02, Info                         [windeploy.exe] WinDeploy.exe launched with command-line []...'],
  },
});
