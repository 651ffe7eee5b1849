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

// Column order of the positional inserts below; the statements are built from these lists.
const FILING_COLUMNS = ['id', 'filer_id', 'reference', 'version', 'kind', 'office', 'mode', 'lodged_at', 'received_at', 'deadline_at', 'is_latest', 'goods_count', 'content_hash', 'document', 'warnings', 'received_by'] as const satisfies readonly (keyof FilingRow)[];
const PARTY_COLUMNS = ['filing_id', 'position', 'role', 'name', 'party_key', 'country'] as const satisfies readonly (keyof FilingPartyRow)[];
const GOODS_COLUMNS = ['filing_id', 'sequence', 'hs6', 'origin', 'net_mass_kg', 'value_amount', 'value_currency'] as const satisfies readonly (keyof GoodsItemRow)[];

const insertSql = (table: string, columns: readonly string[]) => `insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`;

/**
 * Prepared single-row inserts on the raw SQLite handle: no per-batch SQL compilation or
 * statement preparation, which dominate Kysely's multi-row inserts in bulk ingest. Values are
 * passed as positional arguments, in the order of the column lists above: about 10% faster
 * than binding them by name from the row objects.
 */
export function sqliteRowSink(database: SQLite.Database): RowSink {
  const filing = database.prepare(insertSql('filing', FILING_COLUMNS));
  const party = database.prepare(insertSql('filing_party', PARTY_COLUMNS));
  const goods = database.prepare(insertSql('goods_item', GOODS_COLUMNS));
  return {
    insert(filings, parties, goodsItems) {
      for (const f of filings) {
        filing.run(f.id, f.filer_id, f.reference, f.version, f.kind, f.office, f.mode, f.lodged_at, f.received_at, f.deadline_at, f.is_latest, f.goods_count, f.content_hash, f.document, f.warnings, f.received_by);
      }
      for (const p of parties) party.run(p.filing_id, p.position, p.role, p.name, p.party_key, p.country);
      for (const g of goodsItems) goods.run(g.filing_id, g.sequence, g.hs6, g.origin, g.net_mass_kg, g.value_amount, g.value_currency);
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
