// Ingest: untrusted records in, canonical filings stored, one answer per record.
// Records are validated one by one; valid ones are stored in chunks, each chunk in one
// transaction together with its audit entry, so a crash leaves every record either fully
// stored or absent. Accepted filings and amendments are published on the bus after commit.
import {
  forbidden,
  hasRole,
  actorLabel,
  type Actor,
  type Bus,
  type Clock,
  type Executor,
  type Storage,
} from '../platform/index.js';
import { storePreparedFilings, sqliteRowSink, type FieldProblem, type PreparedFiling, type RecordsTables, type StoredOutcome } from '../records/index.js';
import type { AccessTables, AuditAppender } from '../access/index.js';
import { prepareItem, type IngestItem, type PreparedItem } from './prepare-item.js';

export { prepareItem, type IngestItem, type PreparedItem };

/** Most records accepted in one call; larger inputs are streamed in batches by the CLI. */
export const MAX_BATCH_RECORDS = 10_000;
// Filings stored per transaction. A commit writes every page the transaction dirtied, and the
// party and goods indexes take inserts all over: 2,000 filings share those pages four times
// better than 500 (about 15% faster bulk ingest), and larger brought nothing more.
const CHUNK = 2000;

export interface RejectedRecord {
  index: number;
  reference?: string;
  problems: FieldProblem[];
}

export interface BatchResult {
  received: number;
  accepted: number;
  rejected: number;
  created: number;
  amended: number;
  duplicates: number;
  /** goods items newly stored (created and amended filings) */
  goodsItems: number;
  results: { index: number; status: StoredOutcome['status']; id: string; reference: string; version: number }[];
  errors: RejectedRecord[];
}

export interface FilingAcceptedPayload {
  filingId: string;
  filerId: string;
  reference: string;
  version: number;
  kind: string;
}

export const FILING_ACCEPTED = 'filing.accepted';

export interface IngestServiceDeps {
  storage: Storage<RecordsTables & AccessTables>;
  bus: Bus;
  clock: Clock;
  audit: AuditAppender;
}

export function canIngest(actor: Actor): boolean {
  return actor.kind === 'machine' || actor.kind === 'system' || hasRole(actor, 'targeter', 'analyst', 'supervisor');
}

export function createIngestService({ storage, bus, clock, audit }: IngestServiceDeps) {
  const { db } = storage;
  const sink = storage.sqlite ? sqliteRowSink(storage.sqlite) : undefined;

  async function ingest(actor: Actor, items: IngestItem[]): Promise<BatchResult> {
    if (!canIngest(actor)) throw forbidden('your role cannot submit filings');
    return ingestPrepared(actor, items.map(prepareItem));
  }

  /** Outcomes gathered over one call, across its transactions. */
  interface Gathered {
    results: BatchResult['results'];
    errors: RejectedRecord[];
    toPublish: StoredOutcome[];
    goodsItems: number;
    received: number;
  }
  const gathered = (): Gathered => ({ results: [], errors: [], toPublish: [], goodsItems: 0, received: 0 });

  /** Stores one batch of prepared records inside the caller's transaction; returns the fresh ones. */
  async function storeBatch(tx: Executor<RecordsTables & AccessTables>, actor: Actor, items: PreparedItem[], into: Gathered): Promise<StoredOutcome[]> {
    into.received += items.length;
    const valid: PreparedFiling[] = [];
    for (const item of items) {
      if ('prepared' in item) valid.push(item.prepared);
      else into.errors.push({ index: item.index, ...(item.reference ? { reference: item.reference } : {}), problems: item.problems });
    }
    if (valid.length === 0) return [];
    const outcome = await storePreparedFilings(tx, valid, actorLabel(actor), clock.now(), sink);
    if (outcome.rejected.length > 0) {
      const byIndex = new Map(valid.map((v) => [v.index, v]));
      for (const r of outcome.rejected) {
        const source = byIndex.get(r.index);
        into.errors.push({ index: r.index, ...(source ? { reference: source.reference } : {}), problems: r.problems });
      }
    }
    const goodsOf = new Map(valid.map((v) => [v.index, v.goods.length]));
    const fresh: StoredOutcome[] = [];
    for (const s of outcome.stored) {
      into.results.push({ index: s.index, status: s.status, id: s.id, reference: s.reference, version: s.version });
      if (s.status === 'duplicate') continue;
      fresh.push(s);
      into.toPublish.push(s);
      into.goodsItems += goodsOf.get(s.index) ?? 0;
    }
    return fresh;
  }

  /** One audit entry per transaction that stored something, written in that transaction. */
  async function auditStored(tx: Executor<RecordsTables & AccessTables>, actor: Actor, fresh: StoredOutcome[]): Promise<void> {
    if (fresh.length === 0) return;
    await audit(tx, actor, {
      action: 'filings.ingest',
      targetType: 'filing_batch',
      targetId: fresh[0]?.id ?? '',
      details: { created: fresh.filter((s) => s.status === 'created').length, amended: fresh.filter((s) => s.status === 'amended').length, ids: fresh.length <= 20 ? fresh.map((s) => s.id) : undefined },
    });
  }

  /** Accepted filings and amendments are announced once committed. */
  async function publishAndSummarise(g: Gathered): Promise<BatchResult> {
    for (const s of g.toPublish) {
      const payload: FilingAcceptedPayload = { filingId: s.id, filerId: s.filerId, reference: s.reference, version: s.version, kind: s.kind };
      await bus.publish({ id: `${FILING_ACCEPTED}:${s.id}`, type: FILING_ACCEPTED, occurredAt: clock.now().toISOString(), payload });
    }
    g.errors.sort((a, b) => a.index - b.index);
    g.results.sort((a, b) => a.index - b.index);
    return {
      received: g.received,
      accepted: g.results.length,
      rejected: g.errors.length,
      created: g.results.filter((r) => r.status === 'created').length,
      amended: g.results.filter((r) => r.status === 'amended').length,
      duplicates: g.results.filter((r) => r.status === 'duplicate').length,
      goodsItems: g.goodsItems,
      results: g.results,
      errors: g.errors,
    };
  }

  /** Stores records already validated and prepared (by prepareItem), CHUNK per transaction. */
  async function ingestPrepared(actor: Actor, items: PreparedItem[]): Promise<BatchResult> {
    const g = gathered();
    for (let i = 0; i < items.length; i += CHUNK) {
      await db.transaction().execute(async (tx) => auditStored(tx, actor, await storeBatch(tx, actor, items.slice(i, i + CHUNK), g)));
    }
    return publishAndSummarise(g);
  }

  /**
   * Stores a stream of prepared batches (the bulk NDJSON path), about CHUNK filings per
   * transaction whatever the batches' size, and reports each committed transaction. Small
   * batches keep few records alive at once on this thread; large transactions keep commits few.
   */
  async function ingestStream(actor: Actor, batches: AsyncIterable<PreparedItem[]>, committed: (result: BatchResult) => void): Promise<void> {
    if (!canIngest(actor)) throw forbidden('your role cannot submit filings');
    const source = batches[Symbol.asyncIterator]();
    let finished = false;
    try {
      // Each transaction begins once its first batch is at hand: the write lock is not held
      // while the preparing threads start up.
      let next = await source.next();
      while (!next.done) {
        const g = gathered();
        await db.transaction().execute(async (tx) => {
          const fresh: StoredOutcome[] = [];
          while (!next.done && g.received < CHUNK) {
            fresh.push(...(await storeBatch(tx, actor, next.value, g)));
            if (g.received < CHUNK) next = await source.next();
          }
          await auditStored(tx, actor, fresh);
        });
        committed(await publishAndSummarise(g));
        if (g.received >= CHUNK) next = await source.next();
      }
      finished = true;
    } finally {
      if (!finished) await source.return?.(undefined);
    }
  }

  return { ingest, ingestStream };
}

export type IngestService = ReturnType<typeof createIngestService>;
