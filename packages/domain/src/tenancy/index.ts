export * from './roles.js';
export * from './context.js';
export * from './parse-command.js';
export * from './decision.js';
export * from './organisation/index.js';
export * from './system/index.js';
export * from './access/permission-table.js';
export * from './access/access.js';
