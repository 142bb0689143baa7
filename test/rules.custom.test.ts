// Custom rule files (--rules DIR): every mistake is one line naming the file and the field; a correct rule
// loads, and fires on its own sample lines in a real analysis.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeInputs } from '../src/commands/analyze.js';
import { loadCustomRules } from '../src/engine/custom-rules.js';
import { builtinRules } from '../src/engine/registry.js';

const scratch = mkdtempSync(join(tmpdir(), 'sysprep-doctor-custom-rules-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const README = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
const EXAMPLE_YAML = /A complete example \(`my-rules\/contoso-agent\.yaml`\):\n\n```yaml\n([\s\S]*?)```/.exec(README)?.[1] ?? '';

const EXAMPLE_JSON = {
  id: 'fabrikam-vpn-sid',
  title: 'The Fabrikam VPN client wrote the machine SID',
  severity: 'error',
  confidence: 'low',
  role: 'cause',
  pattern: "Fabrikam SID check failed for (?<key>HKLM\\\\\\S+); dwRet = (?<dw>0x[0-9a-f]+)",
  culprit: '{{key}}',
  hint: 'The Fabrikam VPN client stores the SID under {{key}} ({{dw}}).',
  docs: { meaning: 'The VPN client refuses generalize.', cause: 'It stores the machine SID.' },
  remediation: [{ description: 'Show the key.', command: 'reg query "{{culprit}}"', shell: 'cmd', destructive: false }],
  references: ['https://support.fabrikam.example/vpn/sysprep'],
  samples: {
    matches: [
      '2025-06-01 10:00:00, Error SYSPRP Fabrikam SID check failed for HKLM\\SOFTWARE\\Fabrikam\\Vpn; dwRet = 0x5',
      'Error SYSPRP Fabrikam SID check failed for HKLM\\SOFTWARE\\Fabrikam\\Vpn2; dwRet = 0x2',
    ],
    culprits: ['HKLM\\SOFTWARE\\Fabrikam\\Vpn', 'HKLM\\SOFTWARE\\Fabrikam\\Vpn2'],
    ignores: ['2025-06-01 10:00:00, Info SYSPRP Fabrikam SID check passed for HKLM\\SOFTWARE\\Fabrikam\\Vpn'],
  },
};

let counter = 0;
function ruleDir(name: string, text: string): { dir: string; file: string } {
  const dir = join(scratch, String(counter++));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, text);
  return { dir, file };
}

/** The loader's error for one rule file, checked to be a single line that names the file. */
async function errorFor(name: string, text: string): Promise<string> {
  const { dir, file } = ruleDir(name, text);
  const error = await loadCustomRules(dir).then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  expect(error, `${name} loaded without an error`).toBeDefined();
  const message = error!.message;
  expect(message.split('\n')).toHaveLength(1);
  expect(message.startsWith(`${file}: `), message).toBe(true);
  return message.slice(file.length + 2);
}

function jsonWith(change: (rule: Record<string, unknown>) => void): string {
  const rule = structuredClone(EXAMPLE_JSON) as unknown as Record<string, unknown>;
  change(rule);
  return JSON.stringify(rule, null, 2);
}

describe('custom rule files with a mistake', () => {
  it('JSON: a missing field', async () => {
    expect(await errorFor('fabrikam.json', jsonWith((r) => delete r.hint))).toBe('field hint: missing (required)');
  });

  it('JSON: a wrong type and a wrong enum value', async () => {
    expect(await errorFor('a.json', jsonWith((r) => ((r.remediation as { destructive: unknown }[])[0]!.destructive = 'no')))).toBe(
      'field remediation.0.destructive: must be a boolean',
    );
    expect(await errorFor('b.json', jsonWith((r) => (r.severity = 'fatal')))).toBe('field severity: must be one of critical, error, warning, info');
  });

  it('JSON: an id that is not kebab-case, a reference that is not a URL', async () => {
    expect(await errorFor('a.json', jsonWith((r) => (r.id = 'Fabrikam_VPN')))).toBe(
      'field id: must be kebab-case (lower-case letters and digits joined by single hyphens)',
    );
    expect(await errorFor('b.json', jsonWith((r) => (r.references = ['KB123'])))).toBe('field references.0: must be a URL starting with http:// or https://');
  });

  it('JSON: a syntax error, with its line and column', async () => {
    const broken = JSON.stringify(EXAMPLE_JSON, null, 2).replace('"severity": "error",', '"severity": "error"');
    expect(await errorFor('fabrikam.json', broken)).toMatch(/^not valid JSON: .*\(line 5, column \d+\)$/);
  });

  it('JSON: a placeholder that is not a group of the pattern', async () => {
    expect(await errorFor('fabrikam.json', jsonWith((r) => (r.hint = 'The key {{keyy}} holds the SID.')))).toBe(
      'field hint: placeholder {{keyy}} is not a named group of pattern (expected {{culprit}} or one of its (?<name>...) groups)',
    );
  });

  it('JSON: a must-match sample that does not match names its index', async () => {
    const message = await errorFor(
      'fabrikam.json',
      jsonWith((r) => ((r.samples as { matches: string[] }).matches[1] = 'Error SYSPRP Fabrikam SID check FAILED? for nothing')),
    );
    expect(message).toMatch(/^field samples\.matches\.1: must match but did not: .* \(rule fabrikam-vpn-sid\)$/);
  });

  it('JSON: too few samples, and a wrong expected culprit', async () => {
    expect(await errorFor('a.json', jsonWith((r) => ((r.samples as { matches: string[] }).matches = ['x'])))).toBe(
      'field samples.matches: needs at least 2 items',
    );
    expect(await errorFor('b.json', jsonWith((r) => ((r.samples as { culprits: string[] }).culprits[0] = 'HKLM\\Other')))).toMatch(
      /^field samples\.matches\.0: culprit "HKLM\\\\SOFTWARE\\\\Fabrikam\\\\Vpn", expected "HKLM\\\\Other" \(samples\.culprits\.0\)/,
    );
  });

  it('YAML: a wrong enum value, an unknown field, a bad regular expression', async () => {
    expect(EXAMPLE_YAML).toContain('shell: powershell');
    expect(await errorFor('contoso.yaml', EXAMPLE_YAML.replace('shell: powershell', 'shell: pwsh'))).toBe(
      'field remediation.0.shell: must be one of powershell, cmd, none',
    );
    expect(await errorFor('contoso.yml', EXAMPLE_YAML.replace('severity: error', 'severity: error\nseverty: high'))).toBe('field severty: unknown field');
    expect(await errorFor('contoso.yaml', EXAMPLE_YAML.replace('pattern: "LaunchDll', 'pattern: "(LaunchDll'))).toMatch(
      /^field pattern: not a valid regular expression/,
    );
  });

  it('YAML: a syntax error', async () => {
    expect(await errorFor('contoso.yaml', 'id: x\n  title: [unclosed\n')).toMatch(/^not valid YAML: /);
  });

  it('a rules list names the index of the faulty rule', async () => {
    const good = EXAMPLE_JSON;
    const bad = { ...EXAMPLE_JSON, id: 'fabrikam-two', role: 'root' };
    expect(await errorFor('both.json', JSON.stringify({ rules: [good, bad] }))).toBe(
      'rules[1] field role: must be one of cause, generic, consequence, context, noise',
    );
  });
});

describe('correct custom rule files', () => {
  it('the README example and a JSON rule load, and each fires on its own samples as the root cause', async () => {
    const { dir } = ruleDir('contoso-agent.yaml', EXAMPLE_YAML);
    writeFileSync(join(dir, 'fabrikam.json'), JSON.stringify(EXAMPLE_JSON, null, 2));
    const custom = await loadCustomRules(dir);
    expect(custom.map((r) => r.id)).toEqual(['contoso-agent-provider-failed', 'fabrikam-vpn-sid']);
    for (const rule of custom) {
      for (const [i, sample] of rule.samples.matches.entries()) {
        const log = join(scratch, `${rule.id}-${i}.log`);
        writeFileSync(
          log,
          [
            sample,
            '2025-06-01 10:00:01, Error      [0x0f0070] SYSPRP RunExternalDlls:An error occurred while running registry sysprep DLLs, halting sysprep execution. dwRet = 0x5',
            '2025-06-01 10:00:01, Error      [0x0f00ae] SYSPRP WinMain:Hit failure while processing sysprep generalize external providers; hr = 0x80070005',
          ].join('\r\n') + '\r\n',
        );
        const { result } = await analyzeInputs([log], [...builtinRules, ...custom]);
        const root = result.report.findings.find((f) => f.rootCause);
        expect(root?.ruleId, `${rule.id} sample ${i}: ${result.report.summary}`).toBe(rule.id);
        expect(root?.culprit ?? null).toBe(rule.samples.culprits?.[i] ?? null);
      }
    }
  });
});
