import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import EventBrowser from './EventBrowser.js';
import { fixtureModel, HOSTILE_LINE } from './fixtures.js';
import { computeLayout } from './layout.js';
import { NO_FILTER, filterEvents, type EventFilter } from './model.js';
import { displayWidth } from './text.js';

const model = fixtureModel();

function browser(opts: { cursor?: number; top?: number; filter?: EventFilter; query?: string; columns?: number; rows?: number } = {}): string {
  const filter = opts.filter ?? NO_FILTER;
  const layout = computeLayout({ columns: opts.columns ?? 80, rows: opts.rows ?? 24 }, model.report);
  return (
    render(
      <EventBrowser
        report={model.report}
        events={model.events}
        visible={filterEvents(model.events, filter)}
        cursor={opts.cursor ?? 0}
        top={opts.top ?? 0}
        filter={filter}
        query={opts.query ?? ''}
        evidence={new Set(['0:29', '0:30'])}
        layout={layout}
      />,
    ).lastFrame() ?? ''
  );
}

describe('EventBrowser', () => {
  it('shows line, time, level, component and message, cut to the width', () => {
    const out = browser({ cursor: 28, top: 20 });
    expect(out).toMatch(/◆act {3}29 10:02:18 Error SYSPRP Package Microsoft\.OneDriveSync_21220\.1024\.5\.0_n…/);
    expect(out).toMatch(/ act {3}28\s+Packages found for user/);
    for (const line of out.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(80);
  });

  it('shows the current event in full below the rows', () => {
    const out = browser({ cursor: 28, top: 20 });
    expect(out).toContain('setupact.log:29 · 2024-05-14 10:02:18 · Error · SYSPRP · run 1 · generalize');
    expect(out).toContain('installed for a user, but not provisioned for all users.');
  });

  it('shows the filters and the counts', () => {
    const out = browser({ filter: { ...NO_FILTER, level: 'error', component: 'TOOL' } });
    expect(out).toContain('level error+  comp TOOL  run all  pass all  2/48 events');
  });

  it('says so when no event passes the filters', () => {
    expect(browser({ cursor: -1, filter: { ...NO_FILTER, component: 'NOPE' } })).toContain('no event matches these filters');
  });

  it('says when no event has arrived yet', () => {
    const layout = computeLayout({ columns: 80, rows: 24 }, model.report);
    const out =
      render(
        <EventBrowser report={model.report} events={[]} visible={[]} cursor={-1} top={0} filter={NO_FILTER} query="" evidence={new Set()} layout={layout} />,
      ).lastFrame() ?? '';
    expect(out).toContain('no event yet');
    expect(out).toContain('0/0 events');
  });

  it('marks search matches and shows the query', () => {
    const out = browser({ top: 24, cursor: 24, query: 'dwRet' });
    expect(out).toContain('/dwRet');
    expect(out).toMatch(/\*act {3}32 /);
  });

  it('renders a hostile line with visible placeholders only', () => {
    const out = browser({ cursor: HOSTILE_LINE - 1, top: 30 });
    expect(out).not.toContain('\u001b');
    expect(out).not.toContain('\u0007');
    expect(out).toContain("Shell Unattend: window title '␛[2J␛]8;;http://evil␇click'");
  });

  it('uses a wide window for full timestamps and longer messages', () => {
    const out = browser({ cursor: 28, top: 20, columns: 160, rows: 40 });
    expect(out).toContain('29 2024-05-14 10:02:18 Error SYSPRP Package Microsoft.OneDriveSync_21220.1024.5.0_neutral__8wekyb3d8bbwe was installed');
  });
});
