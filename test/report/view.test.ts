import { describe, expect, it } from 'vitest';
import { evidenceLocator, headline, otherFindingGroups, sourceLabeler, stepSafety } from '../../src/report/view.js';
import type { Report } from '../../src/types.js';
import { loadFixture } from './fixtures.js';

describe('report view', () => {
  it('orders other findings by the order of the runs, latest first, whatever the index numbers', () => {
    const report = loadFixture('multi-run');
    // The pipeline may number a setuperr.log session after the setupact.log runs it precedes.
    const renumbered: Report = {
      ...report,
      runs: report.runs.map((run) => ({ ...run, index: run.index === 1 ? 7 : run.index })),
      findings: report.findings.map((f) => ({ ...f, run: f.run === 1 ? 7 : f.run })),
    };
    expect(otherFindingGroups(renumbered).map((g) => [g.run, g.latest])).toEqual([
      [2, false],
      [7, false],
    ]);
  });

  it('flags the latest run and leaves the root cause out', () => {
    const report = loadFixture('hostile');
    const groups = otherFindingGroups(report);
    expect(groups.map((g) => [g.run, g.latest, g.findings.map((f) => f.ruleId)])).toEqual([
      [2, true, ['internal-provider-failed']],
      [1, false, ['external-provider-failed']],
    ]);
  });

  it('names the verdict and the cause in the headline', () => {
    expect(headline(loadFixture('appx-failed'))).toBe('Failed: An AppX package is installed for a user but not provisioned for all users');
    expect(headline({ ...loadFixture('succeeded'), verdict: 'incomplete' })).toBe('Incomplete: the log ends before the run finished');
    expect(headline({ ...loadFixture('appx-failed'), findings: [] })).toBe('Failed: no rule explains the failure');
  });

  it('labels evidence with file names, or the fewest trailing path parts that tell colliding names apart', () => {
    const report = loadFixture('appx-failed');
    const line = { source: report.sources[0]!.path, line: 3, text: '' };
    expect(evidenceLocator(report)(line)).toBe('setupact.log:3');
    const twins: Report = { ...report, sources: [report.sources[0]!, { ...report.sources[1]!, path: 'D:\\copy\\setupact.log' }] };
    expect(evidenceLocator(twins)(line)).toBe('Panther\\setupact.log:3');
    expect(evidenceLocator(twins)({ ...line, source: 'D:\\copy\\setupact.log' })).toBe('copy\\setupact.log:3');
    // A Panther folder and its UnattendGC subfolder, as collected from a machine (POSIX paths after a copy).
    const nested: Report = {
      ...report,
      sources: [
        { ...report.sources[0]!, path: '/tmp/case/setupact.log' },
        { ...report.sources[0]!, path: '/tmp/case/UnattendGC/setupact.log' },
        { ...report.sources[0]!, path: '/tmp/other/UnattendGC/setupact.log' },
      ],
    };
    const label = sourceLabeler(nested);
    expect(nested.sources.map((s) => label(s.path))).toEqual(['case/setupact.log', 'case/UnattendGC/setupact.log', 'other/UnattendGC/setupact.log']);
  });

  it('calls a step without a command manual', () => {
    expect(stepSafety({ description: 'x', command: null, shell: 'none', destructive: false })).toBe('manual');
    expect(stepSafety({ description: 'x', command: 'y', shell: 'cmd', destructive: false })).toBe('read-only');
    expect(stepSafety({ description: 'x', command: 'y', shell: 'cmd', destructive: true })).toBe('destructive');
  });
});
