/** Injection token of the AppConfig object (an interface has no runtime class to inject by). */
export const APP_CONFIG = Symbol('APP_CONFIG');
