// Public surface of the screening context: list import, the name index and matcher, review
// decisions and the service that assessment calls per filing.
export * from './watchlist-entry.js';
export { analyseName, foldText, nameProblem, MAX_NAME_LENGTH, type AnalysedName, type NameMode, type TokenKind } from './name-analyzer.js';
export { phoneticKey } from './phonetic-key.js';
export { countryCodeOf } from './country-names.js';
export { parseOfacDirectory, parseOfacCsv, parseRemarks } from './ofac-parser.js';
export { parseUnXml } from './un-parser.js';
export { parseFtmLines } from './ftm-parser.js';
export { parseLookout, parseLookoutFile, lookoutToEntry, lookoutInputSchema, type Lookout, type LookoutInput } from './lookout-parser.js';
export { loadListSource, LIST_KINDS } from './list-source.js';
export { NameIndex, analyseEntries, type AnalysedNames } from './name-index.js';
export {
  screenQuery,
  compareNames,
  PRODUCTION_THRESHOLD,
  type ScreeningQuery,
  type ScreeningHit,
  type Explanation,
  type ScreenOptions,
} from './screening-engine.js';
export type { Feature } from './screening-qualifiers.js';
export { buildIndex, writeIndexDir, readIndexDir, INDEX_FORMAT, type BuiltIndex, type IndexManifest } from './index-store.js';
export { listVersion, diffList, type ListDelta } from './list-version.js';
export { screeningMigrations } from './screening-migrations.js';
export type { ScreeningTables } from './screening-tables.js';
export {
  importList,
  loadStoredEntries,
  loadReviews,
  saveReview,
  REVIEW_DECISIONS,
  type ImportResult,
  type ReviewDecision,
  type ReviewRecord,
} from './screening-repository.js';
export {
  createScreeningService,
  type ScreeningService,
  type PartyScreeningHit,
  type ReviewInput,
  type ScreeningStatus,
} from './screening-service.js';
export { demoWatchlistSample, demoPlantedConsignee, type PlantedConsignee } from './demo-watchlist.js';
export { registerScreeningRoutes } from './screening-routes.js';
