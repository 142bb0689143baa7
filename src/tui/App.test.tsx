import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import App from './App.js';
import { CULPRIT, fixtureModel, fixtureWithoutTimestamps } from './fixtures.js';
import { displayWidth } from './text.js';
import type { TuiModel } from './model.js';

const SIZE = { columns: 80, rows: 24 };
const tick = (ms = 15): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function mount(model: TuiModel = fixtureModel(), size = SIZE) {
  const r = render(<App model={model} size={size} />);
  // Each key: write it, then wait for the frame it causes (or a quiet period when it changes nothing).
  const press = async (...keys: string[]): Promise<string> => {
    for (const k of keys) {
      const before = r.frames.length;
      r.stdin.write(k);
      for (let waited = 0; r.frames.length === before && waited < 300; waited += 5) await tick(5);
      await tick(5);
    }
    return r.lastFrame() ?? '';
  };
  return { ...r, press, frame: (): string => r.lastFrame() ?? '' };
}

afterEach(() => cleanup());

describe('App at 80×24', () => {
  it('shows the verdict, the root cause rule and the culprit on the first screen', () => {
    const { frame } = mount();
    const first = frame();
    expect(first).toContain('FAILED');
    expect(first).toContain('ROOT CAUSE');
    expect(first).toContain('appx-installed-not-provisioned');
    expect(first).toContain('AppX package installed for a user but not provisioned');
    expect(first).toContain(CULPRIT.slice(0, 30));
    expect(first).toContain('0x80073CF2');
    expect(first).toContain('Remove-AppxPackage -Package');
  });

  it('fits in 80 columns and 23 lines', () => {
    const { frame } = mount();
    const lines = frame().split('\n');
    expect(lines.length).toBeLessThanOrEqual(23);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(80);
  });

  it('toggles the help with ?', async () => {
    const { press } = mount();
    const help = await press('?');
    expect(help).toContain('level: all → warning+ → error+');
    expect(help).not.toContain('ROOT CAUSE');
    const back = await press('?');
    expect(back).not.toContain('level: all → warning+ → error+');
    expect(back).toContain('ROOT CAUSE');
  });

  it('switches views with 1 2 3 and Tab', async () => {
    const { press } = mount();
    const events = await press('3');
    expect(events).toContain('LINE TIME');
    expect(events).toContain('Initialized SysPrep log at C:\\Windows\\System32\\Sysprep\\Panther');
    expect(await press('2')).toContain('STAGE / PROVIDER');
    expect(await press('1')).toContain('ROOT CAUSE');
    expect(await press('\t')).toContain('STAGE / PROVIDER');
    expect(await press('\t')).toContain('LINE TIME');
  });

  it('jumps from the root cause to its first evidence line with Enter', async () => {
    const { press } = mount();
    const events = await press('\r');
    expect(events).toContain('LINE TIME');
    // The row: line number, time, level and the start of the message.
    expect(events).toMatch(/29 10:02:18 Error SYSPRP Package Microsoft\.OneDriveSync_21220/);
    // The detail area shows the current event in full.
    expect(events).toContain('setupact.log:29 · 2024-05-14 10:02:18 · Error · SYSPRP');
    expect(events).toContain('installed for a user, but not provisioned for all users');
  });

  it('jumps with filters cleared', async () => {
    const { press } = mount();
    await press('3', 'l', 'l');
    expect((await press('1')).length).toBeGreaterThan(0);
    const events = await press('\r');
    expect(events).toContain('level all');
    expect(events).toContain('48/48 events');
    expect(events).toContain('setupact.log:29');
  });

  it('cycles the level filter: all → warning+ → error+ → all', async () => {
    const { press } = mount();
    const all = await press('3');
    expect(all).toContain('48/48 events');
    expect(all).toContain('Initialized SysPrep log');
    const warn = await press('l');
    expect(warn).toContain('level warning+');
    expect(warn).toContain('20/48 events');
    expect(warn).not.toContain('Initialized SysPrep log');
    expect(warn).toContain('AppxSysprep: automatic Store app updates');
    const err = await press('l');
    expect(err).toContain('level error+');
    expect(err).toContain('18/48 events');
    expect(err).not.toContain('AppxSysprep: automatic Store app updates');
    expect(err).toContain('BCD: BiUpdateEfiEntry failed c000000d');
    expect(await press('l')).toContain('48/48 events');
  });

  it('filters by component and clears filters with x', async () => {
    const { press } = mount();
    const tool = await press('3', 'c', 'c');
    expect(tool).toContain('comp TOOL');
    expect(tool).toContain('2/48 events');
    expect(tool).toContain('BiExportBcdObjects');
    const cleared = await press('x');
    expect(cleared).toContain('48/48 events');
  });

  it('searches with / and moves between matches with n and N', async () => {
    const { press } = mount();
    await press('3', '/');
    const typing = await press('OneDrive');
    expect(typing).toContain('/OneDrive');
    const found = await press('\r');
    expect(found).toContain('setupact.log:29 ·');
    expect(found).toContain('/OneDrive');
    const next = await press('n');
    expect(next).toContain('setuperr.log:1 ·');
    const back = await press('N');
    expect(back).toContain('setupact.log:29 ·');
  });

  it('says so when a search has no match', async () => {
    const { press } = mount();
    await press('/', 'no such text');
    expect(await press('\r')).toContain('no match for "no such text"');
  });

  it('never writes the escape sequences of a hostile log line', async () => {
    const { press, frames } = mount();
    await press('/', 'evil', '\r');
    const shown = await press('j', 'k');
    expect(shown).toContain('setupact.log:37');
    expect(shown).toContain("window title '␛[2J␛]8;;http://evil␇click'");
    await press('2', '1', '?', '?');
    for (const f of frames) {
      expect(f).not.toContain('\u001b]8');
      expect(f).not.toContain('\u001b[2J');
      expect(f).not.toContain('\u0007');
    }
  });

  it('quits with q', async () => {
    const { press, frame } = mount();
    await press('q');
    const last = frame();
    // Unmounted: keys no longer change the screen.
    await press('3');
    expect(frame()).toBe(last);
    expect(last).toContain('ROOT CAUSE');
  });

  it('shows the following indicator in live mode', () => {
    const { frame } = mount(fixtureModel({ following: true }));
    expect(frame()).toContain('● following');
    const { frame: still } = mount(fixtureModel());
    expect(still()).not.toContain('following');
  });
});

describe('App search prompt', () => {
  it('takes q and ? as text while typing, edits with Backspace and cancels with Esc', async () => {
    const { press } = mount();
    await press('/');
    expect(await press('q?x')).toContain('/q?x█');
    expect(await press('\u007f')).toContain('/q?█');
    const cancelled = await press('\u001b');
    expect(cancelled).not.toContain('█');
    expect(cancelled).toContain('LINE TIME');
  });

  it('keeps control characters out of the query', async () => {
    const { press } = mount();
    await press('/');
    const typed = await press('One\u0007Drive');
    expect(typed).toContain('/OneDrive█');
  });
});

describe('App with several runs', () => {
  it('switches the timeline run with ← →', async () => {
    const base = fixtureModel();
    const old = { ...base.report.runs[0]!, index: 0, startedAt: '2024-05-13 09:00:00', endedAt: '2024-05-13 09:00:05', options: ['OOBE'] };
    const model: TuiModel = { ...base, report: { ...base.report, runs: [old, base.report.runs[0]!] } };
    const { press } = mount(model);
    const latest = await press('2');
    // The root cause's run is shown first.
    expect(latest).toContain('run 2/2 · sysprep · GENERALIZE OOBE SHUTDOWN');
    const earlier = await press('\u001b[D');
    expect(earlier).toContain('run 1/2 · sysprep · OOBE');
    expect(earlier).toContain('2024-05-13 09:00:00');
    expect(await press(']')).toContain('run 2/2');
  });
});

describe('App in live mode', () => {
  it('keeps the selected finding when new findings arrive', async () => {
    const base = fixtureModel();
    const r = mount(base);
    await r.press('j');
    expect(r.frame()).toContain('internal-provider-failed');
    const extra = { ...base.report.findings[2]!, ruleId: 'late-finding', title: 'A finding that arrived later' };
    const grown: TuiModel = {
      ...base,
      report: { ...base.report, findings: [base.report.findings[0]!, extra, ...base.report.findings.slice(1)] },
    };
    r.rerender(<App model={grown} size={SIZE} />);
    await tick();
    const after = r.frame();
    // Still the provider finding expanded (its rule line), the new one listed collapsed.
    expect(after).toContain('rule     internal-provider-failed');
    expect(after).toContain('A finding that arrived later');
  });

  it('follows the tail while following, and keeps the position after scrolling up', async () => {
    const full = fixtureModel();
    const at = (n: number): TuiModel => ({ ...full, events: full.events.slice(0, n), following: true });
    const r = mount(at(20));
    const tail = await r.press('3');
    expect(tail).toContain('setupact.log:20 ·');
    r.rerender(<App model={at(30)} size={SIZE} />);
    await tick();
    expect(r.frame()).toContain('setupact.log:30 ·');
    await r.press('k');
    expect(r.frame()).toContain('setupact.log:29 ·');
    r.rerender(<App model={at(40)} size={SIZE} />);
    await tick();
    expect(r.frame()).toContain('setupact.log:29 ·');
  });
});

describe('App timeline', () => {
  it('draws the stages and providers as bars, the failing ones marked', async () => {
    const { press } = mount();
    const t = await press('2');
    expect(t).toContain('run 1/1 · sysprep · GENERALIZE OOBE SHUTDOWN · failed');
    expect(t).toContain('failed at pre-validate · generalize · internal · 0x80073cf2 (setupact.log:36)');
    expect(t).toMatch(/generalize validate internal\s+[ █▏▎▍▌▋▊▉]*█[▏▎▍▌▋▊▉]?\s+4s ✗ failed/);
    expect(t).toMatch(/AppxSysprep\.dll,SysprepGeneraliz.*3s ✗ 0x3cf2/);
    expect(t).toMatch(/cleanup execute internal.*3s ✓ ok/);
  });

  it('says "no timestamps" and lists the order when the log has none', async () => {
    const { press } = mount(fixtureWithoutTimestamps());
    const t = await press('2');
    expect(t).toContain('no timestamps');
    expect(t).toContain('line 26');
    expect(t).not.toContain('█');
  });

  it('opens the events view on a provider line with Enter', async () => {
    const { press } = mount();
    await press('2');
    // Rows: cleanup, 3 providers, generalize, Bcd, Appx.
    const events = await press('G', '\r');
    expect(events).toContain('setupact.log:26 ·');
    expect(events).toContain("Executing method 'SysprepGeneralizeValidate'");
  });
});

describe('App sizes', () => {
  it('follows stdout size and resize events', async () => {
    const r = render(<App model={fixtureModel()} />);
    // ink-testing-library reports 100 columns.
    expect(Math.max(...(r.lastFrame() ?? '').split('\n').map(displayWidth))).toBeLessThanOrEqual(100);
    Object.defineProperty(r.stdout, 'columns', { value: 60, configurable: true });
    r.stdout.emit('resize');
    await tick();
    const narrow = r.lastFrame() ?? '';
    for (const line of narrow.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(60);
    expect(narrow).toContain('FAILED');
    expect(narrow).toContain('Microsoft.OneDriveSync');
  });

  it('uses a tall, wide window for more detail', () => {
    const { frame } = mount(fixtureModel(), { columns: 140, rows: 50 });
    const f = frame();
    expect(f.split('\n').length).toBeLessThanOrEqual(49);
    // Room for the whole commands and the evidence lines themselves.
    expect(f).toContain(`Remove-AppxProvisionedPackage -Online -PackageName ${CULPRIT}`);
    expect(f).toMatch(/29 │ 2024-05-14 10:02:18, Error\s+SYSPRP Package Microsoft\.OneDriveSync/);
  });
});

describe('App with keys that arrive together', () => {
  it('keeps Enter in a chunk of type-ahead: j then Enter opens the second finding’s evidence', async () => {
    const { press } = mount();
    const events = await press('j\r');
    expect(events).toContain('LINE TIME');
    expect(events).toMatch(/setupact\.log:3\d ·/);
  });

  it('commits a search typed or pasted with its Enter', async () => {
    const { press } = mount();
    await press('/');
    const done = await press('BiExportBcdObjects\r');
    expect(done).not.toContain('█');
    expect(done).toContain('/BiExportBcdObjects');
    expect(done).toMatch(/BiExportBcdObjects/);
  });
});

describe('App with a narrow, short window (60×20)', () => {
  const SMALL = { columns: 60, rows: 20 };

  it('scrolls the help so every key can be read', async () => {
    const { press } = mount(fixtureModel(), SMALL);
    const first = await press('?');
    expect(first).toMatch(/↓ \d+ more/);
    expect(first).not.toContain('◆  *');
    const last = await press('G');
    expect(last).toContain('◆  *');
    expect(last).toContain('x  Esc');
    expect(last).toMatch(/↑ \d+ above/);
    for (const line of last.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(60);
    // The movement keys scroll the help, they do not reach the view behind it.
    const back = await press('g', '?');
    expect(back).toContain('ROOT CAUSE');
  });

  it('keeps "? help" in the status bar', async () => {
    const { frame, press } = mount(fixtureModel(), SMALL);
    expect(frame().split('\n').at(-1)).toContain('? help');
    expect((await press('3')).split('\n').at(-1)).toContain('? help');
    expect((await press('2')).split('\n').at(-1)).toContain('? help');
  });
});

describe('App fed by a live list', () => {
  it('shows events added to the same array', async () => {
    const full = fixtureModel();
    const events = full.events.slice(0, 10);
    const r = mount({ ...full, events, following: true });
    expect(await r.press('3')).toContain('10/10 events');
    events.push(...full.events.slice(10, 25));
    r.rerender(<App model={{ ...full, events, following: true }} size={SIZE} />);
    await tick();
    expect(r.frame()).toContain('25/25 events');
    expect(r.frame()).toContain('setupact.log:25 ·');
  });
});

describe('App with several runs and sources', () => {
  it('numbers a finding’s run as the timeline does, and tells like-named sources apart', async () => {
    const base = fixtureModel();
    const rollbackErr = 'C:\\$Windows.~BT\\Sources\\Rollback\\setuperr.log';
    const pantherErr = 'C:\\$Windows.~BT\\Sources\\Panther\\setuperr.log';
    const report = base.report;
    const sources = [
      { ...report.sources[0]!, path: pantherErr, flavor: 'setuperr' as const },
      { ...report.sources[1]!, path: rollbackErr, flavor: 'setuperr' as const },
    ];
    // The internal run index (7) is not the run's position (2 of 2).
    const runs = [{ ...report.runs[0]!, index: 3, startedAt: '2024-05-13 09:00:00' }, { ...report.runs[0]!, index: 7 }];
    const findings = report.findings.map((f) => ({ ...f, run: 7 }));
    const model: TuiModel = { ...base, report: { ...report, sources, runs, findings } };
    const { frame, press } = mount(model, { columns: 120, rows: 30 });
    expect(frame()).toContain('(run 2)');
    expect(frame()).not.toContain('(run 7)');
    expect(frame()).toContain('Panther/setuperr.log, Rollback/setuperr.log');
    expect(await press('3')).toMatch(/Pant\/err\s+1 /);
    const last = await press('G');
    expect(last).toMatch(/Roll\/err\s+8 /);
    expect(last).toContain('Rollback/setuperr.log:8 ·');
  });
});
