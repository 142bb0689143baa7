import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'mde-senseguid-delete-denied',
  catalogue: 'SIG-11',
  title: 'Sysprep cannot delete Microsoft Defender for Endpoint (Sense) registry values',
  severity: 'error',
  confidence: 'high',
  role: 'cause',
  // senseGuid is the documented value; any value under the protected Sense key fails for the same reason.
  pattern:
    /ActionPlatform::DeleteValue: ?Error from RegDeleteValueW? (?:for|on) value (?<value>.+?) under key (?<key>\S*\\Windows Advanced Threat Protection\b[^;]*); dwRet ?= ?(?<dw>-?(?:0x)?[0-9a-f]+)/i,
  culprit: '{{key}}\\{{value}}',
  hint:
    'The image is (or was) onboarded to Microsoft Defender for Endpoint. Its registry values are protected so that ' +
    'only the Sense service may change them, so the generalize action of Windows-SenseClient-Service cannot delete {{culprit}}.',
  docs: {
    meaning:
      'A generalize registry action (deleteValue, component Windows-SenseClient-Service, Generalize.xml) failed with ' +
      'access denied on the Defender for Endpoint key; the summary is 0x80070005.',
    cause:
      'The reference machine was onboarded to Defender for Endpoint (manually or by a policy during the build); the ' +
      'Sense key is tamper-protected.',
  },
  remediation: [
    {
      description: 'Show what the Sense key still holds, including the onboarding state.',
      command: 'reg query "HKLM\\SOFTWARE\\Microsoft\\Windows Advanced Threat Protection" /s',
      shell: 'cmd',
      destructive: false,
    },
    {
      description: 'Check the Sense service and the Defender platform version.',
      command: 'Get-Service Sense | Format-List Status,StartType; Get-MpComputerStatus | Format-List AMProductVersion,AMEngineVersion',
      shell: 'powershell',
      destructive: false,
    },
    {
      description:
        'Offboard the machine with the offboarding package from the Defender portal (run the downloaded ' +
        'WindowsDefenderATPOffboardingScript_valid_until_<date>.cmd as administrator), with the Defender platform up to date, then restart.',
      shell: 'none',
      destructive: true,
    },
    {
      description:
        'Confirm the values are gone, then rerun Sysprep; remove any GPO/Intune/ConfigMgr policy that onboards the build machine. ' +
        'Do not onboard golden images.',
      command: 'reg query "HKLM\\SOFTWARE\\Microsoft\\Windows Advanced Threat Protection" /v senseGuid',
      shell: 'cmd',
      destructive: false,
    },
  ],
  references: [
    'https://github.com/actions/runner-images/issues/9659',
    'https://github.com/actions/runner-images/issues/7103',
    'https://github.com/actions/runner-images/issues/10434',
    'https://github.com/microsoft/mdefordownlevelserver/issues/25',
  ],
  codes: [0x5, 0x80070005],
  samples: {
    matches: [
      '2024-05-14 07:31:09, Error                 SYSPRP ActionPlatform::DeleteValue: Error from RegDeleteValueW for value senseGuid under key HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows Advanced Threat Protection; dwRet = 0x5',
      '2024-05-14 07:31:09, Error SYSPRP ActionPlatform::DeleteValue:Error from RegDeleteValueW for value senseGuid under key HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows Advanced Threat Protection; dwRet = 0x5[gle=0x00000005]',
      '05-14-2024 07:31:09.000 SYSPRP ActionPlatform::DeleteValue: Error from RegDeleteValueW for value senseId under key HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows Advanced Threat Protection; dwRet = 0x5',
    ],
    culprits: [
      'HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows Advanced Threat Protection\\senseGuid',
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows Advanced Threat Protection\\senseGuid',
      'HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows Advanced Threat Protection\\senseId',
    ],
    ignores: [
      '2024-05-14 07:31:09, Error                 SYSPRP ActionPlatform::DeleteValue: Error from RegDeleteValueW for value LastUser under key HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso\\Agent; dwRet = 0x5',
      '2024-05-14 07:31:09, Error                 SYSPRP SysprepSession::ExecuteInternal: Error in executing action for Windows-SenseClient-Service; dwRet = 0x5',
    ],
  },
});
