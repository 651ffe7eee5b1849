// Decides, for a batch of validated filings, which are new, which are amendments, which are
// harmless repeats, and which conflict with what is stored, then writes the new rows.
// Called inside the caller's transaction: either a whole filing is stored or none of it.
import { newId, type Executor } from '../platform/index.js';
import type { Filing } from './filing.schema.js';
import type { FieldProblem } from './filing-validation.js';
import { findVersions, insertFilings, markSuperseded, type RowSink } from './filing-repository.js';
import type { RecordsTables, FilingRow, FilingPartyRow, GoodsItemRow } from './records-tables.js';
import { prepareFiling, type PreparedFiling, type ValidFiling } from './filing-preparation.js';

export type StoreStatus = 'created' | 'amended' | 'duplicate';

export interface StoredOutcome {
  index: number;
  status: StoreStatus;
  id: string;
  filerId: string;
  reference: string;
  version: number;
  kind: Filing['kind'];
}

export interface StoreRejection {
  index: number;
  problems: FieldProblem[];
}

export async function storeFilings(db: Executor<RecordsTables>, batch: ValidFiling[], receivedBy: string, now: Date, sink?: RowSink): Promise<{ stored: StoredOutcome[]; rejected: StoreRejection[] }> {
  return storePreparedFilings(db, batch.map(prepareFiling), receivedBy, now, sink);
}

export async function storePreparedFilings(
  db: Executor<RecordsTables>,
  batch: PreparedFiling[],
  receivedBy: string,
  now: Date,
  sink?: RowSink,
): Promise<{ stored: StoredOutcome[]; rejected: StoreRejection[] }> {
  const existing = await findVersions(
    db,
    batch.map((b) => ({ filerId: b.filerId, reference: b.reference })),
  );
  // filer/reference -> version -> {id, hash}; updated as the batch is processed so that
  // repeats and amendments inside one batch behave exactly like across batches.
  const known = new Map<string, Map<number, { id: string; hash: string; latest: boolean }>>();
  const keyOf = (filerId: string, reference: string) => `${filerId}\u0000${reference}`;
  for (const e of existing) {
    const k = keyOf(e.filer_id, e.reference);
    let versions = known.get(k);
    if (!versions) known.set(k, (versions = new Map()));
    versions.set(e.version, { id: e.id, hash: e.content_hash, latest: e.is_latest === 1 });
  }

  const stored: StoredOutcome[] = [];
  const rejected: StoreRejection[] = [];
  const filings: FilingRow[] = [];
  const parties: FilingPartyRow[] = [];
  const goods: GoodsItemRow[] = [];
  const superseded: string[] = [];
  const receivedAt = now.toISOString();

  for (const p of batch) {
    const { index, hash } = p;
    const k = keyOf(p.filerId, p.reference);
    let versions = known.get(k);
    if (!versions) known.set(k, (versions = new Map()));
    const base = { index, filerId: p.filerId, reference: p.reference, version: p.version, kind: p.kind };
    const same = versions.get(p.version);
    if (same) {
      if (same.hash === hash) stored.push({ ...base, status: 'duplicate', id: same.id });
      else
        rejected.push({
          index,
          problems: [
            {
              path: 'version',
              reason: `version ${p.version} of ${p.filerId}/${p.reference} is already stored with different content; send it as a new version`,
            },
          ],
        });
      continue;
    }
    const maxVersion = Math.max(0, ...versions.keys());
    const isLatest = p.version > maxVersion;
    if (isLatest) {
      for (const v of versions.values()) {
        if (v.latest) {
          superseded.push(v.id);
          v.latest = false;
        }
      }
    }
    const id = newId(now.getTime());
    versions.set(p.version, { id, hash, latest: isLatest });
    // The prepared rows belong to this batch: complete them in place rather than copy them.
    filings.push(Object.assign(p.row, { id, received_at: receivedAt, is_latest: isLatest ? 1 : 0, received_by: receivedBy }));
    for (const party of p.parties) parties.push(Object.assign(party, { filing_id: id }));
    for (const g of p.goods) goods.push(Object.assign(g, { filing_id: id }));
    stored.push({ ...base, status: maxVersion > 0 ? 'amended' : 'created', id });
  }
  // Superseded rows that are new in this very batch never reached the database as latest.
  const newIds = new Set(filings.map((f) => f.id));
  const supersededSet = new Set(superseded);
  for (const f of filings) if (supersededSet.has(f.id)) f.is_latest = 0;
  await markSuperseded(db, superseded.filter((id) => !newIds.has(id)));
  await insertFilings(db, filings, parties, goods, sink);
  return { stored, rejected };
}
