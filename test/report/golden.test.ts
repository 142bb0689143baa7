// Golden files: the Markdown and HTML reports of each fixture, compared byte for byte.
// After an intended change, regenerate with `UPDATE_GOLDEN=1 npx vitest run test/report/golden.test.ts`
// and review the diff like code.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import type { Report } from '../../src/types.js';
import { FIXTURE_NAMES, loadFixture } from './fixtures.js';

const UPDATE = process.env.UPDATE_GOLDEN === '1';

const RENDERERS: ReadonlyArray<[extension: string, render: (report: Report) => string]> = [
  ['md', renderMarkdown],
  ['html', renderHtml],
];

function goldenPath(file: string): string {
  return fileURLToPath(new URL(`../golden/${file}`, import.meta.url));
}

describe('golden reports', () => {
  for (const name of FIXTURE_NAMES) {
    for (const [extension, render] of RENDERERS) {
      it(`${name}.${extension}`, () => {
        const actual = render(loadFixture(name));
        const path = goldenPath(`${name}.${extension}`);
        if (UPDATE) writeFileSync(path, actual);
        expect(existsSync(path), `missing golden ${path}: run with UPDATE_GOLDEN=1`).toBe(true);
        expect(actual).toBe(readFileSync(path, 'utf8'));
      });
    }
  }

  it('renders the same output twice (pure, no clock or randomness)', () => {
    const report = loadFixture('multi-run');
    expect(renderMarkdown(report)).toBe(renderMarkdown(report));
    expect(renderHtml(report)).toBe(renderHtml(report));
  });
});
