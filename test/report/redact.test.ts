import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { reportToNdjson } from '../../src/report/ndjson.js';
import { createRedactor } from '../../src/report/redact.js';
import { loadFixture } from './fixtures.js';

const SID = 'S-1-5-21-1004336348-1177238915-682003330-1001';

/** The identifiers planted in the hostile fixture. */
const PLANTED = [
  'WIN-BUILD01',
  'jdoe',
  'CONTOSO',
  'corp.contoso.com',
  'contoso.com',
  SID,
  'jdoe@contoso.com',
  '10.1.2.3',
  'fe80::1c2d:3e4f:5a6b:7c8d',
  'ABCDE-FGHIJ-KLMNO-PQRST-UVWXY',
];

/** Diagnosis that must survive redaction. */
const KEPT = [
  'Contoso.Widget_1.0.0.0_x64__abcdefghijklm',
  'spopk.dll',
  'HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows Advanced Threat Protection',
  '0x80073CF2',
  '2024-05-14 10:41:43',
  '10.0.19041.1',
  'S-1-5-18',
  'C:\\Users\\Public',
  '{4D36E972-E325-11CE-BFC1-08002BE10318}',
];

describe('redactReport on the hostile fixture', () => {
  const original = loadFixture('hostile');
  const redacted = createRedactor().redactReport(original);
  const outputs: Record<string, string> = {
    json: JSON.stringify(redacted),
    markdown: renderMarkdown(redacted),
    html: renderHtml(redacted),
    ndjson: reportToNdjson(redacted),
  };

  for (const [format, output] of Object.entries(outputs)) {
    it(`leaves no planted identifier in the ${format} output`, () => {
      for (const value of PLANTED) expect(output, value).not.toContain(value);
    });
  }

  it('keeps package names, DLLs, registry paths, codes, timestamps, versions, well-known SIDs and GUIDs', () => {
    const texts = [
      redacted.summary,
      ...redacted.findings.flatMap((f) => [f.culprit ?? '', ...f.codes.map((c) => c.value), ...f.evidence.map((e) => e.text)]),
    ].join('\n');
    expect(KEPT.filter((value) => !texts.includes(value))).toEqual([]);
    for (const output of [outputs.markdown!, outputs.html!]) {
      const kept = ['Contoso.Widget_1.0.0.0_x64__abcdefghijklm', 'spopk.dll', '0x80073CF2', '2024-05-14 10:41:43', '10.0.19041.1'];
      expect(kept.filter((value) => !output.includes(value))).toEqual([]);
    }
  });

  it('marks the report as redacted, says so in the renderings, and leaves the input alone', () => {
    expect(redacted.redacted).toBe(true);
    expect(outputs.markdown).toContain('**Redacted.**');
    expect(outputs.html).toContain('<strong>Redacted.</strong>');
    expect(JSON.parse(outputs.ndjson!.trim().split('\n').pop()!).redacted).toBe(true);
    expect(original).toEqual(loadFixture('hostile'));
  });

  it('uses one placeholder per value everywhere, numbered in order of first appearance', () => {
    expect(redacted.summary).toContain('on COMPUTER-1 ');
    expect(redacted.sources.map((s) => s.path)).toEqual([
      'C:\\Users\\USER-1\\Desktop\\ticket <script>alert(1)</script>\\setupact.log',
      '\\\\COMPUTER-1\\share\\Panther\\setuperr.log',
    ]);
    const evidence = redacted.findings[0]!.evidence.map((e) => e.text);
    expect(evidence[4]).toContain('ComputerName = COMPUTER-1, user DOMAIN-1\\USER-1, profile C:\\Users\\USER-1\\AppData\\Local\\Packages, SID SID-1');
    expect(evidence[5]).toContain('Domain DOMAIN-2; UPN EMAIL-1; IPv4 IP-1; IPv6 IP-2; key KEY-1');
    expect(evidence[6]).toContain('Same SID again HKEY_USERS\\SID-1\\Software');
    expect(evidence[6]).toContain('bare user USER-1');
    // Evidence still points at its source after redaction.
    expect(redacted.findings[0]!.evidence[0]!.source).toBe(redacted.sources[0]!.path);
  });
});

describe('redactText', () => {
  it('maps the same value to the same placeholder, case-insensitively, across calls', () => {
    const r = createRedactor();
    expect(r.redactText(`${SID} and ${SID}`)).toBe('SID-1 and SID-1');
    expect(r.redactText(`again ${SID}; other S-1-5-21-1-2-3-500`)).toBe('again SID-1; other SID-2');
    expect(r.redactText('CONTOSO\\jdoe then contoso\\JDOE')).toBe('DOMAIN-1\\USER-1 then DOMAIN-1\\USER-1');
    expect(createRedactor().redactText('S-1-5-21-1-2-3-500')).toBe('SID-1');
  });

  const cases: Array<[string, string]> = [
    ['computer name contexts', 'ComputerName = BUILDVM07; machine name: APP-SRV2; hostname is web01; Computer name [WIN-8F3KQ2M1A]'],
    ['generated names in paths', 'copied to \\\\DESKTOP-4J2K9LQ\\c$\\Windows and \\\\fileserver01\\logs'],
    ['profile paths, with a space or a domain suffix', 'C:\\Users\\John Doe\\AppData and C:\\Users\\jdoe.CONTOSO\\Desktop and D$\\Users\\alice'],
    ['DOMAIN\\user', 'running as CORP\\svc_build.'],
    ['user name contexts', 'UserName = alice; account name: bob'],
    ['FQDNs on common and internal TLDs', 'joined ad.contoso.local, CORP.FABRIKAM.COM and build.example.org'],
    ['a generated host name in an FQDN', 'WIN-ABCDEF1.corp.contoso.com'],
    ['e-mail and UPN', 'UPN alice@fabrikam.com, mail bob.smith+ci@contoso.co.uk'],
    ['IPv4 and IPv6', '10.1.2.3:445, 192.168.0.10. and fe80::1, 2001:db8:85a3::8a2e:370:7334 and 2001:0db8:0000:0000:0000:ff00:0042:8329'],
    ['an IPv4-mapped IPv6 address', '::ffff:10.1.2.3'],
    ['product keys', 'key ABCDE-FGHIJ-KLMNO-PQRST-UVWXY'],
  ];
  it.each(cases)('redacts %s', (_, text) => {
    const out = createRedactor().redactText(text);
    expect(out).toMatchSnapshot();
    expect(out).toMatch(/(?:COMPUTER|USER|DOMAIN|SID|EMAIL|IP|KEY)-1/);
  });

  it('ends a profile name where the path ends', () => {
    const r = createRedactor();
    expect(r.redactText('C:\\Users\\jdoe HKLM\\Software and C:\\Users\\Public; \\\\WIN-BUILD01\\share')).toBe(
      'C:\\Users\\USER-1 HKLM\\Software and C:\\Users\\Public; \\\\COMPUTER-1\\share',
    );
    expect(r.redactText('C:\\Users\\Mary Ann Smith\\NTUSER.DAT')).toBe('C:\\Users\\USER-2\\NTUSER.DAT');
  });

  const keeps: Array<[string, string]> = [
    ['version numbers and package names', 'OS build 10.0.19041.1; Contoso.Widget_1.0.0.0_x64__abcdefghijklm; Windows.MiracastView_6.3.0.0_neutral_neutral_cw5n1h2txyewy; version 1.2.3.4'],
    ['times, C++ scopes and MAC-like strings', '10:41:43.123 SysprepSession::Validate ActionPlatform::LaunchModule 00:1A:2B:3C:4D:5E ::1'],
    ['registry and file paths', 'HKLM\\SOFTWARE\\Microsoft HKLM\\SYSTEM SYSTEM\\Setup Sysprep\\Panther PANTHER\\setupact.log ROOT\\BasicDisplay PCI\\VEN_8086'],
    ['well-known accounts and SIDs', 'NT AUTHORITY\\SYSTEM BUILTIN\\Administrators NT SERVICE\\TrustedInstaller S-1-5-18 S-1-5-32-544 C:\\Users\\Public C:\\Users\\Default User\\NTUSER.DAT C:\\Users\\defaultuser0\\x C:\\Users\\Administrator\\Desktop'],
    ['file, DLL and vendor names', 'spopk.dll AppxSysprep.dll unattend.xml Microsoft.NET ASP.NET learn.microsoft.com go.microsoft.com'],
    ['codes, GUIDs and prose', "0x80073CF2 {4D36E972-E325-11CE-BFC1-08002BE10318} Failed to remove apps for the current user: 0x80073cf2. ComputerName is set to the default; hostname: localhost"],
    // Both from the dev corpus (repo-baslr-w10-upgrade-rollback): once taken for DOMAIN\\user and a UNC host.
    ['the upgrade working folder', 'Run sysprep specialization offline on C:\\$WINDOWS.~BT\\NewOS; C:\\$WINDOWS.~BT\\Sources\\Panther'],
    ['a doubled separator in a registry path', 'Error opening the key HKLM\\SOFTWARE\\\\System\\CurrentControlSet\\Control\\TabletPC'],
    ['placeholders of an earlier redaction', 'COMPUTER-1 DOMAIN-1\\USER-2 C:\\Users\\USER-3\\x \\\\COMPUTER-2\\share'],
  ];
  it.each(keeps)('keeps %s', (_, text) => {
    expect(createRedactor().redactText(text)).toBe(text);
  });

  it('is stable and idempotent on mixtures of identifiers and diagnosis (property)', () => {
    const contexts = ['CONTOSO\\jdoe', 'C:\\Users\\jdoe\\AppData', '\\\\WIN-BUILD01\\share', 'ComputerName = WIN-BUILD01'];
    const tokens = [...PLANTED, ...KEPT, ...contexts];
    const separators = [' ', '; ', ', ', ' | ', '\n', ' (', ') '];
    const text = fc
      .array(fc.tuple(fc.constantFrom(...tokens), fc.constantFrom(...separators)), { minLength: 1, maxLength: 12 })
      .map((parts) => parts.map(([token, sep]) => token + sep).join(''));
    fc.assert(
      fc.property(text, (s) => {
        const r = createRedactor();
        const once = r.redactText(s);
        expect(r.redactText(s)).toBe(once);
        expect(r.redactText(once)).toBe(once);
        // These carry their own shape; names need a context (a path, DOMAIN\user) somewhere in the text.
        for (const value of ['WIN-BUILD01', SID, '10.1.2.3', 'fe80::1c2d:3e4f:5a6b:7c8d', 'ABCDE-FGHIJ-KLMNO-PQRST-UVWXY', 'contoso.com']) {
          expect(once).not.toContain(value);
        }
        if (s.includes('CONTOSO\\jdoe') || s.includes('Users\\jdoe')) expect(once).not.toContain('jdoe');
        for (const value of KEPT) if (s.includes(value)) expect(once).toContain(value);
      }),
      { numRuns: 1000 },
    );
  });
});
