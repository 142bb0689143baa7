import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'action-registry-op-failed',
  catalogue: 'SIG-17',
  title: 'A registry action of a Sysprep action file failed',
  severity: 'error',
  confidence: 'high',
  role: 'generic',
  // Error level only: the Warning "Error from RegQueryValueEx on value SysprepMode ... dwRet = 0x2" is benign
  // (noise-sysprepmode-value-absent); the lookahead keeps it out of level-less pastes too.
  levels: ['Error', 'Fatal Error', 'Unknown'],
  pattern:
    /ActionPlatform::(?<op>\w+): ?Error from (?<api>\w+) (?:for|on) value (?!SysprepMode\b)(?<value>.+?) under key (?<key>.+?); dwRet ?= ?(?<dw>-?(?:0x)?[0-9a-f]+)/i,
  culprit: '{{key}}\\{{value}}',
  hint:
    'Sysprep\'s {{op}} action on {{culprit}} failed in {{api}} with {{dw}}. The SysprepSession::ExecuteInternal line ' +
    'after it names the component that owns the action; 0x5 usually means the key is protected by the software that owns it.',
  docs: {
    meaning:
      'A registry operation listed in an action file (deleteValue, setValue, ...) failed; the chain continues with ' +
      'SysprepSession::ExecuteAction (operation) and SysprepSession::ExecuteInternal (component). Used only when no ' +
      'more specific signature (such as mde-senseguid-delete-denied) matches.',
    cause: 'The key or value is protected, locked or in an unexpected state (access denied, not found, wrong type).',
  },
  remediation: [
    {
      description: 'Show the value.',
      command: 'reg query "{{key}}" /v "{{value}}"',
      shell: 'cmd',
      destructive: false,
    },
    {
      description: 'Show who owns the key and who may change it.',
      command: 'Get-Acl -Path "Registry::{{key}}" | Format-List Owner,AccessToString',
      shell: 'powershell',
      destructive: false,
    },
    {
      description:
        'Find the software that protects or owns the key (security agents protect their own keys), remove or ' +
        'offboard it per its vendor, and rerun Sysprep.',
      shell: 'none',
      destructive: true,
    },
  ],
  references: ['https://github.com/actions/runner-images/issues/9659', 'https://github.com/actions/runner-images/issues/7103'],
  samples: {
    matches: [
      '2024-06-03 12:00:41, Error                 SYSPRP ActionPlatform::SetValue: Error from RegSetValueExW for value Start under key HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\ContosoFilter; dwRet = 0x5',
      'Error SYSPRP ActionPlatform::DeleteValue: Error from RegDeleteValueW for value senseGuid under key HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows Advanced Threat Protection; dwRet = 0x5',
      '06-03-2024 12:00:41.000 SYSPRP ActionPlatform::DeleteValue:Error from RegDeleteValueW for value Machine Id under key HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso\\Agent; dwRet = 0x5',
    ],
    culprits: [
      'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\ContosoFilter\\Start',
      'HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows Advanced Threat Protection\\senseGuid',
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso\\Agent\\Machine Id',
    ],
    ignores: [
      '2020-10-09 21:42:10, Warning               SYSPRP ActionPlatform::GetValue: Error from RegQueryValueEx on value SysprepMode under key HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Setup\\Sysprep; dwRet = 0x2',
      'ActionPlatform::GetValue: Error from RegQueryValueEx on value SysprepMode under key HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Setup\\Sysprep; dwRet = 0x2',
      '2024-06-03 12:00:41, Error                 SYSPRP SysprepSession::ExecuteAction: Failed during deleteValue operation; dwRet = 0x5',
    ],
  },
});
