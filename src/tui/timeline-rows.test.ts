import { describe, expect, it } from 'vitest';
import { fixtureModel, fixtureWithoutTimestamps } from './fixtures.js';
import { drawBar, timeSpan, timelineRows } from './timeline-rows.js';

describe('timelineRows', () => {
  it('flattens stages and their providers in order', () => {
    const run = fixtureModel().report.runs[0]!;
    const rows = timelineRows(run);
    expect(rows.map((r) => `${r.kind} ${r.label} ${r.status}`)).toEqual([
      'phase cleanup execute internal succeeded',
      'provider spopk.dll,Sysprep_Clean_Validate_Opk succeeded',
      'provider spbcd.dll,Sysprep_Clean_Bcd succeeded',
      'provider msdtcprx.dll,DtcSysprep_Cleanup succeeded',
      'phase generalize validate internal failed',
      'provider spbcd.dll,Sysprep_Generalize_Validate_Bcd succeeded',
      'provider AppxSysprep.dll,SysprepGeneralizeValidate failed',
    ]);
    expect(rows[6]).toMatchObject({ code: '0x3cf2', line: 26 });
    const span = timeSpan(run, rows)!;
    expect(span.end - span.start).toBe(8000);
  });

  it('has no time span without timestamps', () => {
    const run = fixtureWithoutTimestamps().report.runs[0]!;
    expect(timeSpan(run, timelineRows(run))).toBeNull();
  });
});

describe('drawBar', () => {
  it('places and scales the bar, always exactly `width` cells', () => {
    expect(drawBar(0, 10, 0, 10, 10)).toBe('██████████');
    expect(drawBar(5, 10, 0, 10, 10)).toBe('     █████');
    expect(drawBar(0, 5, 0, 10, 10)).toBe('█████     ');
    expect(drawBar(0, 1.5, 0, 10, 10)).toBe('█▌        ');
  });

  it('shows at least an eighth for an instant', () => {
    expect(drawBar(3, 3, 0, 10, 10)).toBe('   ▏      ');
    expect(drawBar(10, 10, 0, 10, 10)).toBe('         ▏');
  });

  it('survives a clock that goes backwards and a zero span', () => {
    expect(drawBar(8, 2, 0, 10, 10)).toHaveLength(10);
    expect(drawBar(5, 5, 5, 5, 6)).toHaveLength(6);
  });
});
