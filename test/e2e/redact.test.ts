// `--redact` in every format: planted identifiers never reach the output; the diagnosis still does.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'src', 'cli.js');
const scratch = mkdtempSync(join(tmpdir(), 'sysprep-doctor-redact-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * One of each kind the issue names. BLDHOST7 has no generated-name shape: only line 3 says it is the
 * computer name, so line 1 is redacted only because the whole log is learned before anything is
 * written (ndjson streams its events otherwise).
 */
const PLANTED = [
  'BLDHOST7',
  'jdoe',
  'alice',
  'CONTOSO',
  'corp.contoso.local',
  'S-1-5-21-1004336348-1177238915-682003330-1001',
  'jdoe@contoso.com',
  '10.1.2.3',
  '192.168.10.5',
  'fe80::1c2d:3e4f:5a6b:7c8d',
  'ABCDE-FGHIJ-KLMNO-PQRST-UVWXY',
];
const PACKAGE = 'Contoso.Widget_1.0.0.0_x64__abcdefghijklm';
const h = (time: string, level: string, id: string, msg: string) =>
  `2025-11-03 ${time}, ${level.padEnd(11)}${id ? `[${id}]` : '          '} SYSPRP ${msg}`;
const LOG = [
  h('09:12:29', 'Info', '', 'Connecting to BLDHOST7 for the build share'),
  h('09:12:30', 'Info', '0x0f004d', 'The time is now 2025-11-03 09:12:30'),
  h('09:12:31', 'Info', '', 'Computer name is BLDHOST7; user CONTOSO\\jdoe (jdoe@contoso.com) from 10.1.2.3 and fe80::1c2d:3e4f:5a6b:7c8d'),
  h('09:12:31', 'Info', '', 'Joined domain corp.contoso.local; DNS server 192.168.10.5; user name = alice'),
  h('09:12:32', 'Info', '', 'Profile C:\\Users\\jdoe\\AppData\\Local SID S-1-5-21-1004336348-1177238915-682003330-1001 key ABCDE-FGHIJ-KLMNO-PQRST-UVWXY'),
  h('09:12:40', 'Error', '', `Package ${PACKAGE} was installed for a user, but not provisioned for all users. Seen for user C:\\Users\\jdoe on BLDHOST7.`),
  h('09:12:40', 'Error', '', 'Failed to remove apps for the current user: 0x80073cf2.'),
  h('09:12:40', 'Error', '0x0f0082', "ActionPlatform::LaunchModule: Failure occurred while executing 'SysprepGeneralizeValidate' from C:\\Windows\\System32\\AppxSysprep.dll; dwRet = 0x3cf2"),
  h('09:12:40', 'Error', '0x0f00d8', 'WinMain:Hit failure while pre-validate sysprep generalize internal providers; hr = 0x80073cf2'),
].join('\r\n') + '\r\n';

/** How each format says it was redacted. */
const SAYS_REDACTED: Readonly<Record<string, RegExp>> = {
  json: /"redacted":\s*true/,
  ndjson: /"type":"summary".*"redacted":true/,
  md: /\*\*Redacted\.\*\*/,
  html: /<strong>Redacted\.<\/strong>/,
  text: /redacted/i,
};

describe.skipIf(!existsSync(CLI))('--redact', () => {
  const log = join(scratch, 'setupact.log');
  writeFileSync(log, LOG);
  it.each(['json', 'ndjson', 'md', 'html', 'text'])('%s: no planted identifier, the culprit package kept, says it was redacted', (format) => {
    const r = spawnSync(process.execPath, [CLI, '--redact', '--format', format, log], { encoding: 'utf8', env: { ...process.env, CI: '1' } });
    expect(r.status, r.stderr).toBe(1);
    // Windows names are case-insensitive: `contoso` in an address leaks CONTOSO as much as `CONTOSO` does.
    const leaks = PLANTED.filter((value) => r.stdout.toLowerCase().replace(/contoso\.widget_/g, '').includes(value.toLowerCase()));
    expect(leaks, `${format} leaks`).toEqual([]);
    expect(r.stdout).toContain(PACKAGE);
    expect(r.stdout).toContain('AppxSysprep.dll');
    expect(r.stdout).toContain('0x80073CF2');
    expect(r.stdout).toMatch(SAYS_REDACTED[format]!);
  });

  it('without --redact the same identifiers are all there (the test log does plant them)', () => {
    const r = spawnSync(process.execPath, [CLI, '--format', 'ndjson', log], { encoding: 'utf8', env: { ...process.env, CI: '1' } });
    expect(PLANTED.filter((value) => !r.stdout.includes(value))).toEqual([]);
  });
});
