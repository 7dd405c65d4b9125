/** Injection token of the opened DatabaseService (created asynchronously at start). */
export const DATABASE = Symbol('DATABASE');
