import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'noise-mrt-generalize-wmi',
  catalogue: 'NOISE',
  title: 'MRT generalize WMI cleanup errors',
  severity: 'info',
  confidence: 'medium',
  role: 'noise',
  levels: ['Error', 'Warning'],
  pattern: /^MRTGeneralize:\d+ - ERROR: Failed (?:ConnectServer|DeleteInstance)/,
  hint: 'Benign: the Malicious Software Removal Tool\'s generalize step could not reach or clean its WMI class; Sysprep continues.',
  docs: {
    meaning: 'MRTGeneralize reports a failed WMI ConnectServer or DeleteInstance (often hr=2147749904, WBEM_E_INVALID_CLASS).',
    cause: 'Defender/MRT WMI cleanup of a class that is absent; present across many runs, including runs that fail for other reasons or succeed.',
  },
  remediation: [],
  references: ['https://github.com/actions/runner-images/issues/7103', 'https://github.com/MicrosoftDocs/azure-docs/issues/43893', 'https://github.com/GoogleCloudPlatform/compute-image-windows/issues/156'],
  codes: [0x80041010],
  samples: {
    matches: [
      '2023-02-14 10:02:11, Error                 SYSPRP MRTGeneralize:98 - ERROR: Failed ConnectServer hr=2147749904',
      'Error SYSPRP MRTGeneralize:112 - ERROR: Failed DeleteInstance hr=2147749890',
    ],
    ignores: [
      '2023-02-14 10:02:11, Error                 SYSPRP ActionPlatform::LaunchModule: Failure occurred while executing \'MRTGeneralize\' from C:\\Windows\\System32\\MRT.dll; dwRet = 0x5',
    ],
  },
});
