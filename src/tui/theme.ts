// The one place that knows colours. Components ask the theme for a style by meaning (a verdict,
// a severity, a level) and spread it on <Text>. With NO_COLOR, styles carry no colour at all:
// only bold, inverse and underline remain, so the current row and badges stay visible.
import { createContext, useContext } from 'react';
import type { Level, Severity, Verdict } from '../types.js';

/** The subset of ink `<Text>` props a theme may set. */
export interface TextStyle {
  readonly color?: string;
  readonly backgroundColor?: string;
  readonly dimColor?: boolean;
  readonly bold?: boolean;
  readonly inverse?: boolean;
  readonly underline?: boolean;
}

export interface Theme {
  /** True when colours are off (NO_COLOR). */
  readonly noColor: boolean;
  /** The verdict badge. */
  verdict(verdict: Verdict): TextStyle;
  /** A finding's severity. */
  severity(severity: Severity): TextStyle;
  /** An event's level column; `undefined` for lines without a level. */
  level(level: Level | undefined): TextStyle;
  /** Secondary text: labels, separators, counts. */
  readonly dim: TextStyle;
  /** Things to notice: the tool name, the active tab, search matches, commands. */
  readonly accent: TextStyle;
  /** The current row. */
  readonly selected: TextStyle;
  /** The ROOT CAUSE marker. */
  readonly rootCause: TextStyle;
  /** A failing stage or provider, and destructive commands. */
  readonly failure: TextStyle;
  /** A succeeded stage or provider. */
  readonly success: TextStyle;
  /** A stage or provider that did not finish. */
  readonly pending: TextStyle;
}

const VERDICT_COLOUR: Readonly<Record<Verdict, string>> = { failed: 'red', succeeded: 'green', incomplete: 'yellow' };
const SEVERITY_COLOUR: Readonly<Record<Severity, string>> = {
  critical: 'magentaBright',
  error: 'red',
  warning: 'yellow',
  info: 'blue',
};
const LEVEL_COLOUR: Readonly<Record<Level, string>> = {
  'Fatal Error': 'magentaBright',
  Error: 'red',
  Warning: 'yellow',
  Info: 'white',
  Unknown: 'gray',
};

/** Builds the theme; with `noColor`, no style has a colour prop. */
export function createTheme(noColor: boolean): Theme {
  const colour = (name: string, extra: TextStyle = {}): TextStyle => (noColor ? extra : { color: name, ...extra });
  return {
    noColor,
    verdict: (v) =>
      noColor ? { bold: true, inverse: true } : { color: 'black', backgroundColor: VERDICT_COLOUR[v], bold: true },
    severity: (s) => colour(SEVERITY_COLOUR[s], s === 'critical' || s === 'error' ? { bold: true } : {}),
    level: (l) => (l === undefined ? (noColor ? {} : { color: 'gray' }) : colour(LEVEL_COLOUR[l], l === 'Fatal Error' ? { bold: true } : {})),
    dim: noColor ? {} : { color: 'gray' },
    accent: colour('cyan', { bold: true }),
    selected: { inverse: true },
    rootCause: colour('redBright', { bold: true, inverse: noColor }),
    failure: colour('red', { bold: true }),
    success: colour('green'),
    pending: colour('yellow'),
  };
}

/** NO_COLOR convention (no-color.org): set and not empty. */
export function noColorFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env['NO_COLOR'];
  return value !== undefined && value !== '';
}

/** The theme of the running UI; the App provides it, the default follows the environment. */
export const ThemeContext = createContext<Theme>(createTheme(noColorFromEnv()));

/** The current theme. */
export function useTheme(): Theme {
  return useContext(ThemeContext);
}
