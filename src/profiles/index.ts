// The profiles context's public surface. Other contexts import only from here.
export * from './profile-types.js';
export { compileCondition, printExpr, type CompiledCondition, type CompileResult } from './condition-compiler.js';
export { FIELDS, type FieldDef, type ValueType } from './condition-fields.js';
export { FUNCTIONS } from './condition-checker.js';
export { compileProfile, compileDefinition, compileStoredProfile, validateDefinitionInput, type CompiledProfile, type ProfileCompileResult } from './profile-compiler.js';
export { profileDefinitionSchema, parseDefinition, type ProfileDefinitionInput, type DefinitionProblem } from './profile-definition.js';
export { buildProfileSet, profileSetVersion, type ActiveProfileSetWithStats, type ProfileSetStats } from './profile-set.js';
export { generateBenchmarkProfiles, generateBenchmarkDefinitions, generateBenchmarkFilings, seededRandom } from './benchmark-profiles.js';
export { profilesMigrations } from './profiles-migrations.js';
export type { ProfilesTables, ProfileRow, ProfileVersionRow, ProfileOutcomeDayRow } from './profiles-tables.js';
export { recordProfileOutcome, getProfileStats, type ProfileOutcome, type ProfileStats, type OutcomeCounts } from './profile-repository.js';
export { runBacktest, type BacktestReport, type BacktestOptions } from './profile-backtest.js';
export {
  createProfileService,
  MAX_BACKTEST_DAYS,
  type ProfileService,
  type ProfileServiceDeps,
  type ProfileView,
  type ProfileVersionView,
  type ProfileSummary,
  type BacktestRequest,
  type ProfileAuditEntry,
} from './profile-service.js';
export { parseProfilesYaml, profilesToYaml, type YamlProfileEntry, type ExportedProfile } from './profile-yaml.js';
export { registerProfileRoutes } from './profiles-routes.js';
