// The HTML report's only stylesheet (inline: the page loads nothing). Light theme, system fonts,
// and a print layout that spends no ink on backgrounds and keeps each finding on one page.

export const HTML_STYLE = `
:root {
  --fg: #1f2328; --muted: #59636e; --faint: #818b98; --border: #d1d9e0; --line: #eaeef2; --soft: #f6f8fa;
  --red: #cf222e; --red-soft: #ffebe9; --red-edge: #ffcecb;
  --green: #1a7f37; --green-soft: #dafbe1; --green-edge: #aceebb;
  --amber: #9a6700; --amber-soft: #fff8c5; --amber-edge: #f5e0a0;
  --mono: ui-monospace, SFMono-Regular, "SF Mono", "Cascadia Mono", Menlo, Consolas, "Liberation Mono", monospace;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif;
}
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: var(--fg); font: 15px/1.55 var(--sans); }
main { max-width: 1040px; margin: 0 auto; padding: 32px 28px 48px; }
h1 { font-size: 25px; line-height: 1.25; margin: 8px 0 10px; font-weight: 650; }
h2 { font-size: 18px; margin: 38px 0 14px; padding-bottom: 6px; border-bottom: 1px solid var(--border); }
h3 { font-size: 15px; margin: 22px 0 8px; }
p { margin: 8px 0; }
a { color: #0969da; }
code, pre, .mono { font-family: var(--mono); font-size: 13px; }
code { background: var(--soft); border: 1px solid var(--line); border-radius: 4px; padding: 0 4px; overflow-wrap: anywhere; }
pre { background: var(--soft); border: 1px solid var(--border); border-radius: 6px; padding: 10px 12px; margin: 6px 0 0;
  white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.45; }
pre code { background: none; border: 0; padding: 0; }
.muted { color: var(--muted); }

.banner { border: 1px solid var(--border); border-left-width: 6px; border-radius: 8px; padding: 18px 22px 16px; }
.verdict-failed .banner { border-color: var(--red-edge); border-left-color: var(--red); background: var(--red-soft); }
.verdict-succeeded .banner { border-color: var(--green-edge); border-left-color: var(--green); background: var(--green-soft); }
.verdict-incomplete .banner { border-color: var(--amber-edge); border-left-color: var(--amber); background: var(--amber-soft); }
.eyebrow { display: flex; align-items: center; gap: 10px; margin: 0; color: var(--muted); font-size: 13px; }
.pill { display: inline-block; border-radius: 999px; padding: 1px 12px; color: #fff; font-size: 12px; font-weight: 700;
  letter-spacing: .06em; text-transform: uppercase; }
.verdict-failed .pill { background: var(--red); }
.verdict-succeeded .pill { background: var(--green); }
.verdict-incomplete .pill { background: var(--amber); }
.summary { font-size: 16px; margin: 0; }
.facts { display: flex; flex-wrap: wrap; gap: 4px 28px; margin: 14px 0 0; }
.facts dt { color: var(--muted); font-size: 12px; }
.facts dd { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; }

.notice { margin: 16px 0 0; border: 1px solid var(--amber-edge); border-left: 4px solid var(--amber); border-radius: 6px; padding: 10px 14px; }
.notice ul { margin: 6px 0 0; padding-left: 20px; }

.card { border: 1px solid var(--border); border-radius: 8px; padding: 2px 20px 16px; }
.card.root { border-top: 4px solid var(--red); }
.finding-title { font-size: 17px; margin: 14px 0 6px; }
.meta { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin: 0 0 10px; }
.badge { display: inline-block; border: 1px solid var(--border); border-radius: 999px; padding: 0 9px; font-size: 12px; color: var(--muted); }
.sev-critical, .sev-error { color: var(--red); border-color: var(--red-edge); background: var(--red-soft); }
.sev-warning { color: var(--amber); border-color: var(--amber-edge); background: var(--amber-soft); }
dl.kv { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 4px 18px; margin: 10px 0; }
dl.kv dt { color: var(--muted); }
dl.kv dd { margin: 0; min-width: 0; }
.lossy { color: var(--amber); font-weight: 600; }
.hint { margin: 12px 0; }

ol.steps { margin: 6px 0; padding-left: 24px; }
ol.steps > li { margin: 0 0 14px; padding-left: 4px; }
.tag { display: inline-block; border-radius: 4px; padding: 0 6px; margin-right: 6px; font-size: 11px; font-weight: 700;
  letter-spacing: .04em; text-transform: uppercase; vertical-align: 1px; border: 1px solid transparent; }
.tag-destructive { background: var(--red); color: #fff; }
.tag-read-only { background: var(--green-soft); color: var(--green); border-color: var(--green-edge); }
.tag-manual { background: var(--soft); color: var(--muted); border-color: var(--border); }
.shell { display: block; margin: 6px 0 -2px; color: var(--faint); font-size: 11px; letter-spacing: .05em; text-transform: uppercase; }

table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; vertical-align: top; padding: 6px 10px; border-bottom: 1px solid var(--line); }
th { color: var(--muted); font-size: 12px; font-weight: 600; border-bottom-color: var(--border); }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.nowrap, td code, .nowrap { white-space: nowrap; }
td.wrap, td.wrap code { overflow-wrap: anywhere; white-space: normal; }
table.narrow { width: auto; min-width: 360px; }
.outcome-failed { color: var(--red); font-weight: 600; }
.outcome-succeeded { color: var(--green); }
.outcome-incomplete { color: var(--amber); font-weight: 600; }

details.evidence { margin: 6px 0 0; }
details.evidence > summary { cursor: pointer; color: var(--muted); font-size: 13px; margin-bottom: 4px; }
table.evidence { font-family: var(--mono); font-size: 12.5px; line-height: 1.45; background: var(--soft);
  border: 1px solid var(--border); border-radius: 6px; border-collapse: separate; border-spacing: 0; }
table.evidence td { border: 0; padding: 2px 10px; }
table.evidence td.loc { width: 1%; color: var(--faint); text-align: right; white-space: nowrap; }
table.evidence td.text { white-space: pre-wrap; overflow-wrap: anywhere; }
table.evidence tr.matched td { background: var(--red-soft); }
table.evidence tr:first-child td { padding-top: 8px; }
table.evidence tr:last-child td { padding-bottom: 8px; }
ul.refs { margin: 6px 0; padding-left: 20px; overflow-wrap: anywhere; }

figure.run { margin: 16px 0 26px; }
figure.run figcaption { font-weight: 600; margin: 0 0 6px; }
.timeline { display: block; max-width: 100%; height: auto; border: 1px solid var(--line); border-radius: 6px; }
.timeline text { font-family: var(--sans); font-size: 12.5px; fill: var(--fg); }
.timeline .tl-provider .tl-label { font-family: var(--mono); font-size: 11.5px; fill: var(--muted); }
.timeline .tl-phase.tl-failed .tl-label { fill: var(--red); font-weight: 600; }
.timeline .tl-bar { fill: #8c959f; }
.timeline .tl-phase.tl-succeeded .tl-bar { fill: #4ac26b; }
.timeline .tl-provider.tl-succeeded .tl-bar { fill: #aceebb; stroke: #4ac26b; }
.timeline .tl-phase.tl-failed .tl-bar { fill: var(--red); }
.timeline .tl-provider.tl-failed .tl-bar { fill: #ff8182; stroke: var(--red); }
.timeline .tl-running .tl-bar, .timeline .tl-incomplete .tl-bar { fill: #d4a72c; }
.timeline .tl-note { fill: var(--red); font-weight: 700; font-size: 11.5px; }
.timeline .tl-sep, .timeline .tl-grid { stroke: var(--line); }
.timeline .tl-axis, .timeline .tl-tick { stroke: var(--faint); }
.timeline .tl-tick-label { fill: var(--muted); font-size: 11px; font-variant-numeric: tabular-nums; }
.timeline .tl-axis-title { fill: var(--muted); font-size: 11.5px; font-style: italic; }
.timeline .tl-legend text { fill: var(--muted); font-size: 11px; }
.timeline .tl-legend .tl-succeeded { fill: #4ac26b; }
.timeline .tl-legend .tl-failed { fill: var(--red); }
.timeline .tl-legend .tl-running { fill: #d4a72c; }

.other { margin: 0 0 14px; padding: 2px 18px 12px; }
footer { margin-top: 40px; padding-top: 10px; border-top: 1px solid var(--border); color: var(--muted); font-size: 12px; }

@media print {
  @page { margin: 14mm 12mm; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  .banner, .notice, code, pre, table.evidence, table.evidence tr.matched td, .badge, .tag, .pill { background: none !important; }
  .pill { color: inherit; border: 1.5px solid currentColor; }
  .verdict-failed .pill { color: var(--red); }
  .verdict-succeeded .pill { color: var(--green); }
  .verdict-incomplete .pill { color: var(--amber); }
  .tag-destructive { color: var(--red); border-color: var(--red); }
  table.evidence tr.matched td.text { font-weight: 700; }
  /* Whole findings stay on one page; the root cause may be long, so only its parts are kept whole. */
  .other, figure.run, ol.steps > li, dl.kv, tr, #noise { break-inside: avoid; }
  h2, h3, figcaption { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  details.evidence > summary { list-style: none; }
}
`;
