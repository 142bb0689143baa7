import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { RunInfo } from '../types.js';
import { fixtureModel } from './fixtures.js';
import { displayWidth } from './text.js';
import Timeline from './Timeline.js';
import { timelineRows } from './timeline-rows.js';

const run = fixtureModel().report.runs[0]!;

function timeline(r: RunInfo | null, width = 80, height = 18, count = 1): string {
  const rows = r === null ? [] : timelineRows(r);
  return (
    render(<Timeline run={r} position={{ index: 1, count }} rows={rows} selected={0} width={width} height={height} />).lastFrame() ??
    ''
  );
}

describe('Timeline', () => {
  it('scales bars to the width: a wider window gives longer bars', () => {
    const bar = (out: string): number => (/generalize validate internal\s+ *([█▏▎▍▌▋▊▉]+)/.exec(out)?.[1] ?? '').length;
    const narrow = timeline(run, 80);
    const wide = timeline(run, 160);
    expect(bar(narrow)).toBeGreaterThan(5);
    expect(bar(wide)).toBeGreaterThan(bar(narrow) * 2);
    for (const line of wide.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(160);
  });

  it('shows the run, its span, and the failing provider with its code', () => {
    const out = timeline(run, 100);
    expect(out).toContain('2024-05-14 10:02:11 → 10:02:19 · 8s');
    expect(out).toMatch(/AppxSysprep\.dll,SysprepGeneralizeValidate.*3s ✗ 0x3cf2/);
    expect(out).toMatch(/spopk\.dll,Sysprep_Clean_Validate_Opk\s+▏\s+<1s ✓ ok/);
  });

  it('offers the other runs when there are several', () => {
    expect(timeline(run, 100, 18, 3)).toContain('←→ other runs');
  });

  it('says when there is no run, or no stage', () => {
    expect(timeline(null)).toContain('No sysprep run or setup session was found');
    expect(timeline({ ...run, phases: [] })).toContain('No stage was recorded for this run.');
  });
});
