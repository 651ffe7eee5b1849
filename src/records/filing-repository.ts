// Persistence of filings. Functions take an executor (the root handle or a transaction) so the
// ingest service decides the transaction boundary. The same code runs on SQLite and PostgreSQL.
import type SQLite from 'better-sqlite3';
import type { Executor } from '../platform/index.js';
import type { RecordsTables, FilingRow, FilingPartyRow, GoodsItemRow } from './records-tables.js';

type Db = Executor<RecordsTables>;

export interface FilingKey {
  filerId: string;
  reference: string;
}

export interface ExistingVersion {
  id: string;
  filer_id: string;
  reference: string;
  version: number;
  content_hash: string;
  is_latest: number;
}

// Bounded so the variable count of one statement stays far under SQLite's and PostgreSQL's limits.
const CHUNK = 400;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** All stored versions of the given filer/reference pairs. */
export async function findVersions(db: Db, keys: FilingKey[]): Promise<ExistingVersion[]> {
  if (keys.length === 0) return [];
  const out: ExistingVersion[] = [];
  const refs = [...new Set(keys.map((k) => k.reference))];
  const wanted = new Set(keys.map((k) => `${k.filerId}\u0000${k.reference}`));
  for (const part of chunks(refs)) {
    const rows = await db
      .selectFrom('filing')
      .select(['id', 'filer_id', 'reference', 'version', 'content_hash', 'is_latest'])
      .where('reference', 'in', part)
      .execute();
    for (const r of rows) if (wanted.has(`${r.filer_id}\u0000${r.reference}`)) out.push(r);
  }
  return out;
}

/** Writes new filing rows; the SQLite bulk path swaps in prepared statements (sqliteRowSink). */
export interface RowSink {
  insert(filings: FilingRow[], parties: FilingPartyRow[], goods: GoodsItemRow[]): void;
}

const columnsOf = (row: object) => Object.keys(row);

/**
 * Prepared single-row inserts on the raw SQLite handle: no per-batch SQL compilation or
 * statement preparation, which dominate Kysely's multi-row inserts in bulk ingest.
 */
export function sqliteRowSink(database: SQLite.Database): RowSink {
  const statements = new Map<string, SQLite.Statement>();
  const stmt = (table: string, sample: object) => {
    let st = statements.get(table);
    if (!st) {
      const cols = columnsOf(sample);
      st = database.prepare(`insert into ${table} (${cols.join(', ')}) values (${cols.map((c) => `@${c}`).join(', ')})`);
      statements.set(table, st);
    }
    return st;
  };
  return {
    insert(filings, parties, goods) {
      for (const f of filings) stmt('filing', f).run(f);
      for (const p of parties) stmt('filing_party', p).run(p);
      for (const g of goods) stmt('goods_item', g).run(g);
    },
  };
}

export async function insertFilings(
  db: Db,
  filings: FilingRow[],
  parties: FilingPartyRow[],
  goods: GoodsItemRow[],
  sink?: RowSink,
): Promise<void> {
  if (sink) {
    sink.insert(filings, parties, goods);
    return;
  }
  for (const part of chunks(filings, 200)) await db.insertInto('filing').values(part).execute();
  for (const part of chunks(parties, 400)) await db.insertInto('filing_party').values(part).execute();
  for (const part of chunks(goods, 400)) await db.insertInto('goods_item').values(part).execute();
}

export async function markSuperseded(db: Db, ids: string[]): Promise<void> {
  for (const part of chunks(ids)) {
    await db.updateTable('filing').set({ is_latest: 0 }).where('id', 'in', part).execute();
  }
}

export async function getFilingRow(db: Db, id: string): Promise<FilingRow | undefined> {
  return db.selectFrom('filing').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function getFilingRows(db: Db, ids: string[]): Promise<FilingRow[]> {
  const out: FilingRow[] = [];
  for (const part of chunks(ids)) out.push(...(await db.selectFrom('filing').selectAll().where('id', 'in', part).execute()));
  return out;
}

export async function listVersionRows(db: Db, filerId: string, reference: string): Promise<FilingRow[]> {
  return db
    .selectFrom('filing')
    .selectAll()
    .where('filer_id', '=', filerId)
    .where('reference', '=', reference)
    .orderBy('version', 'asc')
    .execute();
}

export interface FilingListQuery {
  kind?: string;
  office?: string;
  reference?: string;
  receivedAfter?: string;
  receivedBefore?: string;
  latestOnly: boolean;
  limit: number;
  /** keyset cursor: the last id of the previous page */
  after?: string;
}

export async function listFilingRows(db: Db, q: FilingListQuery): Promise<FilingRow[]> {
  let query = db.selectFrom('filing').selectAll();
  if (q.kind) query = query.where('kind', '=', q.kind);
  if (q.office) query = query.where('office', '=', q.office);
  if (q.reference) query = query.where('reference', '=', q.reference);
  if (q.receivedAfter) query = query.where('received_at', '>=', q.receivedAfter);
  if (q.receivedBefore) query = query.where('received_at', '<', q.receivedBefore);
  if (q.latestOnly) query = query.where('is_latest', '=', 1);
  if (q.after) query = query.where('id', '<', q.after);
  return query.orderBy('id', 'desc').limit(q.limit).execute();
}

export async function countFilings(db: Db): Promise<{ filings: number; goods: number }> {
  const f = await db.selectFrom('filing').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const g = await db.selectFrom('goods_item').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { filings: Number(f.n), goods: Number(g.n) };
}
