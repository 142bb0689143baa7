import { describe, expect, it } from 'vitest';
import { progressBar, progressText } from './progress-bar.js';

function terminal(isTTY = true) {
  const writes: string[] = [];
  return { isTTY, columns: 100, writes, write: (text: string) => writes.push(text) };
}

describe('progressBar', () => {
  it('stays silent for the first second, then draws at most ten times a second, and clears itself', () => {
    let clock = 0;
    const out = terminal();
    const bar = progressBar(out, 1000, () => clock);
    bar.advance(100);
    clock = 999;
    bar.advance(100);
    expect(out.writes).toEqual([]);
    clock = 1000;
    bar.advance(100);
    clock = 1050;
    bar.advance(100); // too soon after the last draw
    expect(out.writes).toHaveLength(1);
    expect(out.writes[0]).toContain('30%');
    clock = 1100;
    bar.advance(100);
    expect(out.writes.at(-1)).toContain('50%');
    bar.clear();
    expect(out.writes.at(-1)).toBe('\r\x1b[K');
  });

  it('never writes when stderr is not a terminal', () => {
    let clock = 0;
    const out = terminal(false);
    const bar = progressBar(out, 10, () => clock);
    clock = 5000;
    bar.advance(5);
    bar.clear();
    expect(out.writes).toEqual([]);
  });

  it('shows the share, the sizes and the speed; without a total, the bytes and the speed', () => {
    const text = progressText(400e6, 1e9, 2, 120);
    expect(text).toMatch(/^reading .+ of .+ \[█{10}░{14}\]  40%  191 MiB\/s$/);
    expect(progressText(5e6, 0, 1, 120)).toMatch(/^reading .+  5 MiB\/s$/);
    expect(progressText(400e6, 1e9, 2, 30).length).toBeLessThan(30);
  });
});
