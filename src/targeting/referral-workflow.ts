// State changes of a referral inside one transaction: the optimistic-concurrency update, the
// action row and the audit entry always go together. Capacity is a counter row per office
// and day that only a conditional update can raise, so two orders can never overbook it.
import type { Transaction } from 'kysely';
import { actorLabel, conflict, newId, notFound, type Actor } from '../platform/index.js';
import type { AuditAppender } from '../access/index.js';
import { isActive, type ReferralStatus } from './referral.js';
import type { ReferralRow, TargetingDb } from './targeting-tables.js';

type Tx = Transaction<TargetingDb>;

export interface Transition {
  action: string;
  reason: string;
  to: ReferralStatus;
  expectedVersion?: number;
  details?: Record<string, unknown>;
}

const referralClosed = (row: ReferralRow) =>
  conflict('REFERRAL_CLOSED', `referral ${row.id} is ${row.status}; closed referrals take no further action`, { status: row.status });

export async function transitionReferral(tx: Tx, audit: AuditAppender, actor: Actor, id: string, t: Transition, now: Date): Promise<ReferralRow> {
  const row = await tx.selectFrom('referral').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('referral', id);
  if (!isActive(row.status)) throw referralClosed(row);
  if (t.expectedVersion !== undefined && t.expectedVersion !== row.version) {
    throw conflict('REFERRAL_VERSION_CONFLICT', `referral ${id} is at version ${row.version}, not ${t.expectedVersion}; reload it`, { version: row.version });
  }
  const at = now.toISOString();
  const closedAt = isActive(t.to) ? null : at;
  const res = await tx
    .updateTable('referral')
    .set({ status: t.to, version: row.version + 1, updated_at: at, closed_at: closedAt })
    .where('id', '=', id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) {
    // Someone else's change committed between our read and our write: theirs wins.
    const now2 = await tx.selectFrom('referral').selectAll().where('id', '=', id).executeTakeFirst();
    if (now2 && !isActive(now2.status)) throw referralClosed(now2);
    throw conflict('REFERRAL_VERSION_CONFLICT', `referral ${id} was changed by someone else; reload it`, { version: now2?.version });
  }
  await tx
    .insertInto('referral_action')
    .values({
      id: newId(now.getTime()),
      referral_id: id,
      action: t.action,
      reason: t.reason,
      actor: actorLabel(actor),
      at,
      from_status: row.status,
      to_status: t.to,
      details: JSON.stringify(t.details ?? {}),
    })
    .execute();
  await audit(tx, actor, {
    action: `referral.${t.action}`,
    targetType: 'referral',
    targetId: id,
    details: { reason: t.reason, from: row.status, to: t.to, filingId: row.filing_id, ...(t.details ?? {}) },
  });
  return { ...row, status: t.to, version: row.version + 1, updated_at: at, closed_at: closedAt };
}

/** Marks a day row that only counts usage; its capacity then follows the office default. */
const AUTO = 'auto';

export async function capacityOf(tx: Tx, office: string, day: string, fallback: number): Promise<number> {
  const rows = await tx.selectFrom('inspection_capacity').select(['day', 'capacity', 'updated_by']).where('office', '=', office).where('day', 'in', [day, '*']).execute();
  return rows.find((r) => r.day === day && r.updated_by !== AUTO)?.capacity ?? rows.find((r) => r.day === '*')?.capacity ?? fallback;
}

/** Takes one unit of the office's capacity for the day, or refuses when it is used up. */
export async function consumeCapacity(tx: Tx, office: string, day: string, fallback: number, actor: Actor, now: Date): Promise<void> {
  const capacity = await capacityOf(tx, office, day, fallback);
  await tx
    .insertInto('inspection_capacity')
    .values({ office, day, capacity, used: 0, updated_at: now.toISOString(), updated_by: AUTO })
    .onConflict((oc) => oc.columns(['office', 'day']).doNothing())
    .execute();
  // The row lock of this conditional update serialises concurrent orders on PostgreSQL.
  const res = await tx
    .updateTable('inspection_capacity')
    .set((eb) => ({ used: eb('used', '+', 1) }))
    .where('office', '=', office)
    .where('day', '=', day)
    .where('used', '<', capacity)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) {
    throw conflict('CAPACITY_EXHAUSTED', `inspection capacity of ${office} on ${day} is used up`, { office, day, capacity });
  }
}

export async function releaseCapacity(tx: Tx, office: string, day: string): Promise<void> {
  await tx
    .updateTable('inspection_capacity')
    .set((eb) => ({ used: eb('used', '-', 1) }))
    .where('office', '=', office)
    .where('day', '=', day)
    .where('used', '>', 0)
    .execute();
}
