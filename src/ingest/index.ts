export * from './ingest-service.js';
export * from './record-sources.js';
export * from './csv-profile.js';
export * from './csv-profiles.js';
export { kcsProfile, KCS_COLUMNS, KCS_LABEL_COLUMNS } from './kcs-profile.js';
export { registerFilingRoutes } from './ingest-routes.js';
export { prepareNdjsonFile, type PreparedBatch, type PrepareFileOptions } from './prepare-pool.js';
