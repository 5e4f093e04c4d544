import { defineConfig } from 'vite';

// The web UI. `npm run build:ui` (vite build ui) writes ui/dist, which the API process serves
// (api/ui.ts). `npm run dev:ui` serves it with hot reload and proxies /api to `sluice dev`'s
// default port 8580.
// eslint-disable-next-line no-restricted-syntax -- Vite reads its config from the default export.
export default defineConfig({
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2_500, sourcemap: true },
  worker: { format: 'es' },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8580' },
    // domain/ lives outside the Vite root.
    fs: { allow: ['..'] },
  },
});
