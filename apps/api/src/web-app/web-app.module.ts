import { Logger, Module } from '@nestjs/common';
import type { AppConfig } from '../config/config.schema.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import { WebAppRoutes } from './web-app.routes.js';
import { WEB_APP } from './web-app.tokens.js';
import { WebApp } from './web-app.js';

/** Loads the build in WEB_ROOT once; says so when there is none, since `/` then has no app. */
async function loadWebApp(config: AppConfig): Promise<WebApp | null> {
  const webApp = await WebApp.load(config.webRoot);
  if (webApp === null) {
    new Logger('WebApp').warn(
      `No web app build in WEB_ROOT (${config.webRoot}): / serves no app. ` +
        'Build it with `npm run build` at the repository root (`npm start` does), or set WEB_ROOT to a built app.',
    );
  }
  return webApp;
}

/** The single-page web app, served from WEB_ROOT beside the API (docs/api.md#the-web-app). */
@Module({
  providers: [{ provide: WEB_APP, inject: [APP_CONFIG], useFactory: loadWebApp }, WebAppRoutes],
  exports: [WEB_APP],
})
export class WebAppModule {}
