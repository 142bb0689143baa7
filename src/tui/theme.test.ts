import { describe, expect, it } from 'vitest';
import { createTheme, noColorFromEnv, type TextStyle } from './theme.js';

const COLOUR_PROPS = ['color', 'backgroundColor', 'dimColor'] as const;

function styles(noColor: boolean): TextStyle[] {
  const t = createTheme(noColor);
  return [
    t.verdict('failed'),
    t.verdict('succeeded'),
    t.verdict('incomplete'),
    t.severity('critical'),
    t.severity('error'),
    t.severity('warning'),
    t.severity('info'),
    t.level('Error'),
    t.level('Fatal Error'),
    t.level('Warning'),
    t.level('Info'),
    t.level('Unknown'),
    t.level(undefined),
    t.dim,
    t.accent,
    t.selected,
    t.rootCause,
    t.failure,
    t.success,
    t.pending,
  ];
}

describe('theme', () => {
  it('uses colours by default', () => {
    const t = createTheme(false);
    expect(t.verdict('failed').backgroundColor).toBe('red');
    expect(t.level('Error').color).toBe('red');
  });

  it('has no colour prop at all with NO_COLOR, but keeps the current row and badge visible', () => {
    for (const style of styles(true)) for (const prop of COLOUR_PROPS) expect(style).not.toHaveProperty(prop);
    const t = createTheme(true);
    expect(t.selected.inverse).toBe(true);
    expect(t.verdict('failed').inverse).toBe(true);
  });

  it('reads NO_COLOR: set and not empty', () => {
    expect(noColorFromEnv({ NO_COLOR: '1' })).toBe(true);
    expect(noColorFromEnv({ NO_COLOR: '' })).toBe(false);
    expect(noColorFromEnv({})).toBe(false);
  });
});
