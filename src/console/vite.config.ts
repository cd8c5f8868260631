import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/** The console: a static single-page app served by the API at /console (src/api/mount-console.ts). */
export default defineConfig({
  root: here,
  base: '/console/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    // Without route chunks one 923 KB script held every page; now no chunk should come near this.
    chunkSizeWarningLimit: 300,
    rolldownOptions: {
      output: {
        // React, the router and the query cache change seldom and every page needs them: one
        // long-cached chunk, apart from the console's own code. Pages are split by their
        // import() in app.tsx. https://vite.dev/config/build-options (build.rolldownOptions)
        codeSplitting: {
          groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|cookie|set-cookie-parser|@tanstack)[\\/]/ }],
        },
      },
    },
  },
});
