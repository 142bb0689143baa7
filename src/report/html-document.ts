// The shell every self-contained HTML page of the tool shares: strict CSP, inline style, no scripts.
import { esc } from './html-escape.js';

export interface HtmlDocument {
  /** Plain text; escaped here. */
  readonly title: string;
  readonly csp: string;
  readonly style: string;
  readonly version: string;
  readonly bodyClass?: string;
  /** Ready HTML parts, one per line. */
  readonly body: readonly string[];
}

export function htmlDocument(doc: HtmlDocument): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${doc.csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light">',
    `<meta name="generator" content="sysprep-doctor ${esc(doc.version)}">`,
    `<title>${esc(doc.title)}</title>`,
    `<style>${doc.style}</style>`,
    '</head>',
    doc.bodyClass ? `<body class="${doc.bodyClass}">` : '<body>',
    '<main>',
    ...doc.body,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
