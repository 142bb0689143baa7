import { describe, expect, it } from 'vitest';
import { fixtureModel, SETUPACT, SETUPERR } from './fixtures.js';
import {
  NO_FILTER,
  componentsOf,
  cycleValue,
  filterEvents,
  findEventAt,
  findEvidenceIndex,
  findMatch,
  isUnfiltered,
  nextLevelFilter,
  passesOf,
} from './model.js';

const model = fixtureModel();
const { events } = model;
const lines = (indexes: readonly number[]): string[] => indexes.map((i) => `${events[i]!.source}:${events[i]!.line}`);

describe('filterEvents', () => {
  it('keeps everything without filters', () => {
    expect(filterEvents(events, NO_FILTER)).toHaveLength(48);
    expect(isUnfiltered(NO_FILTER)).toBe(true);
  });

  it('filters by level: warning+ keeps warnings and errors, error+ only errors', () => {
    const warn = filterEvents(events, { ...NO_FILTER, level: 'warning' });
    expect(warn.map((i) => events[i]!.level)).not.toContain('Info');
    expect(lines(warn)).toContain('0:18');
    expect(warn).toHaveLength(20);
    const err = filterEvents(events, { ...NO_FILTER, level: 'error' });
    expect(err).toHaveLength(18);
    expect(lines(err)).not.toContain('0:18');
  });

  it('drops lines without a level from the level filters', () => {
    const warn = lines(filterEvents(events, { ...NO_FILTER, level: 'warning' }));
    expect(warn).not.toContain('0:28');
    expect(warn).not.toContain('0:40');
  });

  it('filters by component, run, pass and text', () => {
    expect(lines(filterEvents(events, { ...NO_FILTER, component: 'TOOL' }))).toEqual(['0:14', '0:15']);
    expect(filterEvents(events, { ...NO_FILTER, run: 1 })).toHaveLength(48);
    expect(filterEvents(events, { ...NO_FILTER, run: 2 })).toHaveLength(0);
    expect(filterEvents(events, { ...NO_FILTER, pass: 'cleanup' })).toHaveLength(11);
    expect(lines(filterEvents(events, { ...NO_FILTER, text: 'onedrivesync', pass: 'generalize' }))).toEqual(['0:29', '1:1']);
  });

  it('lists components and passes', () => {
    expect(componentsOf(events)).toEqual(['SYSPRP', 'TOOL']);
    expect(passesOf(events)).toEqual(['cleanup', 'generalize']);
  });
});

describe('cycles', () => {
  it('cycles the level filter', () => {
    expect(nextLevelFilter('all')).toBe('warning');
    expect(nextLevelFilter('warning')).toBe('error');
    expect(nextLevelFilter('error')).toBe('all');
  });

  it('cycles a value filter through any → each value → any', () => {
    expect(cycleValue(['a', 'b'], null)).toBe('a');
    expect(cycleValue(['a', 'b'], 'a')).toBe('b');
    expect(cycleValue(['a', 'b'], 'b')).toBeNull();
    expect(cycleValue([], null)).toBeNull();
  });
});

describe('findEventAt / findEvidenceIndex', () => {
  it('finds an evidence line by source path and line', () => {
    const i = findEvidenceIndex(model, SETUPACT, 29);
    expect(events[i]!.message).toMatch(/^Package Microsoft\.OneDriveSync/);
    const j = findEvidenceIndex(model, SETUPERR, 8);
    expect(events[j]).toMatchObject({ source: 1, line: 8 });
  });

  it('returns -1 for an unknown source', () => {
    expect(findEvidenceIndex(model, 'C:\\elsewhere\\setupact.log', 29)).toBe(-1);
  });

  it('falls back to the nearest kept line of the same source', () => {
    const kept = events.filter((e) => e.line !== 29 || e.source !== 0);
    expect(kept[findEventAt(kept, 0, 29)]).toMatchObject({ source: 0, line: 30 });
    expect(kept[findEventAt(kept, 0, 999)]).toMatchObject({ source: 0, line: 40 });
    expect(kept[findEventAt(kept, 1, 0)]).toMatchObject({ source: 1, line: 1 });
  });

  it('still finds a line when the events are not in order', () => {
    const shuffled = [...events].reverse();
    expect(shuffled[findEventAt(shuffled, 0, 36)]).toMatchObject({ source: 0, line: 36 });
  });
});

describe('findMatch', () => {
  const all = filterEvents(events, NO_FILTER);

  it('finds the next match after a position, and wraps', () => {
    const first = findMatch(events, all, 0, 'OneDrive', 1);
    expect(events[all[first]!]).toMatchObject({ source: 0, line: 29 });
    const second = findMatch(events, all, first, 'OneDrive', 1);
    expect(events[all[second]!]).toMatchObject({ source: 1, line: 1 });
    expect(findMatch(events, all, second, 'OneDrive', 1)).toBe(first);
  });

  it('finds the previous match, wrapping to the end', () => {
    const last = findMatch(events, all, 0, 'onedrive', -1);
    expect(events[all[last]!]).toMatchObject({ source: 1, line: 1 });
  });

  it('returns -1 without a match or a query', () => {
    expect(findMatch(events, all, 0, 'no such text', 1)).toBe(-1);
    expect(findMatch(events, all, 0, '', 1)).toBe(-1);
  });
});
