import { describe, expect, it } from 'vitest';
import { esc, escLines } from '../../src/report/html-escape.js';
import { renderHtml } from '../../src/report/html.js';
import { renderTimelineSvg } from '../../src/report/timeline-svg.js';
import type { RunInfo } from '../../src/types.js';
import { RAW_CONTROL, loadFixture } from './fixtures.js';

const CSP = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`;

describe('esc', () => {
  it('escapes the five markup characters and makes controls visible', () => {
    expect(esc(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    expect(esc('a\u001b]8;;http://x\u0007b\nc')).toBe('a␛]8;;http://x␇b␊c');
    expect(escLines('a\nb\u001b')).toBe('a\nb␛');
  });
});

describe('renderHtml', () => {
  it('is one self-contained HTML5 document: CSP, inline style only, no script, nothing fetched', () => {
    const html = renderHtml(loadFixture('appx-failed'));
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).toContain(CSP);
    expect(html.match(/<style>/g)).toHaveLength(1);
    expect(html).not.toMatch(/<script|<link|<iframe|<img|@import|url\(/i);
    expect(html).not.toMatch(/\ssrc=/i);
    for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^https:\/\//);
    expect(html).toContain('@media print');
  });

  it('shows the verdict in a coloured banner and the root cause with its culprit', () => {
    const html = renderHtml(loadFixture('appx-failed'));
    expect(html).toContain('<body class="verdict-failed">');
    expect(html).toContain('<span class="pill">Failed</span>');
    expect(html).toContain('<h1>Failed: An AppX package is installed for a user but not provisioned for all users</h1>');
    expect(html).toContain('<dt>Culprit</dt><dd><code>Microsoft.OneDriveSync_21220.1024.5.0_neutral__8wekyb3d8bbwe</code></dd>');
    expect(renderHtml(loadFixture('succeeded'))).toContain('<body class="verdict-succeeded">');
  });

  it('marks remediation steps and labels commands with their shell', () => {
    const html = renderHtml(loadFixture('appx-failed'));
    expect(html).toContain('<span class="tag tag-destructive">destructive</span>Remove the package for the account running Sysprep.');
    expect(html).toContain('<span class="tag tag-read-only">read-only</span>List the package');
    expect(html).toContain('<span class="shell">PowerShell</span><pre><code class="language-powershell">Remove-AppxPackage -Package &quot;Microsoft.OneDriveSync');
  });

  it('shows evidence with file:line locators, the matched line first, open for printing', () => {
    const html = renderHtml(loadFixture('appx-failed'));
    expect(html).toContain('<details class="evidence" open><summary>8 lines, the matched line first</summary>');
    expect(html).toMatch(/<tr class="matched"><td class="loc" title="[^"]*setupact\.log:393">setupact\.log:393<\/td>/);
  });

  it('draws an SVG timeline per run, the latest first', () => {
    const html = renderHtml(loadFixture('multi-run'));
    const figures = [...html.matchAll(/<figcaption>Run (\d)/g)].map((m) => m[1]);
    expect(figures).toEqual(['3', '2', '1']);
    expect(html.match(/<svg class="timeline"/g)).toHaveLength(3);
  });

  describe('with hostile log text', () => {
    const html = renderHtml(loadFixture('hostile'));

    it('escapes every log-derived string', () => {
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<img|<b>|<i>/i);
      expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(html).not.toMatch(/href="javascript/i);
      expect(html).toContain('<li><code>javascript:alert(1)</code></li>');
      expect(html).toContain('<li><code>http://x/&lt;script&gt;</code></li>');
    });

    it('emits no control character', () => {
      expect(html).not.toMatch(RAW_CONTROL);
      expect(html).not.toContain('\u001b');
      expect(html).not.toContain('\u0007');
      expect(html).toContain('␛[31m');
    });

    it('keeps the document balanced', () => {
      for (const tag of ['section', 'table', 'svg', 'figure', 'details', 'code', 'pre', 'dl', 'ol', 'ul']) {
        const opened = html.match(new RegExp(`<${tag}[\\s>]`, 'g'))?.length ?? 0;
        const closed = html.match(new RegExp(`</${tag}>`, 'g'))?.length ?? 0;
        expect(closed, tag).toBe(opened);
      }
    });

    it('cuts the 10,000-character culprit', () => {
      const culprit = /<dt>Culprit<\/dt><dd><code>(C:\\Windows\\System32\\wid[^<]*)<\/code>/.exec(html)?.[1] ?? '';
      expect(culprit.length).toBeGreaterThan(500);
      expect(culprit.length).toBeLessThan(2000);
      expect(culprit).toContain('(10,000 characters, cut)');
    });
  });
});

describe('renderTimelineSvg', () => {
  const appx = loadFixture('appx-failed').runs[0]!;

  it('places bars on a time axis with clock ticks when timestamps span some time', () => {
    const svg = renderTimelineSvg(appx)!;
    expect(svg).toContain('>10:41:20</text>');
    expect(svg).toContain('Time as logged on 2024-05-14');
    expect(svg).toContain('<g class="tl-row tl-phase tl-failed">');
    expect(svg).toMatch(/<g class="tl-row tl-provider tl-failed">.*AppxSysprep\.dll,SysprepGeneralizeValidate.*✕ failed · 0x3cf2/);
  });

  it('falls back to line numbers when timestamps are all equal or missing, and says so', () => {
    const equal = loadFixture('multi-run').runs[0]!;
    const missing: RunInfo = { ...appx, phases: appx.phases.map((p) => ({ ...p, startedAt: null })) };
    for (const run of [equal, missing]) {
      const svg = renderTimelineSvg(run)!;
      expect(svg).toContain('Log line number: timestamps are missing or identical');
      expect(svg).toMatch(/>line \d+<\/text>/);
    }
  });

  it('returns null for a run without stage markers', () => {
    expect(renderTimelineSvg({ ...appx, phases: [] })).toBeNull();
  });

  it('scales bars within the chart', () => {
    const svg = renderTimelineSvg(loadFixture('succeeded').runs[0]!)!;
    for (const [, x, width] of svg.matchAll(/<rect class="tl-bar" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/g)) {
      expect(Number(x)).toBeGreaterThanOrEqual(330);
      expect(Number(x) + Number(width)).toBeLessThanOrEqual(780.5);
    }
  });
});
