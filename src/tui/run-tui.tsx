// Mounting the UI on a terminal. The caller decides whether a terminal is there: never call
// this when stdout is not a TTY or in CI (write a text report instead).
import { render } from 'ink';
import App from './App.js';
import type { TuiModel } from './model.js';

export interface StartTuiOptions {
  /** Where to draw; process.stdout by default. */
  readonly stdout?: NodeJS.WriteStream;
  /** Where keys come from; process.stdin by default. It must support raw mode. */
  readonly stdin?: NodeJS.ReadStream;
  /** Colours off; by default from NO_COLOR. */
  readonly noColor?: boolean;
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

/** Mounts the interactive UI on a terminal. */
export function startTui(model: TuiModel, opts: StartTuiOptions = {}): TuiHandle {
  const noColor = opts.noColor;
  const element = (m: TuiModel) => (noColor === undefined ? <App model={m} /> : <App model={m} noColor={noColor} />);
  const instance = render(element(model), {
    ...(opts.stdout === undefined ? {} : { stdout: opts.stdout }),
    ...(opts.stdin === undefined ? {} : { stdin: opts.stdin }),
    exitOnCtrlC: true,
    patchConsole: opts.patchConsole ?? true,
  });
  let closed = false;
  // ink resolves waitUntilExit after unmounting, which turns raw mode off and shows the cursor.
  const done = instance.waitUntilExit().then(
    () => {
      closed = true;
    },
    (error: unknown) => {
      closed = true;
      throw error;
    },
  );
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
