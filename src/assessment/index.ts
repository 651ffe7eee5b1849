export * from './profile-port.js';
export * from './factor.js';
export { channelPolicySchema, defaultChannelPolicy, decideChannel, channelRank, type ChannelPolicy, type ChannelDecision } from './channel-policy.js';
export { createHistoryIndex, historyFilingOf, type HistoryIndex, type HistoryFiling } from './history-index.js';
export { runAssessment, type AssessmentSubject, type AssessmentEnvironment, type AssessmentOutcome, type AssessmentVersions } from './assessment-engine.js';
export {
  screeningFactorSource,
  modelFactorSource,
  partnerFactorSource,
  dataQualityFactors,
  profileFactor,
  type ScreeningPort,
  type ScreeningMatch,
  type ModelPort,
  type ModelScore,
  type PartnerLookoutPort,
  type PartnerItem,
} from './factor-sources.js';
export type { AssessmentRecord, AssessmentTrigger } from './assessment-record.js';
export { fromAssessmentRow } from './assessment-record.js';
export type { AssessmentTables, AssessmentRow, AssessmentDb } from './assessment-tables.js';
export { assessmentMigrations } from './assessment-migrations.js';
export { listAssessmentRowsSince, getAssessmentRow, getAssessmentRowByFiling } from './assessment-repository.js';
export { createAssessmentService, type AssessmentService, type AssessmentServiceDeps, type Reproduction, type LabelledOutcome } from './assessment-service.js';
export { registerAssessmentRoutes } from './assessment-routes.js';
export { factorResponseSchema, markingResponseSchema } from './assessment-routes.js';
