/** Injection token of the built web app: a WebApp, or null when WEB_ROOT holds no build. */
export const WEB_APP = Symbol('WEB_APP');
