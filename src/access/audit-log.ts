// The append-only, hash-chained audit log. Each entry's hash covers its content and the
// previous entry's hash, so editing or deleting any entry breaks the chain from there on;
// the head row catches deletion of the newest entries. Appends are serialised: in-process by
// the transaction (SQLite has one writer), across processes on PostgreSQL by an advisory lock.
import { sql } from 'kysely';
import { actorLabel, canonicalJson, sha256Hex, type Actor, type Clock, type DialectName, type Executor } from '../platform/index.js';
import type { AccessTables, AuditRow } from './access-tables.js';

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId: string;
  details?: Record<string, unknown>;
}

const GENESIS = '0'.repeat(64);
const AUDIT_LOCK_KEY = 7_226_101; // arbitrary constant naming the audit chain's advisory lock

function entryHash(prev: string, e: Omit<AuditRow, 'hash' | 'prev_hash'>): string {
  return sha256Hex(prev + canonicalJson(e));
}

export type AuditAppender = (db: Executor<AccessTables>, actor: Actor, entry: AuditEntry) => Promise<void>;

export function createAuditAppender(dialect: DialectName, clock: Clock): AuditAppender {
  return async (db, actor, entry) => {
    if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(db);
    const head = await db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirst();
    const seq = (head?.seq ?? 0) + 1;
    const prev = head?.hash ?? GENESIS;
    const body = {
      seq,
      at: clock.now().toISOString(),
      actor: actorLabel(actor),
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId,
      details: canonicalJson(entry.details ?? {}),
    };
    const hash = entryHash(prev, body);
    await db.insertInto('audit_log').values({ ...body, prev_hash: prev, hash }).execute();
    if (head) await db.updateTable('audit_head').set({ seq, hash }).where('id', '=', 1).execute();
    else await db.insertInto('audit_head').values({ id: 1, seq, hash }).execute();
  };
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  problems: { seq: number; problem: string }[];
}

/** Walks the whole chain; reports the first entry of every break. */
export async function verifyAuditLog(db: Executor<AccessTables>): Promise<AuditVerification> {
  const problems: { seq: number; problem: string }[] = [];
  let prev = GENESIS;
  let expectedSeq = 1;
  let entries = 0;
  const PAGE = 5000;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>=', expectedSeq).orderBy('seq').limit(PAGE).execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      entries++;
      if (row.seq !== expectedSeq) problems.push({ seq: expectedSeq, problem: `entries ${expectedSeq}..${row.seq - 1} are missing` });
      if (row.prev_hash !== prev) problems.push({ seq: row.seq, problem: 'previous-hash link does not match the entry before it' });
      const { hash, prev_hash: _p, ...body } = row;
      if (entryHash(row.prev_hash, body) !== hash) problems.push({ seq: row.seq, problem: 'content does not match its hash (edited)' });
      prev = hash;
      expectedSeq = row.seq + 1;
    }
  }
  const head = await db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirst();
  if (head && (head.seq !== expectedSeq - 1 || head.hash !== prev)) {
    problems.push({ seq: head.seq, problem: `chain ends at ${expectedSeq - 1} but the head records ${head.seq} (newest entries deleted or edited)` });
  }
  return { ok: problems.length === 0, entries, problems };
}

export interface AuditQuery {
  targetType?: string;
  targetId?: string;
  actor?: string;
  limit: number;
  beforeSeq?: number;
}

export async function listAudit(db: Executor<AccessTables>, q: AuditQuery): Promise<AuditRow[]> {
  let query = db.selectFrom('audit_log').selectAll();
  if (q.targetType) query = query.where('target_type', '=', q.targetType);
  if (q.targetId) query = query.where('target_id', '=', q.targetId);
  if (q.actor) query = query.where('actor', '=', q.actor);
  if (q.beforeSeq) query = query.where('seq', '<', q.beforeSeq);
  return query.orderBy('seq', 'desc').limit(q.limit).execute();
}
