import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import HelpOverlay, { KEYS } from './HelpOverlay.js';

describe('HelpOverlay', () => {
  it('lists every key group and fits 80×18', () => {
    const out = render(<HelpOverlay width={80} height={18} />).lastFrame() ?? '';
    for (const [title, keys] of KEYS) {
      expect(out).toContain(title);
      for (const [, what] of keys) expect(out).toContain(what);
    }
    expect(out.split('\n').length).toBeLessThanOrEqual(18);
  });

  it('uses two columns in a short, wide window', () => {
    const out = render(<HelpOverlay width={140} height={9} />).lastFrame() ?? '';
    expect(out).toContain('Everywhere');
    expect(out).toContain('Events');
    expect(out).toContain('next / previous match');
  });
});
