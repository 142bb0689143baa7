import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { Report } from '../types.js';
import { CULPRIT, fixtureModel } from './fixtures.js';
import FindingsPane from './FindingsPane.js';
import { displayWidth } from './text.js';

const { report } = fixtureModel();

function pane(r: Report, selected = 0, width = 80, height = 18): string {
  return render(<FindingsPane report={r} selected={selected} width={width} height={height} />).lastFrame() ?? '';
}

describe('FindingsPane', () => {
  it('puts the root cause first, expanded with rule, culprit, codes, hint and fix', () => {
    const out = pane(report);
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^▶ ROOT CAUSE AppX package installed for a user/);
    expect(out).toContain('rule     appx-installed-not-provisioned · critical · high confidence');
    expect(out).toContain(`culprit  ${CULPRIT}`);
    expect(out).toContain('codes    0x80073CF2 ERROR_INSTALL_INVALID_PACKAGE (provider) · 0x00003CF2');
    expect(out).toContain('why      Microsoft.OneDriveSync');
    expect(out).toContain('fix      1. PS> Get-AppxPackage -AllUsers');
    expect(out).toMatch(/2\. destructive PS> Remove-AppxPackage -Package/);
    expect(out).toContain('4. For other profiles listed as Installed');
    expect(out).toContain('refs     https://learn.microsoft.com/');
    expect(out).toContain('evidence setupact.log:29 +7 more');
    expect(lines).toHaveLength(18);
  });

  it('lists the other findings collapsed, and the noise set aside', () => {
    const out = pane(report);
    expect(out).toContain('  error      A sysprep provider failed during pre-validation — AppxSysprep.dll');
    expect(out).toContain('  warning    Store app updates enabled in audit mode');
    expect(out).toContain('2 known-benign lines set aside: bcd-efi-entry-failed ×2');
  });

  it('expands the selected finding and collapses the root cause to one line', () => {
    const out = pane(report, 1, 140);
    expect(out).toMatch(/^ {2}ROOT CAUSE AppX package .* — Microsoft\.OneDrive/);
    expect(out).toContain('▶ error      A sysprep provider failed during pre-validation');
    expect(out).toContain('rule     internal-provider-failed');
    expect(out).not.toContain('rule     appx-installed-not-provisioned');
  });

  it('shows full commands, descriptions and the evidence lines when there is room', () => {
    const out = pane(report, 0, 140, 45);
    expect(out).toContain('1. List the package for every user to see which profiles have it');
    expect(out).toContain(`PS> Remove-AppxProvisionedPackage -Online -PackageName ${CULPRIT}`);
    expect(out).toMatch(/36 │ 2024-05-14 10:02:18, Error\s+\[0x0f00d8\] SYSPRP WinMain:Hit failure/);
  });

  it('shows a long culprit whole over two lines, cuts a longer one with …, never exceeds the width', () => {
    const out = pane(report, 0, 50);
    const lines = out.split('\n');
    const at = lines.findIndex((l) => l.includes('culprit'));
    expect((lines[at]!.slice(13) + lines[at + 1]!.slice(13)).replace(/\s+$/, '')).toBe(CULPRIT);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(50);
    const huge = { ...report, findings: report.findings.map((f, i) => (i === 0 ? { ...f, culprit: CULPRIT.repeat(4) } : f)) };
    const cut = pane(huge, 0, 50);
    expect(cut).toMatch(/culprit {2}Microsoft\.OneDriveSync_21220/);
    expect(cut).toMatch(/…/);
    for (const line of cut.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(50);
  });

  it('scrolls to keep the selected finding in view in a short window', () => {
    const out = pane(report, 2, 80, 6);
    expect(out).toContain('▶ warning    Store app updates enabled in audit mode');
    expect(out.split('\n')).toHaveLength(6);
  });

  it('says when there is no finding', () => {
    const out = pane({ ...report, findings: [], noise: { count: 0, byRule: {} } }, -1);
    expect(out).toContain('No finding. The run failed, but no rule explains it');
  });
});
