// The HTML report in a real browser (headless Chromium): it loads from a file under its CSP, the inline
// stylesheet applies (a CSP that blocked it would leave black-on-white text only), the timeline marks
// the failing provider, a `<script>` from a log stays text in the parsed page, and it prints to PDF.
// Skipped, saying why, where Chromium is absent.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { loadFixture, type FixtureName } from './fixtures.js';
import { countColour, decodePng } from './png.js';

const CHROMIUM = '/usr/bin/chromium';
const PDFTOPPM = '/usr/bin/pdftoppm';
const hasChromium = existsSync(CHROMIUM);
const skipped = (what: string) => `${what} (skipped: Chromium is absent at ${CHROMIUM}; apt-get install chromium to enable)`;
const scratch = mkdtempSync(join(tmpdir(), 'sysprep-doctor-html-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Colours of html-style.ts that only the stylesheet can paint. */
const FAILED_PROVIDER_BAR = '#ff8182';
const SUCCEEDED_STAGE_BAR = '#4ac26b';
const FAILED_BANNER = '#ffebe9';
const SUCCEEDED_BANNER = '#dafbe1';

function chromium(page: string, ...flags: string[]): string {
  return execFileSync(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${join(scratch, 'profile')}`,
      ...flags,
      pathToFileURL(page).href,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 60_000 },
  );
}

function writePage(name: FixtureName): string {
  const page = join(scratch, `${name}.html`);
  writeFileSync(page, renderHtml(loadFixture(name)));
  return page;
}

function screenshot(name: FixtureName): ReturnType<typeof decodePng> {
  const shot = join(scratch, `${name}.png`);
  chromium(writePage(name), `--screenshot=${shot}`, '--window-size=1200,2400', '--hide-scrollbars');
  return decodePng(readFileSync(shot));
}

describe('HTML report in a browser', () => {
  it.skipIf(!hasChromium)(
    hasChromium ? 'paints a failed report: styled banner, failing provider bar marked in the timeline' : skipped('paints a failed report'),
    () => {
      const pixels = screenshot('appx-failed');
      expect([pixels.width, pixels.height]).toEqual([1200, 2400]);
      expect(countColour(pixels, FAILED_BANNER)).toBeGreaterThan(50_000);
      expect(countColour(pixels, FAILED_PROVIDER_BAR)).toBeGreaterThan(1_000);
    },
  );

  it.skipIf(!hasChromium)(
    hasChromium ? 'paints a succeeded report green, with no failure mark' : skipped('paints a succeeded report'),
    () => {
      const pixels = screenshot('succeeded');
      expect(countColour(pixels, SUCCEEDED_BANNER)).toBeGreaterThan(50_000);
      expect(countColour(pixels, SUCCEEDED_STAGE_BAR)).toBeGreaterThan(1_000);
      expect(countColour(pixels, FAILED_PROVIDER_BAR)).toBe(0);
    },
  );

  it.skipIf(!hasChromium)(
    hasChromium ? 'keeps a <script> from a log as text in the page the browser builds' : skipped('keeps a <script> from a log as text'),
    () => {
      const dom = chromium(writePage('hostile'), '--dump-dom');
      expect(dom).toContain('<main');
      expect(dom).not.toMatch(/<script/i);
      expect(dom).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    },
  );

  it.skipIf(!hasChromium)(hasChromium ? 'prints to PDF' : skipped('prints to PDF'), () => {
    const pdf = join(scratch, 'multi-run.pdf');
    chromium(writePage('multi-run'), `--print-to-pdf=${pdf}`, '--no-pdf-header-footer');
    const bytes = readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = bytes.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(2);
    if (!existsSync(PDFTOPPM)) return; // the page is only looked at where poppler-utils is installed
    execFileSync(PDFTOPPM, ['-r', '50', '-f', '1', '-l', '1', '-png', pdf, join(scratch, 'page')], { timeout: 60_000 });
    const page = decodePng(readFileSync(join(scratch, 'page-1.png')));
    // Print spends no ink on backgrounds: the failed banner's tint is gone (a few anti-aliased edge
    // pixels aside; on screen it fills tens of thousands), its red rule stays.
    expect(countColour(page, FAILED_BANNER)).toBeLessThan(1_000);
    expect(countColour(page, '#cf222e', 20)).toBeGreaterThan(100);
  });
});
