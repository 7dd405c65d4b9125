import { fileURLToPath } from 'node:url';

/**
 * Settings for a server without a build of the web app, whatever apps/web/build
 * holds on this machine: WEB_ROOT names a folder that is never created.
 */
export const WITHOUT_WEB_BUILD: Readonly<Record<string, string>> = {
  WEB_ROOT: fileURLToPath(new URL('./no-web-build', import.meta.url)),
};
