// A single-page app: pages render in the browser and talk to the API of the
// same origin; there is no server rendering.
export const ssr = false;
export const prerender = false;
