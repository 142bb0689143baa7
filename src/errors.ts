// Errors a user can act on carry their exit code; anything else is a bug (exit 70).
import { terminalSafe } from './util/terminal-safe.js';

export const EXIT = { ok: 0, failureExplained: 1, usage: 2, noInput: 3, failureUnexplained: 4, internal: 70, interrupted: 130 } as const;

export class UserError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
  }
}

export const REPORT_BUG_URL = 'https://github.com/sysprep-doctor/sysprep-doctor/issues';

/**
 * What the user sees for a bug: one line with the error's message and where to report it. The stack
 * trace is for the bug report, shown only with SYSPREP_DOCTOR_DEBUG=1.
 */
export function internalErrorMessage(error: unknown): string {
  const message = terminalSafe((error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim()) || 'unknown error';
  const debug = process.env.SYSPREP_DOCTOR_DEBUG === '1' || process.env.SYSPREP_DOCTOR_DEBUG === 'true';
  const stack = debug && error instanceof Error && error.stack ? `${error.stack}\n` : '';
  const hint = debug ? '' : ' (run again with SYSPREP_DOCTOR_DEBUG=1 for the stack trace)';
  return `sysprep-doctor: internal error: ${message} — this is a bug; please report it at ${REPORT_BUG_URL} with the command you ran${hint}\n${stack}`;
}
