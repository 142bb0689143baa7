// Ctrl-C (SIGINT), SIGTERM and SIGHUP while a command works: undo what is half done (the terminal
// UI closed, a temporary output file removed), say so in one line and exit with the shell's code for
// the signal (128 + its number: 130 for Ctrl-C), promptly and without a stack trace.
import { EXIT } from '../errors.js';

const SIGNAL_EXIT: Readonly<Record<'SIGINT' | 'SIGTERM' | 'SIGHUP', number>> = {
  SIGINT: EXIT.interrupted,
  SIGTERM: 143,
  SIGHUP: 129,
};
/** Cleanup gets this long; then the process exits anyway. */
const CLEANUP_GRACE_MS = 1500;

/**
 * Until the returned function is called, a signal runs `cleanup` and exits with 128 + the signal
 * number. A second signal during the cleanup exits at once. Process `exit` handlers still run, so
 * temporary output files are removed whatever `cleanup` does.
 */
export function trapInterrupts(cleanup: () => void | Promise<void>, warn: (message: string) => void): () => void {
  let code: number | null = null;
  const handler = (signal: NodeJS.Signals): void => {
    if (code !== null) process.exit(code);
    code = SIGNAL_EXIT[signal as keyof typeof SIGNAL_EXIT] ?? EXIT.interrupted;
    const exitCode = code;
    const timer = setTimeout(() => process.exit(exitCode), CLEANUP_GRACE_MS);
    Promise.resolve()
      .then(cleanup)
      .catch(() => undefined)
      .finally(() => {
        clearTimeout(timer);
        warn(signal === 'SIGINT' ? 'interrupted' : `stopped by ${signal}`);
        process.exit(exitCode);
      });
  };
  const signals = Object.keys(SIGNAL_EXIT) as (keyof typeof SIGNAL_EXIT)[];
  for (const signal of signals) process.on(signal, handler);
  return () => {
    for (const signal of signals) process.off(signal, handler);
  };
}
