// Persistence of lists (versioned, updated by delta), review decisions and lookouts.
// Functions take an executor so callers choose the transaction; importList runs its own,
// so a failed update leaves the previous version in force.
import { z } from 'zod';
import { newId, type Executor } from '../platform/index.js';
import { diffList, listVersion, type ListDelta } from './list-version.js';
import type { ScreeningTables } from './screening-tables.js';
import { entryContentHash, watchlistEntrySchema, type ParsedList, type WatchlistEntry } from './watchlist-entry.js';
import { lookoutInputSchema, type Lookout } from './lookout-parser.js';
import type { Kysely } from 'kysely';

export interface ImportResult {
  list: string;
  previousVersion: string | null;
  version: string;
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
}

/** Applies a parsed list as a delta against the stored version, in one transaction. */
export async function importList(db: Kysely<ScreeningTables>, parsed: ParsedList, source: string, by: string, now: Date): Promise<ImportResult> {
  const version = listVersion(parsed.entries);
  return db.transaction().execute(async (tx) => {
    const current = await tx.selectFrom('screening_list').selectAll().where('list', '=', parsed.list).executeTakeFirst();
    const stored = await tx.selectFrom('screening_entry').select(['entry_id', 'content_hash']).where('list', '=', parsed.list).execute();
    const delta: ListDelta = diffList(new Map(stored.map((r) => [r.entry_id, r.content_hash])), parsed.entries);
    const at = now.toISOString();
    for (const e of [...delta.added, ...delta.changed]) {
      const row = { entry_id: e.id, list: parsed.list, content_hash: entryContentHash(e), document: JSON.stringify(e), version, updated_at: at };
      if (delta.added.includes(e)) await tx.insertInto('screening_entry').values(row).execute();
      else await tx.updateTable('screening_entry').set(row).where('entry_id', '=', e.id).execute();
    }
    for (let i = 0; i < delta.removed.length; i += 500) {
      await tx.deleteFrom('screening_entry').where('entry_id', 'in', delta.removed.slice(i, i + 500)).execute();
    }
    const listRow = { list: parsed.list, version, source, entry_count: parsed.entries.length, updated_at: at, updated_by: by };
    if (current) await tx.updateTable('screening_list').set(listRow).where('list', '=', parsed.list).execute();
    else await tx.insertInto('screening_list').values(listRow).execute();
    await tx
      .insertInto('screening_list_version')
      .values({
        id: newId(now.getTime()),
        list: parsed.list,
        version,
        source,
        imported_at: at,
        imported_by: by,
        entry_count: parsed.entries.length,
        added: delta.added.length,
        changed: delta.changed.length,
        removed: delta.removed.length,
      })
      .execute();
    return {
      list: parsed.list,
      previousVersion: current?.version ?? null,
      version,
      added: delta.added.length,
      changed: delta.changed.length,
      removed: delta.removed.length,
      unchanged: delta.unchanged,
    };
  });
}

export async function loadStoredEntries(db: Executor<ScreeningTables>): Promise<WatchlistEntry[]> {
  const rows = await db.selectFrom('screening_entry').select(['document']).orderBy('entry_id').execute();
  return rows.map((r) => watchlistEntrySchema.parse(JSON.parse(r.document)));
}

export async function listVersions(db: Executor<ScreeningTables>): Promise<Map<string, string>> {
  const rows = await db.selectFrom('screening_list').select(['list', 'version']).execute();
  return new Map(rows.map((r) => [r.list, r.version]));
}

export const REVIEW_DECISIONS = ['true_match', 'false_positive'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export interface ReviewRecord {
  partyKey: string;
  entryId: string;
  entryHash: string;
  partyName: string;
  decision: ReviewDecision;
  reason: string;
  decidedBy: string;
  decidedAt: string;
}

const decisionSchema = z.enum(REVIEW_DECISIONS);

/** Stores (or replaces) the decision for one party and one list entry. */
export async function saveReview(db: Executor<ScreeningTables>, r: ReviewRecord): Promise<void> {
  const row = {
    party_key: r.partyKey,
    entry_id: r.entryId,
    entry_hash: r.entryHash,
    party_name: r.partyName,
    decision: r.decision,
    reason: r.reason,
    decided_by: r.decidedBy,
    decided_at: r.decidedAt,
  };
  await db
    .insertInto('screening_review')
    .values(row)
    .onConflict((oc) => oc.columns(['party_key', 'entry_id']).doUpdateSet(row))
    .execute();
}

export async function loadReviews(db: Executor<ScreeningTables>): Promise<ReviewRecord[]> {
  const rows = await db.selectFrom('screening_review').selectAll().execute();
  return rows.map((r) => ({
    partyKey: r.party_key,
    entryId: r.entry_id,
    entryHash: r.entry_hash,
    partyName: r.party_name,
    decision: decisionSchema.parse(r.decision),
    reason: r.reason,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
  }));
}

export async function saveLookout(db: Executor<ScreeningTables>, l: Lookout, by: string, now: Date): Promise<void> {
  const row = {
    id: l.id,
    document: JSON.stringify(l),
    owner: l.owner,
    reason: l.reason,
    expires_at: l.expiresAt ?? null,
    created_by: by,
    updated_at: now.toISOString(),
    active: 1,
  };
  await db
    .insertInto('screening_lookout')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet(row))
    .execute();
}

export async function deactivateLookout(db: Executor<ScreeningTables>, id: string, now: Date): Promise<boolean> {
  const r = await db.updateTable('screening_lookout').set({ active: 0, updated_at: now.toISOString() }).where('id', '=', id).where('active', '=', 1).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Lookouts in force at `now` (active and not expired). */
export async function loadActiveLookouts(db: Executor<ScreeningTables>, now: Date): Promise<Lookout[]> {
  const rows = await db.selectFrom('screening_lookout').select(['document', 'expires_at']).where('active', '=', 1).orderBy('id').execute();
  return rows
    .filter((r) => r.expires_at === null || new Date(r.expires_at).getTime() > now.getTime())
    .map((r) => lookoutInputSchema.parse(JSON.parse(r.document)));
}
