// Mounting the UI on a terminal. The caller decides whether a terminal is there: never call
// this when stdout is not a TTY or in CI (write a text report instead).
import { openSync } from 'node:fs';
import { ReadStream } from 'node:tty';
import { render } from 'ink';
import App from './App.js';
import type { TuiModel } from './model.js';

export interface StartTuiOptions {
  /** Where to draw; process.stdout by default. */
  readonly stdout?: NodeJS.WriteStream;
  /**
   * Where keys come from. By default process.stdin, or the controlling terminal when stdin is
   * a pipe (`sysprep-doctor - < setupact.log`), as `less` does.
   */
  readonly stdin?: NodeJS.ReadStream;
  /** Colours off; by default from NO_COLOR. */
  readonly noColor?: boolean;
  /**
   * Draw on the terminal's alternate screen (like `less`), so quitting gives the shell back
   * exactly as it was and resizes leave no debris in the scrollback. Default true.
   */
  readonly altScreen?: boolean;
  /** Route console.log/error above the UI instead of through it (ink's default, true). */
  readonly patchConsole?: boolean;
}

export interface TuiHandle {
  /** Shows a new model (live mode) without resetting the user's selection, filters or scroll. */
  update(model: TuiModel): void;
  /** Closes the UI from outside (e.g. `watch --exit-on-failure`); `done` then resolves. */
  close(): void;
  /** Resolves once the UI is unmounted and the terminal restored (`q`, Ctrl-C or `close()`). */
  readonly done: Promise<void>;
}

/** Switch to the alternate screen (saving the cursor) and home the cursor; and back. */
export const ENTER_ALT_SCREEN = '\u001b[?1049h\u001b[H';
export const LEAVE_ALT_SCREEN = '\u001b[?1049l';

/** The keyboard: stdin when it is a terminal, else the controlling terminal, else none. */
function openKeyboard(): { readonly stream: NodeJS.ReadStream; readonly owned: boolean } | null {
  if (process.stdin.isTTY) return { stream: process.stdin, owned: false };
  try {
    const fd = openSync(process.platform === 'win32' ? 'CONIN$' : '/dev/tty', 'r');
    return { stream: new ReadStream(fd), owned: true };
  } catch {
    return null;
  }
}

/**
 * Mounts the interactive UI on a terminal. Without any keyboard (stdin a pipe and no
 * controlling terminal) it draws the first screen once and `done` resolves at once.
 */
export function startTui(model: TuiModel, opts: StartTuiOptions = {}): TuiHandle {
  const stdout = opts.stdout ?? process.stdout;
  const keyboard = opts.stdin === undefined ? openKeyboard() : { stream: opts.stdin, owned: false };
  const interactive = keyboard !== null && keyboard.stream.isTTY === true;
  const noColor = opts.noColor;
  const element = (m: TuiModel) => (noColor === undefined ? <App model={m} /> : <App model={m} noColor={noColor} />);
  const alt = interactive && (opts.altScreen ?? true) && stdout.isTTY === true;
  let onAltScreen = false;
  const leaveAltScreen = (): void => {
    if (!onAltScreen) return;
    onAltScreen = false;
    stdout.write(LEAVE_ALT_SCREEN);
  };
  if (alt) {
    stdout.write(ENTER_ALT_SCREEN);
    onAltScreen = true;
    // A crash or process.exit() must not leave the shell on the alternate screen.
    process.once('exit', leaveAltScreen);
  }
  const instance = render(element(model), {
    stdout,
    ...(keyboard === null ? {} : { stdin: keyboard.stream }),
    exitOnCtrlC: true,
    patchConsole: opts.patchConsole ?? true,
  });
  let closed = false;
  // ink settles waitUntilExit after unmounting: raw mode off, cursor shown, last frame written.
  const finish = (): void => {
    closed = true;
    leaveAltScreen();
    process.off('exit', leaveAltScreen);
    if (keyboard?.owned === true) keyboard.stream.destroy();
  };
  const done = instance.waitUntilExit().then(finish, (error: unknown) => {
    finish();
    throw error;
  });
  if (!interactive) instance.unmount();
  return {
    update(next) {
      if (!closed) instance.rerender(element(next));
    },
    close() {
      if (!closed) instance.unmount();
    },
    done,
  };
}
