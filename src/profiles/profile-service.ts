// Use cases of the profiles context: drafting, approval (never by the author), activation,
// retirement, validation for a live editor, the active set for assessment, runtime-error flags
// and hit statistics. Every use case takes the actor first; roles are checked here.
import type { Kysely } from 'kysely';
import { actorLabel, canonicalJson, conflict, forbidden, hasRole, notFound, validationFailed, ROLES, type Actor, type Clock } from '../platform/index.js';
import { compileCondition } from './condition-compiler.js';
import { compileStoredProfile, validateDefinitionInput, type CompiledProfile } from './profile-compiler.js';
import { PROFILE_ID_RE } from './profile-definition.js';
import { buildProfileSet, type ActiveProfileSetWithStats } from './profile-set.js';
import * as repo from './profile-repository.js';
import type { ProfileOutcome, ProfileStats } from './profile-repository.js';
import type { ConditionProblem, ProfileDefinition, ProfileRuntimeError, ProfileStatus } from './profile-types.js';
import type { ProfileRow, ProfilesTables, ProfileVersionRow } from './profiles-tables.js';
import type { RecordsTables } from '../records/index.js';
import { runBacktest, type BacktestReport } from './profile-backtest.js';
import type { InspectionLookup } from './profile-types.js';
import { parseProfilesYaml, profilesToYaml, type ExportedProfile } from './profile-yaml.js';

export interface ProfileAuditEntry {
  action: string;
  targetType: 'profile';
  targetId: string;
  details?: Record<string, unknown>;
}

export interface ProfileServiceDeps {
  db: Kysely<ProfilesTables>;
  clock: Clock;
  /** Appends to the node's audit log (the composition root wires the access context's appender). */
  audit?: (actor: Actor, entry: ProfileAuditEntry) => Promise<void>;
  /** The node's stored filings, for backtests (usually the same database handle as `db`). */
  filings?: Kysely<RecordsTables>;
  /** Inspection results of stored filings (the targeting context); without it, labels carried by filings are used. */
  inspections?: InspectionLookup;
}

export interface BacktestRequest {
  days: number;
  version?: number;
  inspections?: InspectionLookup;
}

export const MAX_BACKTEST_DAYS = 730;

export interface ProfileVersionView {
  version: number;
  status: ProfileStatus;
  definition: ProfileDefinition;
  authorId: string;
  author: string;
  createdAt: string;
  updatedAt: string;
  approvedBy: string | null;
  approvedAt: string | null;
  activatedBy: string | null;
  activatedAt: string | null;
  retiredBy: string | null;
  retiredAt: string | null;
  runtimeErrors: number;
  lastRuntimeError: string | null;
  lastRuntimeErrorAt: string | null;
}

export interface ProfileView {
  id: string;
  name: string;
  ownerAgency: string;
  createdAt: string;
  updatedAt: string;
  latestVersion: number;
  activeVersion: number | null;
  /** Some version raised runtime errors: the author should look at it. */
  flagged: boolean;
  versions: ProfileVersionView[];
}

export interface ProfileSummary {
  id: string;
  name: string;
  ownerAgency: string;
  threat: string;
  latestVersion: number;
  latestStatus: ProfileStatus;
  activeVersion: number | null;
  runtimeErrors: number;
  author: string;
  updatedAt: string;
}

const AUTHORS = ['targeter', 'analyst', 'supervisor'] as const;

function versionView(r: ProfileVersionRow): ProfileVersionView {
  return {
    version: r.version,
    status: repo.parseStatus(r.status),
    definition: repo.parseStoredDefinition(r.definition),
    authorId: r.author_id,
    author: r.author_label,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    approvedBy: r.approved_by,
    approvedAt: r.approved_at,
    activatedBy: r.activated_by,
    activatedAt: r.activated_at,
    retiredBy: r.retired_by,
    retiredAt: r.retired_at,
    runtimeErrors: Number(r.runtime_errors),
    lastRuntimeError: r.last_runtime_error,
    lastRuntimeErrorAt: r.last_runtime_error_at,
  };
}

export function slugify(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  return s.length >= 3 ? s : `profile-${s || 'x'}`;
}

export function createProfileService(deps: ProfileServiceDeps) {
  const { db, clock } = deps;
  const compiledCache = new Map<string, CompiledProfile>();
  const audit = async (actor: Actor, action: string, id: string, details?: Record<string, unknown>) => {
    if (deps.audit) await deps.audit(actor, { action, targetType: 'profile', targetId: id, ...(details ? { details } : {}) });
  };

  function requireRead(actor: Actor): void {
    if (!hasRole(actor, ...ROLES)) throw forbidden('your role does not allow reading risk profiles');
  }
  function requireAuthor(actor: Actor): void {
    if (!hasRole(actor, ...AUTHORS)) throw forbidden('only targeters, analysts and supervisors can write or test risk profiles');
  }
  function requireSupervisor(actor: Actor, what: string): void {
    if (!hasRole(actor, 'supervisor')) throw forbidden(`only a supervisor can ${what} a risk profile`);
  }
  function checked(input: unknown): ProfileDefinition {
    const v = validateDefinitionInput(input);
    if (!v.ok) throw validationFailed('the profile is not valid', { problems: v.problems });
    return v.definition;
  }
  async function profileRow(id: string): Promise<ProfileRow> {
    const row = await repo.getProfileRow(db, id);
    if (!row) throw notFound('profile', id);
    return row;
  }
  async function versionRow(id: string, version: number | undefined): Promise<ProfileVersionRow> {
    const p = await profileRow(id);
    const v = await repo.getVersionRow(db, id, version ?? p.latest_version);
    if (!v) throw notFound('profile version', `${id} v${version ?? p.latest_version}`);
    return v;
  }

  async function get(actor: Actor, id: string): Promise<ProfileView> {
    requireRead(actor);
    const p = await profileRow(id);
    const versions = (await repo.listVersionRowsOf(db, id)).map(versionView);
    return {
      id: p.id,
      name: p.name,
      ownerAgency: p.owner_agency,
      createdAt: p.created_at,
      updatedAt: p.updated_at,
      latestVersion: p.latest_version,
      activeVersion: p.active_version,
      flagged: versions.some((v) => v.runtimeErrors > 0),
      versions,
    };
  }

  async function list(actor: Actor, filter: { status?: ProfileStatus } = {}): Promise<ProfileSummary[]> {
    requireRead(actor);
    const profiles = new Map((await repo.listProfileRows(db)).map((p) => [p.id, p]));
    const rows = filter.status === undefined ? await repo.latestVersionRows(db) : await repo.listVersionRowsByStatus(db, filter.status);
    return rows.flatMap((r) => {
      const p = profiles.get(r.profile_id);
      if (!p) return [];
      return [
        {
          id: p.id,
          name: p.name,
          ownerAgency: p.owner_agency,
          threat: r.threat,
          latestVersion: p.latest_version,
          latestStatus: repo.parseStatus(r.status),
          activeVersion: p.active_version,
          runtimeErrors: Number(r.runtime_errors),
          author: r.author_label,
          updatedAt: r.updated_at,
        },
      ];
    });
  }

  async function createDraft(actor: Actor, input: { id?: string; definition: unknown }): Promise<ProfileView> {
    requireAuthor(actor);
    const definition = checked(input.definition);
    const id = input.id ?? slugify(definition.name);
    if (!PROFILE_ID_RE.test(id)) throw validationFailed('profile id must be 3–64 lower-case letters, digits or dashes', { id });
    const now = clock.now().toISOString();
    await db.transaction().execute(async (tx) => {
      if (await repo.getProfileRow(tx, id)) throw conflict('PROFILE_EXISTS', `a profile with id ${id} already exists`, { id });
      await repo.insertProfile(tx, {
        id,
        name: definition.name,
        owner_agency: definition.ownerAgency,
        created_by: actorLabel(actor),
        created_at: now,
        updated_at: now,
        latest_version: 1,
        active_version: null,
      });
      await repo.insertVersion(tx, newVersionRow(actor, id, 1, definition, now));
    });
    await audit(actor, 'profile.create', id, { version: 1 });
    return get(actor, id);
  }

  function newVersionRow(actor: Actor, id: string, version: number, definition: ProfileDefinition, now: string): ProfileVersionRow {
    return {
      profile_id: id,
      version,
      status: 'draft',
      definition: JSON.stringify(definition),
      threat: definition.threat,
      author_id: actor.id,
      author_label: actorLabel(actor),
      last_editor_id: actor.id,
      created_at: now,
      updated_at: now,
      approved_by: null,
      approved_at: null,
      activated_by: null,
      activated_at: null,
      retired_by: null,
      retired_at: null,
      runtime_errors: 0,
      last_runtime_error: null,
      last_runtime_error_at: null,
    };
  }

  /** Edits the draft in place, or starts a new draft version when the latest is no longer a draft. */
  async function updateDraft(actor: Actor, id: string, input: { definition: unknown }): Promise<ProfileView> {
    requireAuthor(actor);
    const definition = checked(input.definition);
    const now = clock.now().toISOString();
    const version = await db.transaction().execute(async (tx) => {
      const p = await repo.getProfileRow(tx, id);
      if (!p) throw notFound('profile', id);
      const latest = await repo.getVersionRow(tx, id, p.latest_version);
      if (latest?.status === 'draft') {
        const ok = await repo.updateDraftRow(tx, id, p.latest_version, {
          definition: JSON.stringify(definition),
          threat: definition.threat,
          last_editor_id: actor.id,
          updated_at: now,
        });
        if (!ok) throw conflict('PROFILE_CHANGED', `profile ${id} changed meanwhile; reload and retry`);
        await repo.updateProfileRow(tx, id, { name: definition.name, owner_agency: definition.ownerAgency, updated_at: now });
        return p.latest_version;
      }
      const next = p.latest_version + 1;
      await repo.insertVersion(tx, newVersionRow(actor, id, next, definition, now));
      await repo.updateProfileRow(tx, id, { latest_version: next, name: definition.name, owner_agency: definition.ownerAgency, updated_at: now });
      return next;
    });
    await audit(actor, 'profile.edit', id, { version });
    return get(actor, id);
  }

  async function approve(actor: Actor, id: string, version?: number): Promise<ProfileView> {
    requireSupervisor(actor, 'approve');
    const v = await versionRow(id, version);
    if (v.author_id === actor.id || v.last_editor_id === actor.id) {
      throw forbidden('a profile must be approved by a supervisor who did not write it', { id, version: v.version });
    }
    if (v.status !== 'draft') throw conflict('PROFILE_NOT_DRAFT', `profile ${id} v${v.version} is ${v.status}, not a draft`);
    checked(repo.parseStoredDefinition(v.definition)); // the schema of fields may have changed since it was saved
    const now = clock.now().toISOString();
    const won = await repo.transitionVersion(db, id, v.version, 'draft', { status: 'approved', approved_by: actorLabel(actor), approved_at: now, updated_at: now });
    if (!won) throw conflict('PROFILE_CHANGED', `profile ${id} v${v.version} changed meanwhile; reload and retry`);
    await audit(actor, 'profile.approve', id, { version: v.version });
    return get(actor, id);
  }

  /** Puts an approved version into force; the version active before it is retired. */
  async function activate(actor: Actor, id: string, version?: number): Promise<ProfileView> {
    requireSupervisor(actor, 'activate');
    const p = await profileRow(id);
    const target = version ?? (await repo.listVersionRowsOf(db, id)).filter((r) => r.status === 'approved').at(-1)?.version;
    if (target === undefined) throw conflict('PROFILE_NOT_APPROVED', `profile ${id} has no approved version to activate`);
    const now = clock.now().toISOString();
    const label = actorLabel(actor);
    await db.transaction().execute(async (tx) => {
      const won = await repo.transitionVersion(tx, id, target, 'approved', { status: 'active', activated_by: label, activated_at: now, updated_at: now });
      if (!won) throw conflict('PROFILE_NOT_APPROVED', `profile ${id} v${target} is not approved (or was activated meanwhile)`);
      if (p.active_version !== null && p.active_version !== target) {
        await repo.transitionVersion(tx, id, p.active_version, 'active', { status: 'retired', retired_by: label, retired_at: now, updated_at: now });
      }
      await repo.updateProfileRow(tx, id, { active_version: target, updated_at: now });
    });
    await audit(actor, 'profile.activate', id, { version: target, replaced: p.active_version });
    return get(actor, id);
  }

  /** Takes the active version out of force (or discards a draft or approved version). */
  async function retire(actor: Actor, id: string, version?: number): Promise<ProfileView> {
    requireSupervisor(actor, 'retire');
    const p = await profileRow(id);
    const target = version ?? p.active_version ?? p.latest_version;
    const v = await versionRow(id, target);
    const status = repo.parseStatus(v.status);
    if (status === 'retired') throw conflict('PROFILE_RETIRED', `profile ${id} v${target} is already retired`);
    const now = clock.now().toISOString();
    await db.transaction().execute(async (tx) => {
      const won = await repo.transitionVersion(tx, id, target, status, { status: 'retired', retired_by: actorLabel(actor), retired_at: now, updated_at: now });
      if (!won) throw conflict('PROFILE_CHANGED', `profile ${id} v${target} changed meanwhile; reload and retry`);
      if (p.active_version === target) await repo.updateProfileRow(tx, id, { active_version: null, updated_at: now });
    });
    await audit(actor, 'profile.retire', id, { version: target });
    return get(actor, id);
  }

  async function activeProfiles(now: Date): Promise<CompiledProfile[]> {
    const rows = await repo.listVersionRowsByStatus(db, 'active');
    const out: CompiledProfile[] = [];
    for (const r of rows) {
      const key = `${r.profile_id}@${r.version}`;
      let compiled = compiledCache.get(key);
      if (!compiled) {
        compiled = compileStoredProfile(r.profile_id, r.version, repo.parseStoredDefinition(r.definition));
        compiledCache.set(key, compiled);
      }
      const t = now.getTime();
      if ((compiled.validFromMs !== null && t < compiled.validFromMs) || (compiled.validToMs !== null && t >= compiled.validToMs)) continue;
      out.push(compiled);
    }
    return out;
  }

  /** The set assessment runs: active versions valid at `now`. */
  async function loadActiveSet(now: Date): Promise<ActiveProfileSetWithStats> {
    return buildProfileSet(await activeProfiles(now));
  }

  /** Called by assessment when a profile throws: counted on the version, shown to the author. */
  async function flagRuntimeError(error: ProfileRuntimeError, filingId?: string): Promise<void> {
    const message = filingId ? `${error.message} (filing ${filingId})` : error.message;
    await repo.addRuntimeError(db, error.profileId, error.profileVersion, message, clock.now().toISOString());
  }

  async function clearRuntimeFlag(actor: Actor, id: string): Promise<void> {
    requireAuthor(actor);
    await profileRow(id);
    await repo.clearRuntimeErrors(db, id);
    await audit(actor, 'profile.clear-errors', id);
  }

  async function stats(actor: Actor, id: string): Promise<ProfileStats> {
    requireRead(actor);
    await profileRow(id);
    return repo.getProfileStats(db, id);
  }

  async function backtestCompiled(actor: Actor, profile: CompiledProfile, req: BacktestRequest): Promise<BacktestReport> {
    requireAuthor(actor);
    if (!deps.filings) throw new Error('backtests need the filings database (ProfileServiceDeps.filings)');
    if (!Number.isInteger(req.days) || req.days < 1 || req.days > MAX_BACKTEST_DAYS) {
      throw validationFailed(`days must be a whole number from 1 to ${MAX_BACKTEST_DAYS}`, { days: req.days });
    }
    const inspections = req.inspections ?? deps.inspections;
    return runBacktest(deps.filings, profile, { days: req.days, now: clock.now(), ...(inspections ? { inspections } : {}) });
  }

  /** Replays the last N days of stored filings through a stored version (default: the latest). */
  async function backtest(actor: Actor, id: string, req: BacktestRequest): Promise<BacktestReport> {
    requireAuthor(actor);
    const v = await versionRow(id, req.version);
    return backtestCompiled(actor, compileStoredProfile(id, v.version, repo.parseStoredDefinition(v.definition)), req);
  }

  /** The same for a definition not saved yet (the editor's "try it" button). */
  async function backtestDefinition(actor: Actor, definition: unknown, req: BacktestRequest): Promise<BacktestReport> {
    requireAuthor(actor);
    return backtestCompiled(actor, compileStoredProfile('unsaved', 0, checked(definition)), req);
  }

  /** Every profile of the file enters as a draft (a new version when the id exists and the content differs). */
  async function importYaml(actor: Actor, text: string): Promise<{ created: string[]; updated: string[]; unchanged: string[] }> {
    requireAuthor(actor);
    const entries = parseProfilesYaml(text);
    const result = { created: [] as string[], updated: [] as string[], unchanged: [] as string[] };
    for (const e of entries) {
      const id = e.id ?? slugify(e.definition.name);
      const existing = await repo.getProfileRow(db, id);
      if (!existing) {
        await createDraft(actor, { id, definition: e.definition });
        result.created.push(id);
        continue;
      }
      const latest = await repo.getVersionRow(db, id, existing.latest_version);
      if (latest && canonicalJson(repo.parseStoredDefinition(latest.definition)) === canonicalJson(e.definition)) {
        result.unchanged.push(id);
        continue;
      }
      await updateDraft(actor, id, { definition: e.definition });
      result.updated.push(id);
    }
    return result;
  }

  /** `active`: the versions in force; `latest`: each profile's newest version, whatever its status. */
  async function exportYaml(actor: Actor, which: 'active' | 'latest' = 'latest'): Promise<string> {
    requireRead(actor);
    const rows = which === 'active' ? await repo.listVersionRowsByStatus(db, 'active') : await repo.latestVersionRows(db);
    const profiles: ExportedProfile[] = rows.map((r) => ({
      id: r.profile_id,
      version: r.version,
      status: repo.parseStatus(r.status),
      author: r.author_label,
      definition: repo.parseStoredDefinition(r.definition),
    }));
    return profilesToYaml(profiles, `Tandem risk profiles (${which}), exported ${clock.now().toISOString()}`);
  }

  return {
    get,
    list,
    importYaml,
    exportYaml,
    backtest,
    backtestDefinition,
    createDraft,
    updateDraft,
    approve,
    activate,
    retire,
    loadActiveSet,
    activeProfiles,
    flagRuntimeError,
    clearRuntimeFlag,
    stats,
    /** Draft or full-definition check for the live editor; no actor needed, nothing stored. */
    validate: (input: unknown) => validateDefinitionInput(input),
    validateCondition: (source: string): ConditionProblem[] => {
      const r = compileCondition(source);
      return r.ok ? [] : r.problems;
    },
    recordProfileOutcome: (profileId: string, version: number, outcome: ProfileOutcome) => repo.recordProfileOutcome(db, profileId, version, outcome),
    getProfileStats: (profileId: string) => repo.getProfileStats(db, profileId),
  };
}

export type ProfileService = ReturnType<typeof createProfileService>;
