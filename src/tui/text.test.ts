import { describe, expect, it } from 'vitest';
import { baseName, displayWidth, fit, formatDuration, parseTimestamp, shortNames, truncate, wrap } from './text.js';

describe('width and truncation', () => {
  it('counts wide characters twice and combining marks not at all', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('日本')).toBe(4);
    expect(displayWidth('e\u0301')).toBe(1);
  });

  it('truncates with an ellipsis to the exact width', () => {
    expect(truncate('Microsoft.OneDriveSync_21220', 12)).toBe('Microsoft.O…');
    expect(truncate('short', 12)).toBe('short');
    expect(truncate('日本語テキスト', 5)).toBe('日本…');
    expect(truncate('anything', 0)).toBe('');
  });

  it('fits and pads left or right', () => {
    expect(fit('29', 4, 'right')).toBe('  29');
    expect(fit('SYSPRP', 8)).toBe('SYSPRP  ');
    expect(fit('SYSPRP', 4)).toBe('SYS…');
  });
});

describe('wrap', () => {
  it('wraps on words', () => {
    expect(wrap('the quick brown fox jumps', 10)).toEqual(['the quick', 'brown fox', 'jumps']);
  });

  it('breaks words longer than a line', () => {
    expect(wrap('Microsoft.OneDriveSync_21220', 10)).toEqual(['Microsoft.', 'OneDriveSy', 'nc_21220']);
  });

  it('ends the last allowed line with … when text remains', () => {
    const lines = wrap('the quick brown fox jumps over the lazy dog', 10, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.endsWith('…')).toBe(true);
    expect(displayWidth(lines[1]!)).toBeLessThanOrEqual(10);
  });
});

describe('paths and times', () => {
  it('shortens paths to file names, with the parent where names repeat', () => {
    expect(baseName('C:\\Windows\\Panther\\setupact.log')).toBe('setupact.log');
    expect(shortNames(['C:\\Windows\\Panther\\setupact.log', 'C:\\Windows\\System32\\Sysprep\\Panther\\setupact.log', 'x/setuperr.log'])).toEqual([
      'Panther/setupact.log',
      'System32/Sysprep/Panther/setupact.log',
      'setuperr.log',
    ]);
    // Below the folder the repeated names share, never two alike.
    expect(shortNames(['/logs/case-with-a-long-name/setuperr.log', '/logs/case-with-a-long-name/Rollback/setuperr.log'])).toEqual([
      'setuperr.log',
      'Rollback/setuperr.log',
    ]);
  });

  it('parses Panther timestamps and formats durations', () => {
    expect(parseTimestamp('2024-05-14 10:02:18')! - parseTimestamp('2024-05-14 10:02:11')!).toBe(7000);
    expect(parseTimestamp(null)).toBeNull();
    expect(parseTimestamp('not a time')).toBeNull();
    expect(formatDuration(400)).toBe('<1s');
    expect(formatDuration(42_000)).toBe('42s');
    expect(formatDuration(185_000)).toBe('3m05s');
    expect(formatDuration(8_040_000)).toBe('2h14m');
  });
});
