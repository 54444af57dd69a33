// Vite build of the online web application (src/web → dist/web). The Fastify server serves
// dist/web; in development `npm run dev:web` proxies /api to the server on port 3000.
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { precompress } from './vite.precompress.ts';

export default defineConfig({
  root: fileURLToPath(new URL('./src/web', import.meta.url)),
  plugins: [react(), precompress()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    sourcemap: false,
    // React in a chunk of its own (issue 17, lean pages): it changes with the dependencies, not
    // with every release of the app, so browsers keep it cached (hashed name, immutable).
    rolldownOptions: {
      output: { codeSplitting: { groups: [{ name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/ }] } },
    },
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
