import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'imagestate-never-resealed',
  catalogue: 'SIG-32',
  title: 'ImageState did not reach GENERALIZE_RESEAL after Sysprep (automation symptom)',
  severity: 'warning',
  confidence: 'low',
  role: 'context',
  // A state value printed on its own at the end of a line (build-loop output, reg query, State.ini). The log's
  // own "OrchestrateUpdateImageState ... --> [IMAGE_STATE_...]" transitions end in "]" and are not matched:
  // every healthy first boot passes through UNDEPLOYABLE.
  pattern: /(?<![\[\w])(?<state>IMAGE_STATE_(?:COMPLETE|UNDEPLOYABLE|SPECIALIZE_RESEAL_TO_(?:OOBE|AUDIT)))\s*$/i,
  hint:
    'The image state read after Sysprep is {{state}}, not IMAGE_STATE_GENERALIZE_RESEAL_TO_OOBE/AUDIT: Sysprep ' +
    'failed or never finished (a pre-validation failure leaves the old state in place). A build loop that waits ' +
    'for the reseal state will hang; read the Sysprep log for the real cause.',
  docs: {
    meaning:
      'A symptom seen outside the Panther logs: automation polling ImageState keeps reading COMPLETE, ' +
      'SPECIALIZE_RESEAL_TO_OOBE or UNDEPLOYABLE after Sysprep was started.',
    cause: 'Sysprep failed (often before changing anything) or is still running.',
    unobservable:
      'The Panther logs contain only ImageState transitions, and UNDEPLOYABLE is a normal intermediate state there; ' +
      'whether it was "left in place" needs the registry or State.ini after the run. The rule therefore only ' +
      'matches a state printed on its own (build-loop output, reg query output, State.ini) and stays context.',
  },
  remediation: [
    {
      description: 'Read the current image state and the success tag file.',
      command:
        "Get-ItemProperty -Path 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Setup\\State' -Name ImageState; Test-Path \"$env:WINDIR\\System32\\Sysprep\\Sysprep_succeeded.tag\"",
      shell: 'powershell',
      destructive: false,
    },
    {
      description: 'Read the Sysprep errors (read-only) and analyse the Sysprep Panther folder.',
      command: 'Get-Content "$env:WINDIR\\System32\\Sysprep\\Panther\\setuperr.log"',
      shell: 'powershell',
      destructive: false,
    },
    {
      description: 'Make build loops fail fast on IMAGE_STATE_UNDEPLOYABLE or on a missing tag file, and dump setuperr.log.',
      shell: 'none',
      destructive: false,
    },
  ],
  references: [
    'https://learn.microsoft.com/en-us/windows-hardware/manufacture/desktop/windows-setup-states',
    'https://github.com/actions/runner-images/issues/14499',
    'https://github.com/hashicorp/packer/issues/9818',
    'https://github.com/actions/runner-images/pull/10094',
  ],
  samples: {
    matches: [
      '2024-05-01T08:00:00Z: ==> azure-arm: IMAGE_STATE_COMPLETE',
      'ImageState=IMAGE_STATE_UNDEPLOYABLE',
      '==> hyperv-iso: ImageState : IMAGE_STATE_SPECIALIZE_RESEAL_TO_OOBE',
    ],
    culprits: [null, null, null],
    ignores: [
      '[setup.exe] OrchestrateUpdateImageState: Updating image state from [IMAGE_STATE_GENERALIZE_RESEAL_TO_OOBE] --> [IMAGE_STATE_UNDEPLOYABLE]',
      '2024-05-01T08:00:00Z: ==> azure-arm: IMAGE_STATE_GENERALIZE_RESEAL_TO_OOBE',
    ],
  },
});
