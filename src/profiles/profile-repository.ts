// Persistence of profiles, their versions and hit statistics. Functions take an executor so
// the service decides transaction boundaries. Same code on SQLite and PostgreSQL.
import { sql } from 'kysely';
import type { Executor } from '../platform/index.js';
import { profileDefinitionSchema } from './profile-definition.js';
import { PROFILE_STATUSES, type ProfileDefinition, type ProfileStatus } from './profile-types.js';
import type { ProfileOutcomeDayRow, ProfileRow, ProfilesTables, ProfileVersionRow } from './profiles-tables.js';

type Db = Executor<ProfilesTables>;

export function parseStatus(s: string): ProfileStatus {
  const found = PROFILE_STATUSES.find((x) => x === s);
  if (!found) throw new Error(`unknown profile status in storage: ${s}`);
  return found;
}

export function parseStoredDefinition(text: string): ProfileDefinition {
  return profileDefinitionSchema.parse(JSON.parse(text));
}

export async function getProfileRow(db: Db, id: string): Promise<ProfileRow | undefined> {
  return db.selectFrom('profile').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listProfileRows(db: Db): Promise<ProfileRow[]> {
  return db.selectFrom('profile').selectAll().orderBy('id').execute();
}

export async function getVersionRow(db: Db, id: string, version: number): Promise<ProfileVersionRow | undefined> {
  return db.selectFrom('profile_version').selectAll().where('profile_id', '=', id).where('version', '=', version).executeTakeFirst();
}

export async function listVersionRowsOf(db: Db, id: string): Promise<ProfileVersionRow[]> {
  return db.selectFrom('profile_version').selectAll().where('profile_id', '=', id).orderBy('version').execute();
}

export async function listVersionRowsByStatus(db: Db, status: ProfileStatus): Promise<ProfileVersionRow[]> {
  return db.selectFrom('profile_version').selectAll().where('status', '=', status).orderBy('profile_id').orderBy('version').execute();
}

export async function latestVersionRows(db: Db): Promise<ProfileVersionRow[]> {
  return db
    .selectFrom('profile_version')
    .innerJoin('profile', (j) => j.onRef('profile.id', '=', 'profile_version.profile_id').onRef('profile.latest_version', '=', 'profile_version.version'))
    .selectAll('profile_version')
    .orderBy('profile_version.profile_id')
    .execute();
}

export async function insertProfile(db: Db, row: ProfileRow): Promise<void> {
  await db.insertInto('profile').values(row).execute();
}

export async function insertVersion(db: Db, row: ProfileVersionRow): Promise<void> {
  await db.insertInto('profile_version').values(row).execute();
}

/**
 * Moves a version from one status to another only if it is still in the expected status, so
 * two concurrent approvals or activations cannot both win. Returns whether this call won.
 */
export async function transitionVersion(
  db: Db,
  id: string,
  version: number,
  from: ProfileStatus,
  set: Partial<Pick<ProfileVersionRow, 'status' | 'approved_by' | 'approved_at' | 'activated_by' | 'activated_at' | 'retired_by' | 'retired_at' | 'updated_at'>>,
): Promise<boolean> {
  const r = await db
    .updateTable('profile_version')
    .set(set)
    .where('profile_id', '=', id)
    .where('version', '=', version)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function updateDraftRow(
  db: Db,
  id: string,
  version: number,
  set: Pick<ProfileVersionRow, 'definition' | 'threat' | 'last_editor_id' | 'updated_at'>,
): Promise<boolean> {
  const r = await db
    .updateTable('profile_version')
    .set(set)
    .where('profile_id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function updateProfileRow(db: Db, id: string, set: Partial<Omit<ProfileRow, 'id'>>): Promise<void> {
  await db.updateTable('profile').set(set).where('id', '=', id).execute();
}

export async function addRuntimeError(db: Db, id: string, version: number, message: string, at: string): Promise<void> {
  await db
    .updateTable('profile_version')
    .set((eb) => ({
      runtime_errors: eb('runtime_errors', '+', 1),
      last_runtime_error: message.slice(0, 1000),
      last_runtime_error_at: at,
    }))
    .where('profile_id', '=', id)
    .where('version', '=', version)
    .execute();
}

export async function clearRuntimeErrors(db: Db, id: string): Promise<void> {
  await db
    .updateTable('profile_version')
    .set({ runtime_errors: 0, last_runtime_error: null, last_runtime_error_at: null })
    .where('profile_id', '=', id)
    .execute();
}

// region hit statistics

export interface ProfileOutcome {
  /** When the outcome happened (the day it is counted on, UTC). */
  date: Date | string;
  selected: boolean;
  inspected: boolean;
  finding: boolean;
}

/** Adds one referral's outcome to a profile version's daily counters (an upsert, both engines). */
export async function recordProfileOutcome(db: Db, profileId: string, version: number, outcome: ProfileOutcome): Promise<void> {
  const day = new Date(outcome.date).toISOString().slice(0, 10);
  const row: ProfileOutcomeDayRow = {
    profile_id: profileId,
    version,
    day,
    selected: outcome.selected ? 1 : 0,
    inspected: outcome.inspected ? 1 : 0,
    findings: outcome.finding ? 1 : 0,
  };
  await db
    .insertInto('profile_outcome_day')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['profile_id', 'version', 'day']).doUpdateSet({
        selected: sql<number>`profile_outcome_day.selected + excluded.selected`,
        inspected: sql<number>`profile_outcome_day.inspected + excluded.inspected`,
        findings: sql<number>`profile_outcome_day.findings + excluded.findings`,
      }),
    )
    .execute();
}

export interface OutcomeCounts {
  selected: number;
  inspected: number;
  findings: number;
  /** findings / inspected; null before any inspection. */
  findingRate: number | null;
}

export interface ProfileStats extends OutcomeCounts {
  profileId: string;
  versions: Array<OutcomeCounts & { version: number }>;
  perDay: Array<OutcomeCounts & { day: string }>;
  /** ISO weeks, e.g. 2026-W48. */
  perWeek: Array<OutcomeCounts & { week: string }>;
}

function counts(rows: Array<Pick<ProfileOutcomeDayRow, 'selected' | 'inspected' | 'findings'>>): OutcomeCounts {
  let selected = 0;
  let inspected = 0;
  let findings = 0;
  for (const r of rows) {
    selected += Number(r.selected);
    inspected += Number(r.inspected);
    findings += Number(r.findings);
  }
  return { selected, inspected, findings, findingRate: inspected > 0 ? findings / inspected : null };
}

export function isoWeek(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const weekday = d.getUTCDay() || 7; // Monday = 1 … Sunday = 7
  d.setUTCDate(d.getUTCDate() + 4 - weekday); // the Thursday of this week decides the year
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

function groupBy<K extends string | number>(rows: ProfileOutcomeDayRow[], key: (r: ProfileOutcomeDayRow) => K): Map<K, ProfileOutcomeDayRow[]> {
  const out = new Map<K, ProfileOutcomeDayRow[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

export async function getProfileStats(db: Db, profileId: string): Promise<ProfileStats> {
  const rows = await db.selectFrom('profile_outcome_day').selectAll().where('profile_id', '=', profileId).orderBy('day').execute();
  return {
    profileId,
    ...counts(rows),
    versions: [...groupBy(rows, (r) => r.version)].sort((a, b) => a[0] - b[0]).map(([version, rs]) => ({ version, ...counts(rs) })),
    perDay: [...groupBy(rows, (r) => r.day)].map(([day, rs]) => ({ day, ...counts(rs) })),
    perWeek: [...groupBy(rows, (r) => isoWeek(r.day))].map(([week, rs]) => ({ week, ...counts(rs) })),
  };
}

// endregion
