export * from './filing.schema.js';
export * from './identifier-validators.js';
export * from './filing-validation.js';
export * from './records-tables.js';
export * from './records-migrations.js';
export * from './party-key.js';
export * from './stored-filing.js';
export { prepareFiling, decisionDeadline, type PreparedFiling, type ValidFiling } from './filing-preparation.js';
export { storeFilings, storePreparedFilings, type StoredOutcome, type StoreRejection, type StoreStatus } from './filing-store.js';
export {
  getFilingRow,
  getFilingRows,
  listFilingRows,
  listVersionRows,
  countFilings,
  sqliteRowSink,
  type RowSink,
  type FilingListQuery,
} from './filing-repository.js';
export { createFilingQueryService, type FilingQueryService, type FilingSummary, type RecordReadAudit } from './filing-query-service.js';
