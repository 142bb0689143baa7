// Renders the AppX report in headless Chromium and checks that a real screenshot comes out: the
// page loads from a file with its CSP and paints (a blank page would be a few KB at most).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { loadFixture } from './fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const title = hasChromium
  ? 'renders the AppX report to a non-trivial screenshot in headless Chromium'
  : `renders the AppX report in headless Chromium (skipped: Chromium is absent at ${CHROMIUM}; apt-get install chromium to enable)`;

describe('HTML report in a browser', () => {
  // Skipped without a browser, and the title says why: Chromium is absent (`apt-get install chromium`).
  it.skipIf(!hasChromium)(title, () => {
    const dir = mkdtempSync(join(tmpdir(), 'sysprep-doctor-html-'));
    try {
      const page = join(dir, 'report.html');
      const shot = join(dir, 'shot.png');
      writeFileSync(page, renderHtml(loadFixture('appx-failed')));
      execFileSync(
        CHROMIUM,
        [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--no-first-run',
          '--disable-component-update',
          '--disable-sync',
          `--user-data-dir=${join(dir, 'profile')}`,
          `--screenshot=${shot}`,
          '--window-size=1200,1600',
          pathToFileURL(page).href,
        ],
        { stdio: 'ignore', timeout: 60_000 },
      );
      expect(existsSync(shot)).toBe(true);
      expect(statSync(shot).size).toBeGreaterThan(10 * 1024);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
