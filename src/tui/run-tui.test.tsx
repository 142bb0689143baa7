import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { fixtureModel } from './fixtures.js';
import { ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN, startTui } from './run-tui.js';

/** A terminal stand-in: collects what ink writes. */
class FakeStdout extends EventEmitter {
  readonly columns = 80;
  readonly rows = 24;
  readonly isTTY = true;
  output = '';
  write = (chunk: string): boolean => {
    this.output += chunk;
    return true;
  };
}

/** A keyboard stand-in that supports raw mode, as ink requires. */
class FakeStdin extends EventEmitter {
  constructor(readonly isTTY = true) {
    super();
  }
  raw = false;
  private pending: string[] = [];
  setRawMode(on: boolean): this {
    this.raw = on;
    return this;
  }
  setEncoding(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
  resume(): this {
    return this;
  }
  pause(): this {
    return this;
  }
  read(): string | null {
    return this.pending.shift() ?? null;
  }
  type(data: string): void {
    this.pending.push(data);
    this.emit('readable');
  }
}

const tick = (ms = 20): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function start(altScreen = true) {
  const stdout = new FakeStdout();
  const stdin = new FakeStdin();
  const tui = startTui(fixtureModel(), {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    noColor: true,
    altScreen,
    // vitest replaces the console, which ink cannot patch.
    patchConsole: false,
  });
  return { tui, stdout, stdin };
}

describe('startTui', () => {
  it('draws the report, and q ends it: done resolves and raw mode is off', async () => {
    const { tui, stdout, stdin } = start();
    await tick();
    expect(stdout.output).toContain('FAILED');
    expect(stdout.output).toContain('appx-installed-not-provisioned');
    expect(stdin.raw).toBe(true);
    stdin.type('q');
    await expect(tui.done).resolves.toBeUndefined();
    expect(stdin.raw).toBe(false);
  });

  it('draws on the alternate screen and leaves it after unmounting', async () => {
    const { tui, stdout, stdin } = start();
    await tick();
    expect(stdout.output.startsWith(ENTER_ALT_SCREEN)).toBe(true);
    expect(stdout.output).not.toContain(LEAVE_ALT_SCREEN);
    stdin.type('q');
    await tui.done;
    expect(stdout.output.endsWith(LEAVE_ALT_SCREEN)).toBe(true);
  });

  it('stays on the main screen with altScreen: false', async () => {
    const { tui, stdout, stdin } = start(false);
    await tick();
    stdin.type('q');
    await tui.done;
    expect(stdout.output).not.toContain('\u001b[?1049');
    expect(stdout.output).toContain('appx-installed-not-provisioned');
  });

  it('draws the first screen once and ends when no keyboard can be read', async () => {
    const stdout = new FakeStdout();
    const stdin = new FakeStdin(false);
    const tui = startTui(fixtureModel(), {
      stdout: stdout as unknown as NodeJS.WriteStream,
      stdin: stdin as unknown as NodeJS.ReadStream,
      patchConsole: false,
    });
    await tui.done;
    expect(stdout.output).toContain('appx-installed-not-provisioned');
    expect(stdout.output).not.toContain('\u001b[?1049');
    expect(stdin.raw).toBe(false);
  });

  it('ends on Ctrl-C', async () => {
    const { tui, stdin } = start();
    await tick();
    stdin.type('\u0003');
    await expect(tui.done).resolves.toBeUndefined();
    expect(stdin.raw).toBe(false);
  });

  it('ends on close(), and update() after that is a no-op', async () => {
    const { tui, stdout } = start();
    await tick();
    tui.close();
    await tui.done;
    const before = stdout.output;
    tui.update(fixtureModel({ following: true }));
    await tick();
    expect(stdout.output).toBe(before);
  });

  it('shows a new model on update()', async () => {
    const { tui, stdout, stdin } = start();
    await tick();
    expect(stdout.output).not.toContain('● following');
    tui.update(fixtureModel({ following: true }));
    for (let waited = 0; !stdout.output.includes('● following') && waited < 500; waited += 10) await tick(10);
    expect(stdout.output).toContain('● following');
    stdin.type('q');
    await tui.done;
  });

  it('never writes the hostile escape sequences to the terminal', async () => {
    const { tui, stdout, stdin } = start();
    await tick();
    for (const key of ['3', '/', 'evil', '\r']) {
      const before = stdout.output.length;
      stdin.type(key);
      for (let waited = 0; stdout.output.length === before && waited < 500; waited += 10) await tick(10);
    }
    for (let waited = 0; !stdout.output.includes('evil␇click') && waited < 500; waited += 10) await tick(10);
    expect(stdout.output).toContain('␛]8;;http://evil␇click');
    expect(stdout.output).not.toContain('\u001b]8');
    expect(stdout.output).not.toContain('\u001b[2J');
    stdin.type('q');
    await tui.done;
  });
});
