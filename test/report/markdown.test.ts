import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/report/markdown.js';
import { mdCode, mdFence, mdHeading, mdParagraph, mdTable, mdText } from '../../src/report/markdown-syntax.js';
import { RAW_CONTROL, loadFixture, markdownOutline, textOutsideCode } from './fixtures.js';

const SECTIONS = ['## Root cause', '### Remediation', '### Evidence', '### References', '## Environment', '## Run timeline'];

describe('mdText', () => {
  it('turns HTML into entities and escapes link, emphasis, code and table syntax', () => {
    expect(mdText('<script>alert(1)</script> & co')).toBe('&lt;script&gt;alert(1)&lt;/script&gt; &amp; co');
    expect(mdText('[x](javascript:x) *a* `b` c|d ~e~')).toBe('\\[x\\](javascript:x) \\*a\\* \\`b\\` c\\|d \\~e\\~');
    expect(mdText('C:\\Windows')).toBe('C:\\\\Windows');
  });

  it('keeps intra-word underscores (package names) and escapes the others', () => {
    expect(mdText('Contoso.Widget_1.0.0.0_x64__abc')).toBe('Contoso.Widget_1.0.0.0_x64__abc');
    expect(mdText('_em_ x_ _y')).toBe('\\_em\\_ x\\_ \\_y');
  });

  it('makes control characters visible', () => {
    expect(mdText('a\u001b[31mb\u0007\u009bc\nd')).toBe('a␛\\[31mb␇\ufffdc␊d');
  });

  it('leaves no markup-significant character unescaped (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = mdText(s);
        expect(out).not.toMatch(RAW_CONTROL);
        expect(out.replace(/\\./g, '')).not.toMatch(/[<>`*[\]|~\\]/);
      }),
    );
  });
});

describe('mdParagraph and mdHeading', () => {
  it('does not let a paragraph start a block', () => {
    expect(mdParagraph('# not a heading')).toBe('\\# not a heading');
    expect(mdParagraph('- not a list')).toBe('\\- not a list');
    expect(mdParagraph('1. not a list')).toBe('1\\. not a list');
    expect(mdParagraph('    not code')).toBe('not code');
  });

  it('keeps a trailing # run in a heading', () => {
    expect(mdHeading(1, 'Failed: C#')).toBe('# Failed: C\\#');
  });
});

describe('mdCode', () => {
  it('fences with more backticks than the longest run inside', () => {
    expect(mdCode('plain')).toBe('`plain`');
    expect(mdCode('a`b')).toBe('``a`b``');
    expect(mdCode('a```b')).toBe('````a```b````');
    expect(mdCode('`edge`')).toBe('`` `edge` ``');
  });

  it('escapes pipes inside table cells only', () => {
    expect(mdCode('a|b')).toBe('`a|b`');
    expect(mdCode('a|b', true)).toBe('`a\\|b`');
  });

  it('is one line whatever the input (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = mdCode(s);
        expect(out).not.toContain('\n');
        expect(out).not.toMatch(RAW_CONTROL);
        const fence = /^`+/.exec(out)![0];
        const inner = out.slice(fence.length, out.length - fence.length);
        expect(out.endsWith(fence)).toBe(true);
        for (const run of inner.match(/`+/g) ?? []) expect(run.length).toBeLessThan(fence.length);
      }),
    );
  });
});

describe('mdFence', () => {
  it('opens with a fence no line of the body can close', () => {
    expect(mdFence('x', 'text')).toBe('```text\nx\n```');
    expect(mdFence('a\n```\nb', 'powershell')).toBe('````powershell\na\n```\nb\n````');
    expect(mdFence('`````')).toBe('``````\n`````\n``````');
  });

  it('keeps line breaks and neutralizes other controls', () => {
    expect(mdFence('a\r\nb\u001b[0m', '')).toBe('```\na\nb␛[0m\n```');
  });
});

describe('mdTable', () => {
  it('writes a GFM table with alignment and placeholders for empty cells', () => {
    expect(mdTable(['A', 'B'], [['1', '']], ['l', 'r'])).toBe('| A | B |\n| --- | ---: |\n| 1 | — |');
  });
});

describe('renderMarkdown', () => {
  it('writes the sections of a failed run in order, with the verdict in the title', () => {
    const md = renderMarkdown(loadFixture('appx-failed'));
    const outline = markdownOutline(md);
    expect(outline.headings[0]).toBe('# Failed: An AppX package is installed for a user but not provisioned for all users');
    expect(outline.headings.filter((h) => SECTIONS.includes(h))).toEqual(SECTIONS);
    expect(outline.unclosedFence).toBe(false);
    expect(md).toContain('- **Culprit:** `Microsoft.OneDriveSync_21220.1024.5.0_neutral__8wekyb3d8bbwe`');
    expect(md).toContain('`0x80073CF2` ERROR_INSTALL_INVALID_PACKAGE (provider)');
  });

  it('numbers remediation steps with their safety and fences each command with its shell', () => {
    const md = renderMarkdown(loadFixture('appx-failed'));
    expect(md).toContain('1. **(read-only)** List the package');
    expect(md).toContain('2. **(destructive)** Remove the package for the account running Sysprep.\n\n   ```powershell\n   Remove-AppxPackage');
    expect(md).toContain('4. **(manual)** Prevent recurrence');
  });

  it('prefixes evidence lines with file:line in one fenced block', () => {
    const md = renderMarkdown(loadFixture('appx-failed'));
    expect(md).toMatch(/```text\nsetupact\.log:393  2024-05-14 10:41:43, Error {17}SYSPRP Package Microsoft\.OneDriveSync/);
    expect(md).toContain('setupact.log:400  2024-05-14 10:41:43, Error      [0x0f00d8] SYSPRP WinMain');
  });

  it('marks lossy codes and lists older runs as history, latest run first', () => {
    const md = renderMarkdown(loadFixture('multi-run'));
    expect(md).toContain('`0x80070975` (summary; lossy');
    const run2 = md.indexOf('### Run 2 (history)');
    const run1 = md.indexOf('### Run 1 (history)');
    expect(run2).toBeGreaterThan(md.indexOf('## Other findings'));
    expect(run1).toBeGreaterThan(run2);
    expect(md).toContain('| 3 | `setupact.log` lines 703–771 | 2023-02-14 11:31:02 | 2023-02-14 11:31:05 | **failed** | processing · cleanup · external | `0x8007001F` |');
  });

  it('has no root cause section for a successful run, and counts the noise', () => {
    const md = renderMarkdown(loadFixture('succeeded'));
    expect(md.startsWith('# Succeeded: no failure found\n')).toBe(true);
    expect(md).not.toContain('## Root cause');
    expect(md).toContain('3 lines matched known benign patterns');
    expect(md).toContain('| `noise-mrt-generalize` | 2 |');
  });

  it('says when the report was redacted', () => {
    const report = { ...loadFixture('succeeded'), redacted: true };
    expect(renderMarkdown(report)).toContain('> **Redacted.** Identifiers');
    expect(renderMarkdown(loadFixture('succeeded'))).not.toContain('Redacted');
  });

  describe('with hostile log text', () => {
    const md = renderMarkdown(loadFixture('hostile'));

    it('emits no control character, no raw HTML and no live link', () => {
      expect(md).not.toMatch(RAW_CONTROL);
      expect(md).not.toContain('\u001b');
      expect(md).not.toContain('\u0007');
      const outsideCode = textOutsideCode(md);
      expect(outsideCode).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(outsideCode).not.toMatch(/<(?!https?:\/\/)[a-z/]/i);
      expect(outsideCode).not.toMatch(/(?<!\\)\]\(javascript/);
    });

    it('keeps the document structure: sections, balanced fences, rectangular tables', () => {
      const outline = markdownOutline(md);
      expect(outline.unclosedFence).toBe(false);
      expect(outline.headings.filter((h) => SECTIONS.includes(h))).toEqual(SECTIONS);
      expect(outline.headings).toContain('## Other findings');
      expect(outline.headings).toContain('## Noise set aside');
      for (const table of outline.tables) expect(new Set(table).size, `table rows ${table.join(',')}`).toBe(1);
    });

    it('keeps the 10,000-character culprit on one line, cut, in a longer code span', () => {
      const line = md.split('\n').find((l) => l.startsWith('  - Culprit: '))!;
      expect(line.length).toBeLessThan(800);
      expect(line).toMatch(/^ {2}- Culprit: ````C:\\Windows\\System32\\wid```get/);
      expect(line).toContain('(10,000 characters, cut)');
      expect(line.endsWith('````')).toBe(true);
    });

    it('fences a command containing ``` with four backticks', () => {
      expect(md).toContain('   ````powershell\n   Remove-AppxPackage -Package "Contoso.Widget_1.0.0.0_x64__abcdefghijklm" # ```\n');
    });

    it('shows non-web references as code, not as links', () => {
      expect(md).toContain('- `javascript:alert(1)`');
      expect(md).toContain('- `http://x/<script>`');
    });
  });
});
