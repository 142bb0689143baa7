// Renders the fixture model on the real terminal, for trying the UI by hand:
//   npx tsc -p tsconfig.json && node dist/src/tui/demo.js [--follow]
// With --follow it behaves like `watch`: the model grows by one event every second.
import { pathToFileURL } from 'node:url';
import { fixtureModel } from './fixtures.js';
import type { TuiModel } from './model.js';
import { startTui } from './run-tui.js';

export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const full = fixtureModel();
  if (!argv.includes('--follow')) {
    await startTui(full).done;
    return;
  }
  let shown = 10;
  const at = (n: number): TuiModel => ({ ...full, events: full.events.slice(0, n), following: true, watching: ['C:\\Windows\\System32\\Sysprep\\Panther'] });
  const tui = startTui(at(shown));
  const timer = setInterval(() => {
    shown = Math.min(full.events.length, shown + 1);
    tui.update(at(shown));
  }, 1000);
  await tui.done.finally(() => clearInterval(timer));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 70;
  });
}
