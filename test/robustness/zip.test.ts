// Fault matrix (docs/robustness.md), hostile and broken .zip bundles: read in memory, never
// extracted; a bad entry is skipped with one line, the rest of the archive and the other inputs
// are still analyzed, and bombs are bounded (entry count, uncompressed bytes, ratio).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createZip, type ZipEntryInput } from '../zip-writer.js';
import { BUILT, expectOneLine, expectSampleDiagnosed, report, run, SAMPLE, scratchDir, seededBytes } from './helpers.js';

const dir = scratchDir('zip');
const SETUPACT = readFileSync(join(SAMPLE, 'setupact.log'));
const SETUPERR = readFileSync(join(SAMPLE, 'setuperr.log'));
const GOOD: ZipEntryInput[] = [
  { name: 'Windows/System32/Sysprep/Panther/setupact.log', data: SETUPACT },
  { name: 'Windows/System32/Sysprep/Panther/setuperr.log', data: SETUPERR },
];

function zipFile(name: string, entries: readonly ZipEntryInput[]): string {
  const path = join(dir, name);
  writeFileSync(path, createZip(entries));
  return path;
}

function stderrLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l !== '');
}

/** The archive's own good entries were analyzed: the AppX root cause, from inside the zip. */
function expectZipDiagnosed(stdout: string, zip: string): void {
  const rep = JSON.parse(stdout) as ReturnType<typeof report>;
  expect(rep.findings[0]).toMatchObject({ ruleId: 'appx-installed-not-provisioned', rootCause: true });
  expect(rep.sources.map((s) => s.path)).toContain(`${zip}:Windows/System32/Sysprep/Panther/setupact.log`);
}

describe.skipIf(!BUILT)('fault matrix: zip bundles', () => {
  it('path traversal names (../, ..\\): the entry is skipped in one line, the other entries analyzed, exit 3', () => {
    for (const evil of ['../../etc/setupact.log', '..\\..\\Windows\\setupact.log']) {
      const zip = zipFile('traversal.zip', [...GOOD, { name: evil, data: SETUPACT }]);
      const r = run(['--format', 'json', zip]);
      expect(r.code).toBe(3);
      expectOneLine(r, zip, 'path traversal', 'entry skipped');
      expectZipDiagnosed(r.stdout, zip);
      expect(report(r).sources).toHaveLength(2);
    }
  });

  it('absolute names (/etc/..., C:/...): the entry is skipped in one line, the other entries analyzed, exit 3', () => {
    for (const evil of ['/etc/setupact.log', 'C:/Windows/Panther/setupact.log']) {
      const zip = zipFile('absolute.zip', [...GOOD, { name: evil, data: SETUPACT }]);
      const r = run(['--format', 'json', zip]);
      expect(r.code).toBe(3);
      expectOneLine(r, zip, 'absolute path', 'entry skipped');
      expectZipDiagnosed(r.stdout, zip);
    }
  });

  it('duplicate names: both entries analyzed and told apart ("(2)"), no error', () => {
    const name = 'Windows/System32/Sysprep/Panther/setupact.log';
    const zip = zipFile('duplicates.zip', [...GOOD, { name, data: SETUPACT }]);
    const r = run(['--format', 'json', zip]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const paths = report(r).sources.map((s) => s.path);
    expect(paths).toContain(`${zip}:${name}`);
    expect(paths).toContain(`${zip}:${name} (2)`);
    expectZipDiagnosed(r.stdout, zip);
  });

  it('encrypted entry: one line "encrypted", the other entries analyzed, exit 3', () => {
    const secret = 'Windows/Panther/setupact.log';
    const zip = zipFile('encrypted.zip', [...GOOD, { name: secret, data: seededBytes(4096, 7), method: 'deflate', level: 0, encrypted: true }]);
    const r = run(['--format', 'json', zip]);
    expect(r.code).toBe(3);
    expectOneLine(r, `${zip}:${secret}`, 'encrypted entry');
    expectZipDiagnosed(r.stdout, zip);
  });

  it('truncated archive: one line "not a readable zip archive", the other input still diagnosed, exit 3', () => {
    const whole = createZip(GOOD);
    const zip = join(dir, 'truncated.zip');
    writeFileSync(zip, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const r = run(['--format', 'json', zip, SAMPLE]);
    expect(r.code).toBe(3);
    expectOneLine(r, zip, 'not a readable zip archive');
    expectSampleDiagnosed(report(r));
  });

  it('a zip with a damaged entry (bad CRC): one line naming the entry, the others analyzed, exit 3', () => {
    const bytes = createZip([...GOOD, { name: 'Windows/Panther/setupact.log', data: SETUPACT }]);
    // flip a byte inside the third entry's data: its CRC no longer matches
    const at = bytes.indexOf(Buffer.from('Windows/Panther/setupact.log')) + 'Windows/Panther/setupact.log'.length + 200;
    const broken = Buffer.from(bytes);
    broken[at] = broken[at]! ^ 0xff;
    const zip = join(dir, 'bad-crc.zip');
    writeFileSync(zip, broken);
    const r = run(['--format', 'json', zip]);
    expect(r.code).toBe(3);
    expect(stderrLines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain(`${zip}:Windows/Panther/setupact.log`);
    expect(r.stderr).toMatch(/crc32|damaged/i);
    expectZipDiagnosed(r.stdout, zip);
  });

  it('nested zip: not opened, one line saying so, the outer entries analyzed, exit 3', () => {
    const inner = createZip(GOOD);
    const zip = zipFile('nested.zip', [...GOOD, { name: 'more/inner.zip', data: inner }]);
    const r = run(['--format', 'json', zip]);
    expect(r.code).toBe(3);
    expectOneLine(r, `${zip}:more/inner.zip`, 'nested archive not analyzed');
    expectZipDiagnosed(r.stdout, zip);
  });

  it('zip bomb by entry count (10,001 entries): the archive is refused in one line, the other input diagnosed', () => {
    const entries: ZipEntryInput[] = [];
    for (let i = 0; i <= 10_000; i++) entries.push({ name: `junk/${i}.txt`, data: '' });
    const zip = zipFile('many-entries.zip', entries);
    const r = run(['--format', 'json', zip, SAMPLE]);
    expect(r.code).toBe(3);
    expectOneLine(r, zip, 'more than 10000 entries', 'zip bomb');
    expectSampleDiagnosed(report(r));
  });

  it('zip bomb by compression ratio (64 MiB of zeros in 64 KiB): the entry is refused, nothing inflated', () => {
    const name = 'Windows/Panther/setupact.log';
    const zip = zipFile('ratio-bomb.zip', [...GOOD, { name, data: Buffer.alloc(64 * 1024 * 1024), method: 'deflate' }]);
    const r = run(['--format', 'json', zip]);
    expect(r.code).toBe(3);
    expectOneLine(r, `${zip}:${name}`, 'compression ratio', 'zip bomb');
    expectZipDiagnosed(r.stdout, zip);
    expect(report(r).sources.map((s) => s.path)).not.toContain(`${zip}:${name}`);
  });

  it('zip bomb with a lying size (declares 1 KB, inflates to 32 MiB): stopped at the declared size, one line', () => {
    const name = 'Windows/Panther/setupact.log';
    const zip = zipFile('lying-bomb.zip', [...GOOD, { name, data: Buffer.alloc(32 * 1024 * 1024), method: 'deflate', declaredSize: 1024 }]);
    const r = run(['--format', 'json', zip]);
    expect(r.code).toBe(3);
    expectOneLine(r, `${zip}:${name}`, 'damaged', 'too many bytes');
    expectZipDiagnosed(r.stdout, zip);
    const bomb = report(r).sources.find((s) => s.path === `${zip}:${name}`);
    expect(bomb?.bytes ?? 0).toBeLessThanOrEqual(64 * 1024);
  });

  it('zip bomb by total uncompressed size (2 entries declaring 3 GiB each, ratio under the limit): the rest refused', () => {
    const blob = seededBytes(16_300_000, 11); // incompressible, so the declared ratio stays under 200:1
    const zip = zipFile('total-bomb.zip', [
      ...GOOD,
      { name: 'x/Windows/Panther/setupact.log', data: blob, method: 'deflate', level: 0, declaredSize: 3 * 1024 ** 3 },
      { name: 'y/Windows/Panther/setupact.log', data: blob, method: 'deflate', level: 0, declaredSize: 3 * 1024 ** 3 },
    ]);
    const r = run(['--format', 'json', zip]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`${zip}:y/Windows/Panther/setupact.log: archive expands beyond the uncompressed size limit`);
    // the first big entry is accepted by the headers, then refused while read (binary content, or its size)
    expect(r.stderr).toContain(`${zip}:x/Windows/Panther/setupact.log: `);
    expect(stderrLines(r.stderr)).toHaveLength(2);
    expectZipDiagnosed(r.stdout, zip);
  });

  it('a file that only looks like a zip (.zip name, text inside): one line, the other input diagnosed', () => {
    const zip = join(dir, 'not-really.zip');
    writeFileSync(zip, 'this is not an archive\n');
    const r = run(['--format', 'json', zip, SAMPLE]);
    expect(r.code).toBe(3);
    expectOneLine(r, zip, 'not a readable zip archive');
    expectSampleDiagnosed(report(r));
  });
});
