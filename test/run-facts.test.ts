// Facts a run's own lines give the report: the phase an excerpt was in, and the OS build.
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analyze/analysis.js';
import { HEAD_LINES } from '../src/analyze/quiet-lines.js';
import { builtinRules } from '../src/engine/registry.js';
import { renderHtml } from '../src/report/html.js';
import { renderMarkdown } from '../src/report/markdown.js';
import type { Report } from '../src/types.js';

function analyze(text: string, path = 'C:/Windows/System32/Sysprep/Panther/setupact.log'): Report {
  const analysis = new Analysis({ rules: builtinRules });
  const feed = analysis.addSource(path, undefined, 'setupact');
  feed.push(Buffer.from(text, 'utf8'));
  feed.end();
  return analysis.result().report;
}

const quietLine = (i: number): string => `2026-08-17 11:${String(10 + (i % 40)).padStart(2, '0')}:00, Info                  CSI    Quiet line ${i} of the servicing stack\r\n`;

describe('an excerpt that starts at a provider', () => {
  const excerpt = [
    "2026-08-17 11:22:44, Info  SYSPRP ActionPlatform::LaunchModule: Executing method 'ValidateBitLockerState' from C:\\Windows\\System32\\BdeSysprep.dll",
    '2026-08-17 11:22:44, Error SYSPRP BitLocker-Sysprep: BitLocker is on for the OS volume. Turn BitLocker off to run Sysprep. (0x80310039)',
    '2026-08-17 11:22:44, Error SYSPRP SysprepSession::Validate: Error in validating actions from C:\\Windows\\System32\\Sysprep\\ActionFiles\\Generalize.xml; dwRet = 0x8',
    '2026-08-17 11:22:44, Error SYSPRP RunDlls:An error occurred while running registry sysprep DLLs, halting sysprep execution. dwRet = 0x80310039',
    '',
  ].join('\r\n');

  it('names the phase and the failing step from the failure lines, not "unknown"', () => {
    const run = analyze(excerpt).runs.at(-1)!;
    expect(run.phases.map((p) => [p.name, p.step, p.outcome])).toEqual([['generalize', 'validate', 'failed']]);
    expect(run.failure).toMatchObject({ pass: 'generalize', stage: 'validate', code: '0x80310039' });
  });

  it('keeps a phase that a stage line named', () => {
    const named = "2026-08-17 11:22:40, Info  SYSPRP SysprepSession::Execute: Beginning action execution from C:\\Windows\\System32\\Sysprep\\ActionFiles\\Cleanup.xml\r\n" + excerpt;
    expect(analyze(named).runs.at(-1)!.phases[0]!.name).toBe('cleanup');
  });
});

describe('the OS build', () => {
  const build = '2021-09-27 04:03:44, Info       [0x0601d0] IBS    Build version is 6.3.9600.16384 (winblue_rtm.130821-1623)\r\n';

  it('is read from Windows Setup’s line, also deep in a long log, and shown in the environment of md and html', () => {
    const text = Array.from({ length: HEAD_LINES + 500 }, (_, i) => quietLine(i)).join('') + build + quietLine(0);
    const report = analyze(text, 'C:/Windows/Panther/setupact.log');
    expect(report.runs.at(-1)!.osBuild).toBe('6.3.9600.16384 (winblue_rtm.130821-1623)');
    expect(renderMarkdown(report)).toContain('- **OS build:** `6.3.9600.16384 (winblue_rtm.130821-1623)`');
    expect(renderHtml(report)).toContain('<dt>OS build</dt><dd><code>6.3.9600.16384 (winblue_rtm.130821-1623)</code></dd>');
  });

  it('is absent from the JSON and the reports when no line names it', () => {
    const report = analyze(quietLine(1));
    expect(report.runs.at(-1)!).not.toHaveProperty('osBuild');
    expect(renderMarkdown(report)).not.toContain('OS build');
  });
});
