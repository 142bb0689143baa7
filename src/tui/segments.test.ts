import { describe, expect, it } from 'vitest';
import { fitSegments, seg, segmentsWidth } from './segments.js';

describe('fitSegments', () => {
  const row = [seg('ROOT CAUSE', { bold: true }), seg(' '), seg('Microsoft.OneDriveSync_21220.1024.5.0')];

  it('keeps a row that fits, padding it on request', () => {
    expect(fitSegments(row, 60)).toEqual(row);
    const padded = fitSegments(row, 60, true);
    expect(segmentsWidth(padded)).toBe(60);
  });

  it('cuts the segment that crosses the edge with … and keeps its style', () => {
    const cut = fitSegments([seg('abc', { bold: true }), seg('defghij', { inverse: true }), seg('xyz')], 6);
    expect(cut).toEqual([seg('abc', { bold: true }), seg('de…', { inverse: true })]);
  });

  it('never exceeds the width', () => {
    for (let w = 1; w < 50; w++) expect(segmentsWidth(fitSegments(row, w, true))).toBe(w);
  });
});
