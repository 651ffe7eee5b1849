export * from './errors.js';
export * from './clock.js';
export * from './ids.js';
export * from './bus.js';
export * from './storage/database.js';
export * from './storage/migrations.js';
export * from './actor.js';
export * from './canonical-json.js';
