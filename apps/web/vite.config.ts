import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

/** Where `vite dev` forwards API calls: the API process of `npm start`. */
const apiOrigin = process.env['THREATLOOM_API_ORIGIN'] ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [sveltekit()],
  server: {
    proxy: {
      '/graphql': { target: apiOrigin, ws: true },
      '/collab': { target: apiOrigin, ws: true },
      '/auth': apiOrigin,
    },
  },
  worker: { format: 'es' },
});
