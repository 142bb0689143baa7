import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { fixtureModel } from './fixtures.js';
import Header from './Header.js';
import { computeLayout } from './layout.js';
import { displayWidth } from './text.js';
import type { Report } from '../types.js';

const { report } = fixtureModel();

function header(r: Report, width = 80, extra: { following?: boolean; watching?: string[] } = {}): string {
  const layout = computeLayout({ columns: width, rows: 24 }, r);
  return render(<Header report={r} width={layout.width} summary={layout.summary} {...extra} />).lastFrame() ?? '';
}

describe('Header', () => {
  it('names the tool, the runs, the sources (short), the verdict and the summary', () => {
    const out = header(report);
    expect(out).toContain('sysprep-doctor 0.1.0');
    expect(out).toContain('1 run');
    expect(out).toContain('2 sources: setupact.log, setuperr.log');
    expect(out).not.toContain('C:\\Windows');
    expect(out).toContain(' FAILED  Sysprep /generalize failed in pre-validation');
  });

  it('shows the following indicator on the first line', () => {
    const first = header(report, 80, { following: true }).split('\n')[0]!;
    expect(first).toMatch(/● following$/);
    expect(displayWidth(first)).toBe(80);
  });

  it('shows what is watched before any source was read', () => {
    const empty: Report = { ...report, sources: [], runs: [], verdict: 'incomplete', summary: 'Waiting for sysprep to write its log.' };
    const out = header(empty, 80, { following: true, watching: ['C:\\Windows\\System32\\Sysprep\\Panther'] });
    expect(out).toContain('watching Panther');
    expect(out).toContain(' INCOMPLETE  Waiting for sysprep');
  });

  it('neutralizes control characters from the log and stays within the width', () => {
    const hostile: Report = { ...report, summary: 'Failed: \u001b[2J\u001b]8;;http://evil\u0007click' };
    const out = header(hostile, 60);
    expect(out).not.toContain('\u001b');
    expect(out).toContain('␛[2J␛]8;;http://evil␇click');
    for (const line of out.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(60);
  });

  it('counts unreadable inputs', () => {
    const out = header({ ...report, problems: [{ path: 'broken.zip', message: 'corrupt archive' }] }, 100);
    expect(out).toContain('1 unreadable');
  });
});
