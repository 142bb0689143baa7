// The command as shipped: the compiled modules (dist/src, by tsc) bundled into a few files, because
// Node loads ~100 small ES modules about 60 ms slower than one file; that is start-up every run pays.
// Dependencies stay in node_modules. The entries keep their names: sift.ts and fleet/pool.ts start
// their workers by file name beside themselves.
import { defineConfig } from 'rolldown';

export default defineConfig({
  input: {
    'sysprep-doctor': 'dist/src/bin.js',
    'sift-worker': 'dist/src/analyze/sift-worker.js',
    worker: 'dist/src/fleet/worker.js',
  },
  platform: 'node',
  external: (id) => !id.startsWith('.') && !id.startsWith('/'),
  output: { dir: 'dist/bundle', cleanDir: true, format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
});
