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

const PLANTED = ['WIN-BUILD01', 'jdoe', 'CONTOSO', 'S-1-5-21-1004336348-1177238915-682003330-1001', 'jdoe@contoso.com', '10.1.2.3', 'ABCDE-FGHIJ-KLMNO-PQRST-UVWXY'];
const PACKAGE = 'Contoso.Widget_1.0.0.0_x64__abcdefghijklm';
const h = (time: string, level: string, id: string, msg: string) =>
  `2025-11-03 ${time}, ${level.padEnd(11)}${id ? `[${id}]` : '          '} SYSPRP ${msg}`;
const LOG = [
  h('09:12:30', 'Info', '0x0f004d', 'The time is now 2025-11-03 09:12:30'),
  h('09:12:31', 'Info', '', 'Computer name is WIN-BUILD01; user CONTOSO\\jdoe (jdoe@contoso.com) from 10.1.2.3'),
  h('09:12:32', 'Info', '', 'Profile C:\\Users\\jdoe\\AppData\\Local SID S-1-5-21-1004336348-1177238915-682003330-1001 key ABCDE-FGHIJ-KLMNO-PQRST-UVWXY'),
  h('09:12:40', 'Error', '', `Package ${PACKAGE} was installed for a user, but not provisioned for all users. Seen for user C:\\Users\\jdoe on WIN-BUILD01.`),
  h('09:12:40', 'Error', '', 'Failed to remove apps for the current user: 0x80073cf2.'),
  h('09:12:40', 'Error', '0x0f0082', "ActionPlatform::LaunchModule: Failure occurred while executing 'SysprepGeneralizeValidate' from C:\\Windows\\System32\\AppxSysprep.dll; dwRet = 0x3cf2"),
  h('09:12:40', 'Error', '0x0f00d8', 'WinMain:Hit failure while pre-validate sysprep generalize internal providers; hr = 0x80073cf2'),
].join('\r\n') + '\r\n';

describe.skipIf(!existsSync(CLI))('--redact', () => {
  const log = join(scratch, 'setupact.log');
  writeFileSync(log, LOG);
  it.each(['json', 'ndjson', 'md', 'html', 'text'])('%s: no planted identifier, the culprit package kept', (format) => {
    const r = spawnSync(process.execPath, [CLI, '--redact', '--format', format, log], { encoding: 'utf8', env: { ...process.env, CI: '1' } });
    expect(r.status, r.stderr).toBe(1);
    for (const value of PLANTED) expect(r.stdout, `${format} leaks ${value}`).not.toContain(value);
    expect(r.stdout).toContain(PACKAGE);
    expect(r.stdout).toContain('0x80073CF2');
  });
});
