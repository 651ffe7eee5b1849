// The records context's light surface: validation and preparation of filings, with nothing that
// touches storage. A worker thread loads this instead of index.ts (which brings the database
// drivers and the query builder) and so starts several times faster.
export { validateFiling, type FieldProblem, type DataQualityWarning, type FilingValidation } from './filing-validation.js';
export { prepareFiling, decisionDeadline, type PreparedFiling, type ValidFiling } from './filing-preparation.js';
export { partyKey } from './party-key.js';
