import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'parsers/**/*.test.ts', 'rules/**/*.test.ts', 'test/**/*.test.{ts,tsx}', 'bench/**/*.test.ts'],
    env: { NO_COLOR: '1', TZ: 'UTC', LANG: 'C' },
    testTimeout: 30_000,
    pool: 'forks',
  },
});
