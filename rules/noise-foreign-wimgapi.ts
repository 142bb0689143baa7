import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'noise-foreign-wimgapi',
  catalogue: 'NOISE',
  title: 'WIMGAPI/DISM chatter without a Panther header',
  severity: 'info',
  confidence: 'high',
  role: 'noise',
  pattern: /^\[\d+\] \[/,
  hint: 'Benign: library chatter (WIMGAPI, DISM) written into the log without a Panther header; never an error of the surrounding record.',
  docs: {
    meaning: 'A foreign line such as "[4420] [0x80070002] FIOReadFileIntoBuffer:(1415): The system cannot find the file specified."',
    cause: 'WIMGAPI and DISM libraries log with their own format into the same file.',
  },
  remediation: [],
  references: ['https://github.com/rickaK77/Setup-Log/blob/c3fbe61a449c9dad49c41a8762f78ed8d566d16b/setupact.log', 'https://github.com/bitbtrust/Errorcode/blob/2bfd09f0cfff13c519ab819f1ae2a12451dcfb8d/setupact.log'],
  samples: {
    matches: [
      '[4420] [0x80070002] FIOReadFileIntoBuffer:(1415): The system cannot find the file specified.',
      '[2736] [CreateParallelDecodeInfo:(3702) -> Multithreaded decoding for LZMS WIM is enabled!] (null) (Error = 0)',
    ],
    ignores: [
      '[setup.exe] [0x80070002] Failed to read C:\\Windows\\Panther\\unattend.xml',
    ],
  },
});
