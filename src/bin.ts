#!/usr/bin/env node
// The installed command. It only loads the CLI, so that an install too broken for the CLI's own
// modules to load (a file missing, a bad build) says so in one line with exit 70, not Node's stack
// (SYSPREP_DOCTOR_DEBUG=1 shows it). Nothing else is imported here: this file must load.
try {
  const { runAsCommand } = await import('./cli.js');
  runAsCommand();
} catch (error) {
  const debug = process.env.SYSPREP_DOCTOR_DEBUG === '1' || process.env.SYSPREP_DOCTOR_DEBUG === 'true';
  const message = (error instanceof Error ? error.message : String(error)).replace(/[\x00-\x1f\x7f]+/g, ' ').trim();
  process.stderr.write(
    `sysprep-doctor: cannot start: ${message} — the installation looks broken; reinstall it (npm install -g sysprep-doctor, or npm ci && npm run build in a clone)` +
      (debug && error instanceof Error && error.stack ? `\n${error.stack}\n` : ' (SYSPREP_DOCTOR_DEBUG=1 shows the stack trace)\n'),
  );
  process.exitCode = 70;
}
