export * from './targeting-tables.js';
export { targetingMigrations } from './targeting-migrations.js';
export {
  REFERRAL_STATUSES,
  INSPECTION_TYPES,
  referralActionSchema,
  inspectionResultSchema,
  findingSchema,
  type Referral,
  type ReferralStatus,
  type ReferralActionInput,
  type ReferralActionEntry,
  type Inspection,
  type InspectionType,
  type InspectionResultInput,
  type Finding,
} from './referral.js';
export { controlDraw, isRandomControl } from './random-control.js';
export type { LabelledOutcome } from './inspection-ops.js';
export { createTargetingService, type TargetingService, type TargetingServiceDeps, type ProfileOutcome } from './targeting-service.js';
export { registerTargetingRoutes } from './targeting-routes.js';
