// Decides, for a batch of validated filings, which are new, which are amendments, which are
// harmless repeats, and which conflict with what is stored, then writes the new rows.
// Called inside the caller's transaction: either a whole filing is stored or none of it.
import { newId, sha256Hex, type Executor } from '../platform/index.js';
import type { Filing } from './filing.schema.js';
import type { DataQualityWarning, FieldProblem } from './filing-validation.js';
import { findVersions, insertFilings, markSuperseded, type RowSink } from './filing-repository.js';
import type { RecordsTables, FilingRow, FilingPartyRow, GoodsItemRow } from './records-tables.js';
import { partyKey } from './party-key.js';

export interface ValidFiling {
  index: number;
  filing: Filing;
  warnings: DataQualityWarning[];
}

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

const AIR_PRELOADING: ReadonlySet<string> = new Set(['air_master_waybill', 'air_house_waybill', 'express_consignment']);

/** The moment a targeting decision is due: loading for air pre-loading, arrival otherwise. */
export function decisionDeadline(filing: Filing): string | null {
  const { loadingTime, arrivalTime } = filing.transport;
  if (AIR_PRELOADING.has(filing.kind) && loadingTime) return new Date(loadingTime).toISOString();
  const t = arrivalTime ?? loadingTime;
  return t ? new Date(t).toISOString() : null;
}

export async function storeFilings(
  db: Executor<RecordsTables>,
  batch: ValidFiling[],
  receivedBy: string,
  now: Date,
  sink?: RowSink,
): Promise<{ stored: StoredOutcome[]; rejected: StoreRejection[] }> {
  const existing = await findVersions(
    db,
    batch.map((b) => ({ filerId: b.filing.filer.id, reference: b.filing.reference })),
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

  for (const { index, filing, warnings } of batch) {
    const k = keyOf(filing.filer.id, filing.reference);
    let versions = known.get(k);
    if (!versions) known.set(k, (versions = new Map()));
    // The validated filing's keys come out of the schema in a fixed order, so its JSON text is
    // already canonical for our own records: hash the stored document itself.
    const document = JSON.stringify(filing);
    const hash = sha256Hex(document);
    const base = { index, filerId: filing.filer.id, reference: filing.reference, version: filing.version, kind: filing.kind };
    const same = versions.get(filing.version);
    if (same) {
      if (same.hash === hash) stored.push({ ...base, status: 'duplicate', id: same.id });
      else
        rejected.push({
          index,
          problems: [
            {
              path: 'version',
              reason: `version ${filing.version} of ${filing.filer.id}/${filing.reference} is already stored with different content; send it as a new version`,
            },
          ],
        });
      continue;
    }
    const maxVersion = Math.max(0, ...versions.keys());
    const isLatest = filing.version > maxVersion;
    if (isLatest) {
      for (const v of versions.values()) {
        if (v.latest) {
          superseded.push(v.id);
          v.latest = false;
        }
      }
    }
    const id = newId(now.getTime());
    versions.set(filing.version, { id, hash, latest: isLatest });
    filings.push({
      id,
      filer_id: filing.filer.id,
      reference: filing.reference,
      version: filing.version,
      kind: filing.kind,
      office: filing.office ?? null,
      mode: filing.transport.mode,
      lodged_at: filing.lodgedAt ?? null,
      received_at: receivedAt,
      deadline_at: decisionDeadline(filing),
      is_latest: isLatest ? 1 : 0,
      goods_count: filing.goods.length,
      content_hash: hash,
      document,
      warnings: JSON.stringify(warnings),
      received_by: receivedBy,
    });
    filing.parties.forEach((p, position) => {
      parties.push({ filing_id: id, position, role: p.role, name: p.name, party_key: partyKey(p), country: p.country ?? p.address?.country ?? null });
    });
    for (const g of filing.goods) {
      goods.push({
        filing_id: id,
        sequence: g.sequence,
        hs6: g.hsCode.slice(0, 6),
        origin: g.originCountry ?? null,
        net_mass_kg: g.netMassKg ?? null,
        value_amount: g.value?.amount ?? null,
        value_currency: g.value?.currency ?? null,
      });
    }
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
