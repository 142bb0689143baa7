// The CLI as a user runs it: the built program in a child process, its stdout, stderr and exit code.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'src', 'cli.js');
const SAMPLE = join(ROOT, 'samples', 'appx-onedrive-generalize');
const SUCCESS = join(ROOT, 'samples', 'generalize-success');
const scratch = mkdtempSync(join(tmpdir(), 'sysprep-doctor-e2e-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(args: readonly string[], input?: string | Buffer): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(r: Run): { verdict: string; findings: { ruleId: string; rootCause: boolean; culprit: string | null }[]; sources: { lines: number }[] } {
  return JSON.parse(r.stdout);
}

describe.skipIf(!existsSync(CLI))('the built CLI (npm test builds it first)', () => {
  it('--help lists the commands and the exit codes', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Exit codes:');
    for (const command of ['analyze', 'watch', 'explain', 'rules']) expect(r.stdout).toContain(command);
  });

  it('--version prints the package version', () => {
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(run(['--version']).stdout.trim()).toBe(version);
  });

  it('names the root cause of the bundled sample and exits 1', () => {
    const r = run(['--format', 'json', SAMPLE]);
    expect(r.code).toBe(1);
    const report = json(r);
    expect(report.verdict).toBe('failed');
    expect(report.findings[0]).toMatchObject({ ruleId: 'appx-installed-not-provisioned', rootCause: true });
    expect(report.findings[0]!.culprit).toMatch(/^Microsoft\.OneDriveSync_/);
  });

  it('prints a text diagnosis by default when stdout is not a terminal', () => {
    const r = run([SAMPLE]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Root cause  appx-installed-not-provisioned');
    expect(r.stdout).toContain('Remove-AppxPackage');
  });

  it('exits 0 on a successful run', () => {
    expect(run([SUCCESS]).code).toBe(0);
  });

  it('a missing path: exit 3, one line naming it, and the other inputs still analyzed', () => {
    const missing = join(scratch, 'nope', 'setupact.log');
    const r = run(['--format', 'json', missing, SAMPLE]);
    expect(r.code).toBe(3);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(missing);
    expect(lines[0]).toContain('not found');
    expect(json(r).findings[0]!.ruleId).toBe('appx-installed-not-provisioned');
  });

  it('no input at all: exit 3 with an example', () => {
    const r = run([]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('sysprep-doctor');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    [['--format', 'xml', SAMPLE], 'xml'],
    [['--run', 'first', SAMPLE], 'first'],
    [['--bogus', SAMPLE], '--bogus'],
  ])('usage errors exit 2 with the reason (%j)', (args, word) => {
    const r = run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(word);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('reads standard input with -', () => {
    const text = readFileSync(join(SAMPLE, 'setupact.log'));
    const r = run(['--format', 'json', '-'], text);
    expect(r.code).toBe(1);
    expect(json(r).findings[0]!.ruleId).toBe('appx-installed-not-provisioned');
  });

  it('-o writes the report whole; an unwritable path fails with exit 2 and leaves nothing behind', () => {
    const out = join(scratch, 'report.json');
    expect(run(['--format', 'json', '-o', out, SAMPLE]).code).toBe(1);
    expect(JSON.parse(readFileSync(out, 'utf8')).verdict).toBe('failed');
    const badDir = join(scratch, 'missing-dir');
    const r = run(['--format', 'json', '-o', join(badDir, 'r.json'), SAMPLE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot write');
    expect(existsSync(badDir)).toBe(false);
    expect(readdirSync(scratch).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('the same log as UTF-8, LF without final newline, UTF-16LE with and without BOM: same verdict and line count', () => {
    const original = readFileSync(join(SAMPLE, 'setupact.log'), 'utf8').replace(/^\uFEFF/, '');
    const lines = original.split(/\r\n|\n/).filter((l, i, all) => i < all.length - 1 || l !== '');
    const variants: Record<string, Buffer> = {
      'utf8.log': Buffer.from(original, 'utf8'),
      'lf-no-final-newline.log': Buffer.from(lines.join('\n'), 'utf8'),
      'utf16le-bom.log': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(original, 'utf16le')]),
      'utf16le.log': Buffer.from(original, 'utf16le'),
    };
    const dir = join(scratch, 'encodings');
    mkdirSync(dir, { recursive: true });
    for (const [name, bytes] of Object.entries(variants)) {
      writeFileSync(join(dir, name), bytes);
      const report = json(run(['--format', 'json', join(dir, name)]));
      expect(report.verdict, name).toBe('failed');
      expect(report.sources[0]!.lines, name).toBe(lines.length);
      expect(report.findings[0]!.ruleId, name).toBe('appx-installed-not-provisioned');
    }
  });

  it('a closed pipe (| head) is a quiet exit', () => {
    const r = spawnSync('sh', ['-c', `node "${CLI}" --format ndjson "${SAMPLE}" | head -n 1`], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(() => JSON.parse(r.stdout)).not.toThrow();
  });
});

describe.skipIf(!existsSync(CLI))('explain and rules', () => {
  it('explain 0x80073cf2 names ERROR_INSTALL_INVALID_PACKAGE and the AppX rule', () => {
    const r = run(['explain', '0x80073cf2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ERROR_INSTALL_INVALID_PACKAGE');
    expect(r.stdout).toContain('appx-installed-not-provisioned');
  });

  it('explain -- -1073425657 shows 0xC004D307 and the rearm limit', () => {
    const r = run(['explain', '--', '-1073425657']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('0xC004D307');
    expect(r.stdout.toLowerCase()).toContain('rearm');
  });

  it('explain 3cf2 decodes bare hex; --format json is JSON; garbage exits 2', () => {
    expect(run(['explain', '3cf2']).stdout).toContain('0x00003CF2');
    const j = JSON.parse(run(['explain', '15602', '--format', 'json']).stdout) as { value: string };
    expect(j.value).toBe('0x00003CF2');
    expect(run(['explain', 'zz']).code).toBe(2);
  });

  it('rules show appx-installed-not-provisioned prints the removal commands', () => {
    const r = run(['rules', 'show', 'appx-installed-not-provisioned']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Remove-AppxPackage');
    expect(r.stdout).toContain('Remove-AppxProvisionedPackage');
  });

  it('rules list --format json: signatures and at least 15 noise rules, remediation and references on every non-noise rule', () => {
    const rules = JSON.parse(run(['rules', 'list', '--format', 'json']).stdout) as {
      id: string; noise: boolean; remediation: unknown[]; references: unknown[]; severity: string; confidence: string; title: string;
    }[];
    expect(rules.filter((r) => r.noise).length).toBeGreaterThanOrEqual(15);
    for (const r of rules.filter((x) => !x.noise)) {
      expect(r.remediation.length, r.id).toBeGreaterThan(0);
      expect(r.references.length, r.id).toBeGreaterThan(0);
    }
    for (const id of ['appx-installed-not-provisioned', 'bitlocker-os-volume-encrypted', 'reserved-storage-in-use', 'mde-senseguid-delete-denied',
      'dsc-cleanup-provider-file-not-found', 'rearm-limit-exceeded', 'sysprep-invalid-state', 'external-provider-failed', 'internal-provider-failed',
      'specialize-provider-failed', 'upgrade-rollback-0xc1900101']) {
      expect(rules.map((r) => r.id)).toContain(id);
    }
  });

  it('rules show with an unknown id exits 2', () => {
    expect(run(['rules', 'show', 'no-such-rule']).code).toBe(2);
  });
});

describe.skipIf(!existsSync(CLI))('custom rules (--rules DIR)', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const example = /A complete example[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';

  it('the README example loads, and fires on a log with its sample lines', () => {
    const dir = join(scratch, 'rules-ok');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'contoso-agent.yaml'), example);
    const samples = (/matches:\n((?:\s+- .*\n)+)/.exec(example)?.[1] ?? '').trim().split('\n').map((l) => JSON.parse(l.trim().slice(2)) as string);
    const log = join(scratch, 'contoso-setuperr.log');
    writeFileSync(log, [samples[0], '2025-06-01 10:00:00, Error      [0x0f0070] SYSPRP RunExternalDlls:An error occurred while running registry sysprep DLLs, halting sysprep execution. dwRet = 0x5',
      '2025-06-01 10:00:00, Error      [0x0f00ae] SYSPRP WinMain:Hit failure while processing sysprep generalize external providers; hr = 0x80070005'].join('\r\n') + '\r\n');
    const r = run(['--rules', dir, '--format', 'json', log]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(json(r).findings[0]).toMatchObject({ ruleId: 'contoso-agent-provider-failed', rootCause: true, culprit: 'C:\\Program Files\\Contoso\\ContosoSysprep.dll,Generalize' });
  });

  it('a rule file with a mistake: one line naming the file and the field, exit 2', () => {
    const dir = join(scratch, 'rules-bad');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'broken.yaml'), example.replace('shell: powershell', 'shell: bash'));
    const r = run(['--rules', dir, SAMPLE]);
    expect(r.code, r.stderr + r.stdout.slice(0, 200)).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('broken.yaml');
    expect(lines[0]).toContain('remediation.0.shell');
  });
});
