import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Built into dist/, which the src/Silo build copies into the silo's wwwroot (docs/console.md). `npm run dev` serves the
// console with hot reload and sends the API paths to a silo on 127.0.0.1:5080.
const api = process.env.CAREGRID_API ?? 'http://127.0.0.1:5080';

export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // GraphiQL (with its editor) is a large chunk loaded only on /graphiql; the first-load budget is checked by
    // scripts/report-size.mjs instead.
    chunkSizeWarningLimit: 4000,
    rollupOptions: {
      onwarn(warning, warn) {
        // GraphiQL's React-compiler directives ("use no memo") are dropped by bundling, harmlessly.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  // GraphiQL's editor workers are imported with `?worker`, which dependency pre-bundling cannot load: serve them as they
  // are in `npm run dev` (the production build bundles them normally).
  optimizeDeps: { exclude: ['graphiql', '@graphiql/react'] },
  server: { proxy: { '/graphql': api, '/t/': api, '/health': api } },
});
