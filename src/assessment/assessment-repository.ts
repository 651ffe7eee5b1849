// Persistence of assessments. Functions take an executor so the service owns the transaction.
import type { Executor } from '../platform/index.js';
import type { AssessmentDb, AssessmentRow } from './assessment-tables.js';
import type { ProfileRuntimeError } from './profile-port.js';

type Db = Executor<AssessmentDb>;

/** Inserts unless the filing already has one; returns whether this call inserted it. */
export async function insertAssessment(db: Db, row: AssessmentRow): Promise<boolean> {
  const res = await db
    .insertInto('assessment')
    .values(row)
    .onConflict((oc) => oc.column('filing_id').doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function getAssessmentRow(db: Db, id: string): Promise<AssessmentRow | undefined> {
  return db.selectFrom('assessment').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function getAssessmentRowByFiling(db: Db, filingId: string): Promise<AssessmentRow | undefined> {
  return db.selectFrom('assessment').selectAll().where('filing_id', '=', filingId).executeTakeFirst();
}

export async function listAssessmentRowsByReference(db: Db, filerId: string, reference: string): Promise<AssessmentRow[]> {
  return db
    .selectFrom('assessment')
    .selectAll()
    .where('filer_id', '=', filerId)
    .where('reference', '=', reference)
    .orderBy('filing_version', 'asc')
    .execute();
}

/** Assessments at or after a moment, oldest first (targeting's catch-up sweep reads these). */
export async function listAssessmentRowsSince(db: Db, since: string, limit: number, afterId?: string): Promise<AssessmentRow[]> {
  let q = db.selectFrom('assessment').selectAll().where('assessed_at', '>=', since);
  if (afterId) q = q.where('id', '>', afterId);
  return q.orderBy('id', 'asc').limit(limit).execute();
}

/** Ids of stored filings that have no assessment yet, oldest first. */
export async function listUnassessedFilingIds(db: Db, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('filing')
    .leftJoin('assessment', 'assessment.filing_id', 'filing.id')
    .select('filing.id as id')
    .where('assessment.id', 'is', null)
    .orderBy('filing.received_at', 'asc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export async function recordProfileFailures(db: Db, errors: readonly ProfileRuntimeError[], filingId: string, at: string): Promise<void> {
  for (const e of errors) {
    await db
      .insertInto('assessment_profile_flag')
      .values({ profile_id: e.profileId, profile_version: e.profileVersion, first_at: at, last_at: at, failures: 1, last_message: e.message.slice(0, 1000), last_filing_id: filingId })
      .onConflict((oc) =>
        oc.columns(['profile_id', 'profile_version']).doUpdateSet((eb) => ({
          last_at: at,
          failures: eb('assessment_profile_flag.failures', '+', 1),
          last_message: e.message.slice(0, 1000),
          last_filing_id: filingId,
        })),
      )
      .execute();
  }
}

export async function listProfileFlags(db: Db): Promise<{ profileId: string; profileVersion: number; failures: number; lastAt: string; lastMessage: string; lastFilingId: string }[]> {
  const rows = await db.selectFrom('assessment_profile_flag').selectAll().orderBy('last_at', 'desc').execute();
  return rows.map((r) => ({
    profileId: r.profile_id,
    profileVersion: r.profile_version,
    failures: r.failures,
    lastAt: r.last_at,
    lastMessage: r.last_message,
    lastFilingId: r.last_filing_id,
  }));
}
