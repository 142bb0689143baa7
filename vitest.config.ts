import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'parsers/**/*.test.ts', 'rules/**/*.test.ts', 'test/**/*.test.{ts,tsx}', 'bench/**/*.test.ts'],
    // CI=false: ink draws only the final frame under CI, and the TUI tests check every frame.
    env: { NO_COLOR: '1', TZ: 'UTC', LANG: 'C', CI: 'false', CONTINUOUS_INTEGRATION: 'false' },
    testTimeout: 30_000,
    pool: 'forks',
  },
});
