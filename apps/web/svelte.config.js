import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * A single-page app: every route renders in the browser from `index.html`
 * (the fallback page), which the API process serves for every app path.
 */
/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', strict: true }),
    // The API serves the app from the same origin; nothing is prerendered.
    prerender: { entries: [] },
    // The fallback page answers every app path (`/models/<id>` too): asset paths must be absolute.
    paths: { relative: false },
    version: { pollInterval: 0 },
  },
};

export default config;
