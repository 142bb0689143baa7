import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Whether a worker module beside `moduleUrl` (the caller's `import.meta.url`) is there to start: in the
 * built package, not when the TypeScript sources run (vitest).
 */
export function builtWorkerExists(moduleUrl: string, workerUrl: URL): boolean {
  return moduleUrl.endsWith('.js') && existsSync(fileURLToPath(workerUrl));
}
