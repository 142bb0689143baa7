// Fault matrix (docs/robustness.md), hostile log text: terminal escape sequences never reach a
// terminal raw, HTML and Markdown injection stays inert in the reports, and a 10,000-character
// culprit keeps every report bounded and readable.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createZip } from '../zip-writer.js';
import {
  appxFailureLog,
  BUILT,
  expectTerminalRestored,
  report,
  run,
  SAMPLE,
  SCRIPT,
  scratchDir,
  startInTty,
  waitFor,
} from './helpers.js';

const dir = scratchDir('escapes');
const ESC = '\u001b';

// CSI screen clear, an OSC 8 hyperlink, OSC 0 (window title), SGR colour, BEL, the 8-bit CSI (U+009B)
// and a bidi override (Trojan Source): in the culprit and in the rest of the line.
const EVIL_PACKAGE = `Evil${ESC}[2J${ESC}]8;;https://evil.example/${'\u0007'}Pkg${ESC}]8;;${'\u0007'}${ESC}[31m_1.0.0.0_neutral__8wekyb3d8bbwe`;
const EVIL_TAIL = ` ${ESC}[1;31mRED${ESC}[0m ${ESC}]0;pwned-title${'\u0007'} \u009b31m c1 \u202eevil\u202c`;
const HOSTILE_SEQUENCES = [`${ESC}[2J${ESC}]8`, `${ESC}]8;;https://evil.example`, `${ESC}]0;pwned-title`, `${ESC}[1;31mRED`, '\u009b31m', '\u202e'];

const INJECTION_PACKAGE = 'Pkg<script>alert(1)</script>|`x`|[l](javascript:alert(1))_1.0.0.0_neutral__8wekyb3d8bbwe';
const INJECTION_TAIL =
  ' <img src=x onerror=alert(1)> | col | `tick` ``` [click](javascript:alert(2)) ![i](http://evil.example/x.png) <!-- c --> **bold** # heading';

/** Starts the TUI on `log` in a pseudo-terminal, quits it with q (exit 1: the logs fail), returns what it drew. */
async function tuiQuitWithQ(log: string): Promise<string> {
  const tty = startInTty(['analyze', log]);
  try {
    await waitFor(() => tty.stdout().includes('help'), 10_000, 'the UI');
    await new Promise((r) => setTimeout(r, 200));
    tty.child.stdin!.write('q');
    const { code } = await tty.exited;
    expect(code).toBe(1);
  } finally {
    tty.child.kill();
  }
  return tty.stdout();
}

function logFile(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const ansiLog = logFile('ansi.log', appxFailureLog(EVIL_PACKAGE, EVIL_TAIL));
const injectionLog = logFile('injection.log', appxFailureLog(INJECTION_PACKAGE, INJECTION_TAIL));
const LONG_PACKAGE = `Microsoft.${'A'.repeat(10_000)}_1.0.0.0_neutral__8wekyb3d8bbwe`;
const longLog = logFile('long-culprit.log', appxFailureLog(LONG_PACKAGE));

function expectNoHostileSequence(output: string): void {
  for (const sequence of HOSTILE_SEQUENCES) expect(output, JSON.stringify(sequence)).not.toContain(sequence);
}

/**
 * Markdown outside code spans and fenced blocks: what a renderer would interpret. Fences and spans
 * are matched as CommonMark does (a fence closes on a run at least as long; a span on the same run).
 */
function markdownOutsideCode(md: string): string {
  const kept: string[] = [];
  let fence: string | null = null;
  for (const line of md.split('\n')) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== null) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = null;
      continue;
    }
    if (marker) {
      fence = marker;
      continue;
    }
    kept.push(line.replace(/(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, ''));
  }
  return kept.join('\n');
}

/** Cells of a GFM table row: split on `|` not escaped by a backslash. */
function tableCells(row: string): number {
  return row.trim().replace(/^\|/, '').replace(/\|$/, '').split(/(?<!\\)\|/).length;
}

describe.skipIf(!BUILT)('fault matrix: escape sequences in log text', () => {
  it('text: no raw ESC, BEL, C1 or bidi control on stdout; each shown as a visible symbol', () => {
    const r = run(['--format', 'text', ansiLog]);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(r.stdout).toContain('Evil␛[2J␛]8;;https://evil.example/␇Pkg');
    expectNoHostileSequence(r.stdout);
  });

  it('json: the string is kept whole and JSON-escaped (\\u001b), no raw ESC in the bytes', () => {
    const r = run(['--format', 'json', ansiLog]);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain(ESC);
    expect(r.stdout).toContain('\\u001b[2J');
    expect(report(r).findings[0]!.culprit).toBe(EVIL_PACKAGE);
  });

  it('ndjson, md and html: no raw ESC or BEL in the bytes', () => {
    for (const format of ['ndjson', 'md', 'html']) {
      const r = run(['--format', format, ansiLog]);
      expect(r.code, format).toBe(1);
      expect(r.stdout, format).not.toMatch(/[\u001b\u0007\u009b]/);
    }
  });

  it('a hostile name in a zip (escape sequences in the entry name): stderr and the text report stay clean', () => {
    const zip = join(dir, 'evil-names.zip');
    writeFileSync(
      zip,
      createZip([
        { name: `Windows/Panther/${ESC}]0;pwned-title${'\u0007'}${ESC}[2J/setupact.log`, data: appxFailureLog('Contoso.App_1.0.0.0_neutral__abc') },
        { name: `../${ESC}[31m/setupact.log`, data: 'x' },
        { name: `nested${ESC}[2J.zip`, data: 'PK' },
      ]),
    );
    const r = run(['--format', 'text', zip, SAMPLE]);
    expect(r.code).toBe(3);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(2);
    expect(r.stderr).not.toContain(ESC);
    expect(r.stderr).toContain('␛[31m');
    expect(r.stdout).not.toContain(ESC);
    expectNoHostileSequence(r.stdout + r.stderr);
  });

  it.skipIf(!SCRIPT)('tui (on a pseudo-terminal via script): the hostile sequences never reach the terminal; q quits', async () => {
    const out = await tuiQuitWithQ(ansiLog);
    expectNoHostileSequence(out);
    expect(out).toContain('␛');
    expectTerminalRestored(out);
  });
});

describe.skipIf(!BUILT)('fault matrix: HTML and Markdown injection in log text', () => {
  it('html: no tag, attribute or javascript: link from the log, everything escaped', () => {
    const r = run(['--format', 'html', injectionLog]);
    expect(r.code).toBe(1);
    const html = r.stdout;
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<[^>]*\sonerror\s*=/i);
    expect(html).not.toMatch(/href\s*=\s*["']?\s*javascript:/i);
    expect(html).not.toContain('<!-- c -->');
    expect(html).toContain('Pkg&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('md: outside code spans and fences nothing forms a tag, link, image or emphasis; tables keep their columns', () => {
    const r = run(['--format', 'md', injectionLog]);
    expect(r.code).toBe(1);
    const md = r.stdout;
    const live = markdownOutsideCode(md);
    expect(live).not.toMatch(/<(script|img|!--)/i);
    expect(live).not.toMatch(/(?<!\\)\[[^\]]*(?<!\\)\]\(javascript:/i);
    expect(live).not.toMatch(/!\[i\]\(/);
    expect(live).not.toMatch(/(?<!\\)\*\*bold(?<!\\)\*\*/);
    // the hostile text is there, inert
    expect(md).toContain('Pkg&lt;script&gt;alert(1)&lt;/script&gt;');
    // every table row has as many cells as its header
    const lines = md.split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (!/^\| (---|:?---)/.test(lines[i + 1] ?? '') || !lines[i]!.startsWith('|')) continue;
      const width = tableCells(lines[i]!);
      for (let j = i + 2; j < lines.length && lines[j]!.startsWith('|'); j++) expect(tableCells(lines[j]!), lines[j]).toBe(width);
    }
  });

  it('md: a hostile file name (pipe, backticks) in the sources table keeps the table intact', () => {
    const path = logFile('a|b`c`|d.log', appxFailureLog('Contoso.App_1.0.0.0_neutral__abc'));
    const r = run(['--format', 'md', path]);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    const header = lines.findIndex((l) => l.startsWith('| Source |'));
    expect(header).toBeGreaterThan(0);
    const width = tableCells(lines[header]!);
    expect(tableCells(lines[header + 2]!)).toBe(width);
  });
});

describe.skipIf(!BUILT)('fault matrix: a 10,000-character culprit', () => {
  it('text: the culprit, summary and evidence are cut with a note; the commands keep it whole; bounded output', () => {
    const r = run(['--format', 'text', longLog]);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    const culprit = lines.find((l) => l.startsWith('  Culprit'))!;
    expect(culprit.length).toBeLessThan(700);
    expect(culprit).toContain('characters, cut)');
    // a command must run as printed: never cut
    expect(lines.some((l) => l.includes('Remove-AppxPackage -Package') && l.includes(LONG_PACKAGE))).toBe(true);
    // only the remediation commands carry the whole name; everything else is under ~1,300 characters
    for (const line of lines.filter((l) => !l.trimStart().startsWith('PS>'))) expect(line.length).toBeLessThan(1_300);
    expect(r.stdout.length).toBeLessThan(60_000);
  });

  it('md and html: cut where shown inline, whole in the commands; bounded output', () => {
    for (const format of ['md', 'html']) {
      const r = run(['--format', format, longLog]);
      expect(r.code, format).toBe(1);
      expect(r.stdout).toContain('characters, cut)');
      expect(r.stdout.length, format).toBeLessThan(120_000);
    }
  });

  it('json keeps the whole value (the contract); ndjson too', () => {
    const r = run(['--format', 'json', longLog]);
    expect(r.code).toBe(1);
    expect(report(r).findings[0]!.culprit).toBe(LONG_PACKAGE);
    const n = run(['--format', 'ndjson', longLog]);
    expect(n.code).toBe(1);
    expect(n.stdout).toContain(LONG_PACKAGE);
  });

  it.skipIf(!SCRIPT)('tui: draws within the terminal width without crashing, q quits with exit 1', async () => {
    const out = await tuiQuitWithQ(longLog);
    expect(out).not.toContain('A'.repeat(400)); // never one 10,000-character row
    expectTerminalRestored(out);
  });
});
