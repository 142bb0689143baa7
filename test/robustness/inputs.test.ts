// Fault matrix (docs/robustness.md), inputs: every bad input next to a good one. The bad one gets one
// line on stderr naming it, the good one is still diagnosed, and the exit code says what happened.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, symlinkSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  appxFailureLog,
  BUILT,
  expectOneLine,
  expectSampleDiagnosed,
  fillerLines,
  IS_LINUX,
  IS_ROOT,
  pantherLine,
  report,
  run,
  SAMPLE,
  scratchDir,
  seededBytes,
  startCli,
  waitFor,
} from './helpers.js';

const dir = scratchDir('inputs');
const SAMPLE_LOG = join(SAMPLE, 'setupact.log');

/** `/proc/sys/vm/drop_caches` is write-only even for root (procfs checks the mode itself): EACCES as root. */
function rootUnreadableFile(): string | undefined {
  const candidate = '/proc/sys/vm/drop_caches';
  try {
    closeSync(openSync(candidate, 'r'));
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EACCES' ? candidate : undefined;
  }
}

describe.skipIf(!BUILT)('fault matrix: inputs', () => {
  it('missing path: exit 3, one line "not found", the other input still diagnosed', () => {
    const missing = join(dir, 'no-such-folder', 'setupact.log');
    const r = run(['--format', 'json', missing, SAMPLE]);
    expect(r.code).toBe(3);
    expectOneLine(r, missing, 'not found');
    expectSampleDiagnosed(report(r));
  });

  it('directory without logs: exit 3, one line naming the folder', () => {
    const empty = join(dir, 'no-logs');
    mkdirSync(join(empty, 'sub'), { recursive: true });
    writeFileSync(join(empty, 'sub', 'readme.md'), '# not a log\n');
    const r = run(['--format', 'json', empty, SAMPLE]);
    expect(r.code).toBe(3);
    expectOneLine(r, empty, 'no setupact.log or setuperr.log found');
    expectSampleDiagnosed(report(r));
  });

  it.skipIf(IS_ROOT)('unreadable file (chmod 000): exit 3, one line "permission denied"', () => {
    const file = join(dir, 'locked.log');
    writeFileSync(file, appxFailureLog('Contoso.Locked_1.0.0.0_neutral__abc'));
    chmodSync(file, 0o000);
    try {
      const r = run(['--format', 'json', file, SAMPLE]);
      expect(r.code).toBe(3);
      expectOneLine(r, file, 'permission denied');
      expectSampleDiagnosed(report(r));
    } finally {
      chmodSync(file, 0o644);
    }
  });

  const procFile = rootUnreadableFile();
  it.skipIf(!IS_ROOT || procFile === undefined)('unreadable file as root (EACCES from a write-only procfs file): exit 3, one line "permission denied"', () => {
    const r = run(['--format', 'json', procFile!, SAMPLE]);
    expect(r.code).toBe(3);
    expectOneLine(r, procFile!, 'permission denied');
    expectSampleDiagnosed(report(r));
  });

  it('unreadable path, same code path for root: a file used as a folder (ENOTDIR) is exit 3, one line', () => {
    const file = join(dir, 'plain.log');
    writeFileSync(file, 'x\n');
    const bad = join(file, 'setupact.log');
    const r = run(['--format', 'json', bad, SAMPLE]);
    expect(r.code).toBe(3);
    expectOneLine(r, bad, 'not a directory');
    expectSampleDiagnosed(report(r));
  });

  it('empty file next to a good one: a note naming it, exit from the good one (1)', () => {
    const file = join(dir, 'empty.log');
    writeFileSync(file, '');
    const r = run(['--format', 'json', file, SAMPLE]);
    expect(r.code).toBe(1);
    expectOneLine(r, file, 'empty (0 bytes)');
    expectSampleDiagnosed(report(r));
  });

  it('empty file alone: no log at all, exit 3 and no report', () => {
    const file = join(dir, 'empty-alone.log');
    writeFileSync(file, '');
    const r = run(['--format', 'json', file]);
    expect(r.code).toBe(3);
    expectOneLine(r, file, 'empty (0 bytes)');
    expect(r.stdout).toBe('');
  });

  it('an empty setuperr.log inside a folder (what a clean run leaves) is no error and no note', () => {
    const folder = join(dir, 'clean-run');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'setupact.log'), readFileSync(SAMPLE_LOG));
    writeFileSync(join(folder, 'setuperr.log'), '');
    const r = run(['--format', 'json', folder]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
  });

  it('random binary (1 MB of seeded bytes): refused in one line, exit 3, the good input diagnosed', () => {
    const file = join(dir, 'random.bin');
    writeFileSync(file, seededBytes(1024 * 1024, 0x5eed));
    const r = run(['--format', 'json', file, SAMPLE]);
    expect(r.code).toBe(3);
    expectOneLine(r, file, 'not a text log', 'binary');
    const rep = report(r);
    expectSampleDiagnosed(rep);
    expect(rep.sources.find((s) => s.path === file)?.lines ?? 0).toBe(0);
  });

  it('random binary of 40 MB (big files are read by a worker thread): refused the same way, before any read', () => {
    const file = join(tmpdir(), `sysprep-doctor-big-binary-${process.pid}.bin`);
    try {
      const block = seededBytes(1024 * 1024, 0xb16);
      const fd = openSync(file, 'w');
      for (let i = 0; i < 40; i++) writeSync(fd, block);
      closeSync(fd);
      const r = run(['--format', 'json', file, SAMPLE]);
      expect(r.code).toBe(3);
      expectOneLine(r, file, 'not a text log', 'binary');
      expectSampleDiagnosed(report(r));
    } finally {
      rmSync(file, { force: true });
    }
  });

  it('a 120 MB line without newline: cut and counted (lines 1, truncatedLines 1) in bounded memory', () => {
    const file = join(tmpdir(), `sysprep-doctor-long-line-${process.pid}.log`);
    try {
      const fd = openSync(file, 'w');
      writeSync(fd, pantherLine('2025-06-20 18:05:39', 'Error', null, 'SYSPRP', 'Package '));
      const block = Buffer.alloc(1024 * 1024, 0x41);
      for (let i = 0; i < 120; i++) writeSync(fd, block);
      closeSync(fd);
      // the heap is capped far below the file's size: slurping the line into a string would crash
      const rss = "data:text/javascript,process.on('exit',()=>process.stderr.write('maxrss='+process.resourceUsage().maxRSS+'\\n'))";
      const small = run(['--format', 'json', '-q', SAMPLE], { nodeArgs: ['--import', rss] });
      const r = run(['--format', 'json', file], { nodeArgs: ['--max-old-space-size=64', '--import', rss], timeout: 60_000 });
      expect(r.code).toBe(0);
      const rep = report(r);
      expect(rep.sources[0]).toMatchObject({ lines: 1, truncatedLines: 1, bytes: statSync(file).size });
      // (worker threads print their own line: the peak is process-wide, take the largest)
      const kib = (s: string) => Math.max(...[...s.matchAll(/maxrss=(\d+)/g)].map((m) => Number(m[1])));
      // resident memory grows by less than the file's size: the line is never held whole (measured
      // +45 to +80 MB, most of it V8 and decoder slack; a slurp alone would be +120 MB)
      expect(kib(r.stderr) - kib(small.stderr)).toBeLessThan(120 * 1024);
      expect(r.stderr.replace(/maxrss=\d+\n/g, '')).toBe('');
    } finally {
      rmSync(file, { force: true });
    }
  }, 30_000);

  it('truncated UTF-16 (odd byte count, cut mid-line): decoded, every line counted, diagnosis kept', () => {
    const text = readFileSync(SAMPLE_LOG, 'utf8').replace(/^\uFEFF/, '');
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const file = join(dir, 'utf16-truncated.log');
    const cut = bytes.subarray(0, bytes.length - 101); // odd length, inside the last line
    expect(cut.length % 2).toBe(1);
    writeFileSync(file, cut);
    const r = run(['--format', 'json', file, SAMPLE]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const rep = report(r);
    expectSampleDiagnosed(rep);
    expect(rep.sources[0]).toMatchObject({ path: file, encoding: 'utf-16le-bom', lines: 43 });
  });

  it('mixed encodings in one file (UTF-8 and Windows-1252 lines): each line decoded on its own', () => {
    const file = join(dir, 'mixed.log');
    const utf8 = Buffer.from(pantherLine('2025-06-20 18:05:39', 'Info', null, 'SYSPRP', 'Profil de l’utilisateur café (UTF-8)') + '\r\n', 'utf8');
    const cp1252 = Buffer.concat([
      Buffer.from(pantherLine('2025-06-20 18:05:40', 'Info', null, 'SYSPRP', 'Profil caf'), 'latin1'),
      Buffer.from([0xe9]), // é in Windows-1252: invalid as UTF-8
      Buffer.from(' (1252) ', 'latin1'),
      Buffer.from([0x80]), // € in Windows-1252
      Buffer.from('\r\n', 'latin1'),
    ]);
    writeFileSync(file, Buffer.concat([utf8, cp1252, readFileSync(SAMPLE_LOG).subarray(3)])); // the sample without its BOM
    const r = run(['--format', 'ndjson', file]);
    expect(r.code).toBe(1);
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; message: string; line: number });
    expect(events[0]!.message).toBe('Profil de l’utilisateur café (UTF-8)');
    expect(events[1]!.message).toBe('Profil café (1252) €');
    const json = report(run(['--format', 'json', file]));
    expect(json.sources[0]).toMatchObject({ lines: 45, legacyDecodedLines: 1 });
    expect(json.findings[0]!.ruleId).toBe('appx-installed-not-provisioned');
  });

  it('NUL bytes (a log cut by a power loss: NUL runs inside and at the end): still diagnosed', () => {
    const file = join(dir, 'nul.log');
    const log = readFileSync(SAMPLE_LOG);
    const mid = log.indexOf('\r\n', 2000) + 2;
    writeFileSync(file, Buffer.concat([log.subarray(0, mid), Buffer.alloc(300), log.subarray(mid), Buffer.alloc(64 * 1024)]));
    const r = run(['--format', 'json', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const rep = report(r);
    expect(rep.findings[0]).toMatchObject({ ruleId: 'appx-installed-not-provisioned', rootCause: true });
    expect(rep.findings[0]!.culprit).toMatch(/^Microsoft\.OneDriveSync_/);
    expect(rep.findings[0]!.evidence.some((e) => e.source === file)).toBe(true);
    // 43 lines, and the NUL tail (no line break in it) is one more
    expect(rep.sources[0]!.lines).toBe(44);
  });

  it('a symlink loop in a folder tree: each folder visited once, a looping setupact.log named in one line', () => {
    const root = join(dir, 'loop');
    mkdirSync(join(root, 'a', 'b'), { recursive: true });
    writeFileSync(join(root, 'a', 'setupact.log'), readFileSync(SAMPLE_LOG));
    symlinkSync('..', join(root, 'a', 'b', 'up')); // b/up -> a: a directory cycle
    symlinkSync(root, join(root, 'self'));
    symlinkSync('setupact.log', join(root, 'setupact.log')); // a link to itself: ELOOP
    const r = run(['--format', 'json', root]);
    expect(r.code).toBe(3);
    expectOneLine(r, join(root, 'setupact.log'), 'too many levels of symbolic links');
    const rep = report(r);
    expect(rep.sources.map((s) => s.path)).toEqual([join(root, 'a', 'setupact.log')]);
    expect(rep.findings[0]!.ruleId).toBe('appx-installed-not-provisioned');
  });

  it.skipIf(!IS_LINUX)('a FIFO (named pipe) with a writer: read like a file', async () => {
    const fifo = join(dir, 'pipe.log');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const writer = spawn('sh', ['-c', `cat "${SAMPLE_LOG}" > "${fifo}"`]);
    const r = run(['--format', 'json', fifo]);
    await new Promise((resolve) => writer.on('close', resolve));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(report(r).sources[0]).toMatchObject({ path: fifo, lines: 43 });
  });

  it.skipIf(!existsSync('/dev/null'))('a device path (/dev/null, /dev/zero): refused in one line, exit 3', () => {
    for (const device of ['/dev/null', '/dev/zero'].filter((d) => existsSync(d))) {
      const r = run(['--format', 'json', device, SAMPLE]);
      expect(r.code).toBe(3);
      expectOneLine(r, device, 'not a regular file');
      expectSampleDiagnosed(report(r));
    }
  });

  it.each([
    ['small', 0],
    ['big: read by a worker thread', 36 * 1024 * 1024],
  ])('a file growing while it is read (%s): a snapshot of the size at open, the analysis ends', async (_label, filler) => {
    const file = join(dir, `growing-${filler}.log`);
    writeFileSync(file, readFileSync(SAMPLE_LOG));
    if (filler > 0) {
      const block = Buffer.from(fillerLines(10_000));
      const fd = openSync(file, 'a');
      for (let n = 0; n < filler; n += block.length) writeSync(fd, block);
      closeSync(fd);
    }
    // a writer appending as fast as it can (bounded at 48 MB so the disk is safe)
    const writer = spawn(process.execPath, [
      '-e',
      `const fs=require('fs');const fd=fs.openSync(process.argv[1],'a');const b=Buffer.from(process.argv[2].repeat(400));let n=0;process.stdout.write('go\\n');while(n<48*1024*1024){fs.writeSync(fd,b);n+=b.length}`,
      file,
      fillerLines(1),
    ]);
    await new Promise((resolve) => writer.stdout.once('data', resolve));
    const r = run(['--format', 'json', file]);
    writer.kill();
    await new Promise((resolve) => writer.on('close', resolve));
    const finalSize = statSync(file).size;
    rmSync(file, { force: true });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const rep = report(r);
    expect(rep.findings[0]!.ruleId).toBe('appx-installed-not-provisioned');
    expect(rep.sources[0]!.bytes).toBeLessThanOrEqual(finalSize);
    expect(rep.sources[0]!.lines).toBeGreaterThanOrEqual(43);
  });

  it('a file shrinking while it is read (truncated by another process): ends at the new end, no error', async () => {
    const file = join(dir, 'shrinking.log');
    const head = readFileSync(SAMPLE_LOG);
    writeFileSync(file, Buffer.concat([head, Buffer.from(fillerLines(400_000))]));
    const live = startCli(['--format', 'json', file]);
    await new Promise((resolve) => setTimeout(resolve, 150));
    truncateSync(file, head.length);
    const { code } = await live.exited;
    expect(live.stderr()).toBe('');
    expect(code).toBe(1);
    const rep = JSON.parse(live.stdout()) as ReturnType<typeof report>;
    expect(rep.findings[0]!.ruleId).toBe('appx-installed-not-provisioned');
    expect(rep.sources[0]!.lines).toBeGreaterThanOrEqual(43);
  });

  it('stdin closed at once (`-` with nothing written): exit 3, one line naming <stdin>', () => {
    const r = run(['--format', 'json', '-'], { input: '' });
    expect(r.code).toBe(3);
    expectOneLine(r, '<stdin>', 'empty (0 bytes)');
    expect(r.stdout).toBe('');
  });

  it('stdin closed at once next to a good input: the note, and the good input decides (1)', () => {
    const r = run(['--format', 'json', '-', SAMPLE], { input: '' });
    expect(r.code).toBe(1);
    expectOneLine(r, '<stdin>', 'empty (0 bytes)');
    expectSampleDiagnosed(report(r));
  });

  it('stdin closed early, mid-line (a paste cut short): what arrived is analyzed, the cut line counted', () => {
    const text = readFileSync(SAMPLE_LOG);
    const cut = text.subarray(0, text.indexOf('was installed for a user') + 10);
    const r = run(['--format', 'json', '-'], { input: cut });
    expect(r.code).toBe(0); // no failure evidence arrived: incomplete, which is not a failure
    expect(r.stderr).toBe('');
    const rep = report(r);
    expect(rep.sources[0]).toMatchObject({ path: '<stdin>', lines: cut.toString('utf8').split('\n').length });
    expect(rep.verdict).toBe('incomplete');
  });
});
