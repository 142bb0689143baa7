// Hand-written Report fixtures (test/fixtures/reports) and checks shared by the reporter tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Report } from '../../src/types.js';

export const FIXTURE_NAMES = ['appx-failed', 'succeeded', 'multi-run', 'hostile'] as const;
export type FixtureName = (typeof FIXTURE_NAMES)[number];

export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../fixtures/reports/${name}.json`, import.meta.url));
}

/** Parsed fresh on every call, so a test cannot leak changes into another. */
export function loadFixture(name: FixtureName): Report {
  return JSON.parse(readFileSync(fixturePath(name), 'utf8')) as Report;
}

/** C0 controls except tab and newline, DEL, C1 controls: none may reach a report. */
export const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

export interface MarkdownOutline {
  /** ATX headings outside code blocks, as written. */
  readonly headings: string[];
  /** Fenced code blocks opened and closed. */
  readonly fences: number;
  /** True when a fence is still open at the end of the document. */
  readonly unclosedFence: boolean;
  /** Number of cells in each table row, per table (split on pipes not escaped by a backslash). */
  readonly tables: number[][];
}

/**
 * Enough of CommonMark's block structure to see whether hostile text broke it: fences (backtick runs
 * of three or more, closed by a run at least as long), headings and GFM table rows outside them.
 */
export function markdownOutline(md: string): MarkdownOutline {
  const headings: string[] = [];
  const tables: number[][] = [];
  let fence: string | null = null;
  let fences = 0;
  let table: number[] | null = null;
  for (const line of md.split('\n')) {
    const trimmed = line.trimStart();
    const run = /^(`{3,})/.exec(trimmed)?.[1];
    if (fence !== null) {
      if (run && run.length >= fence.length && trimmed.slice(run.length).trim() === '') {
        fence = null;
        fences++;
      }
      continue;
    }
    if (run) {
      fence = run;
      continue;
    }
    if (/^#{1,6} /.test(line)) headings.push(line);
    if (line.startsWith('|')) {
      const cells = line.replace(/\\./g, '').split('|').length - 2;
      (table ??= []).push(cells);
    } else if (table) {
      tables.push(table);
      table = null;
    }
  }
  if (table) tables.push(table);
  return { headings, fences, unclosedFence: fence !== null, tables };
}

/** `md` without its fenced code blocks and code spans: the text a Markdown renderer would interpret. */
export function textOutsideCode(md: string): string {
  const kept: string[] = [];
  let fence: string | null = null;
  for (const line of md.split('\n')) {
    const trimmed = line.trimStart();
    const run = /^(`{3,})/.exec(trimmed)?.[1];
    if (fence !== null) {
      if (run && run.length >= fence.length && trimmed.slice(run.length).trim() === '') fence = null;
    } else if (run) fence = run;
    else kept.push(stripCodeSpans(line));
  }
  return kept.join('\n');
}

/** CommonMark code spans: a backtick run closed by the next run of the same length. */
function stripCodeSpans(line: string): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    if (line[i] === '\\') {
      out += line.slice(i, i + 2);
      i += 2;
      continue;
    }
    const open = /^`+/.exec(line.slice(i))?.[0];
    if (!open) {
      out += line[i];
      i++;
      continue;
    }
    const close = new RegExp(`(?<!\`)${open}(?!\`)`, 'g');
    close.lastIndex = i + open.length;
    const m = close.exec(line);
    if (!m) {
      out += open;
      i += open.length;
      continue;
    }
    i = m.index + open.length;
  }
  return out;
}
