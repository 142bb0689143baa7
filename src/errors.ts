// Errors a user can act on carry their exit code; anything else is a bug (exit 70).

export const EXIT = { ok: 0, failureExplained: 1, usage: 2, noInput: 3, failureUnexplained: 4, internal: 70 } as const;

export class UserError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
  }
}

export const REPORT_BUG_URL = 'https://github.com/sysprep-doctor/sysprep-doctor/issues';
