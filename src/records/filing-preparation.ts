// A validated filing turned into what storage needs, without touching storage: pure, and cheap
// to load, so the bulk ingest's worker thread can prepare filings while the main thread stores.
import { sha256Hex } from '../platform/ids.js';
import type { Filing } from './filing.schema.js';
import type { DataQualityWarning } from './filing-validation.js';
import type { FilingRow, FilingPartyRow, GoodsItemRow } from './records-tables.js';
import { partyKey } from './party-key.js';

export interface ValidFiling {
  index: number;
  filing: Filing;
  warnings: DataQualityWarning[];
}

const AIR_PRELOADING: ReadonlySet<string> = new Set(['air_master_waybill', 'air_house_waybill', 'express_consignment']);

const CANONICAL_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A validated date-time in UTC with milliseconds, as it is stored and compared. */
function utc(t: string): string {
  return CANONICAL_UTC.test(t) ? t : new Date(t).toISOString();
}

/** The moment a targeting decision is due: loading for air pre-loading, arrival otherwise. */
export function decisionDeadline(filing: Filing): string | null {
  const { loadingTime, arrivalTime } = filing.transport;
  if (AIR_PRELOADING.has(filing.kind) && loadingTime) return utc(loadingTime);
  const t = arrivalTime ?? loadingTime;
  return t ? utc(t) : null;
}

/**
 * A validated filing turned into what storage needs: its canonical document and hash, and its
 * rows without the ids and times only the store knows. Plain data, so the bulk path can prepare
 * filings on a worker thread and pass them over.
 */
export interface PreparedFiling {
  index: number;
  filerId: string;
  reference: string;
  version: number;
  kind: Filing['kind'];
  hash: string;
  row: Omit<FilingRow, 'id' | 'received_at' | 'is_latest' | 'received_by'>;
  parties: Omit<FilingPartyRow, 'filing_id'>[];
  goods: Omit<GoodsItemRow, 'filing_id'>[];
}

export function prepareFiling({ index, filing, warnings }: ValidFiling): PreparedFiling {
  // The validated filing's keys come out of the schema in a fixed order, so its JSON text is
  // already canonical for our own records: hash the stored document itself.
  const document = JSON.stringify(filing);
  const hash = sha256Hex(document);
  return {
    index,
    filerId: filing.filer.id,
    reference: filing.reference,
    version: filing.version,
    kind: filing.kind,
    hash,
    row: {
      filer_id: filing.filer.id,
      reference: filing.reference,
      version: filing.version,
      kind: filing.kind,
      office: filing.office ?? null,
      mode: filing.transport.mode,
      lodged_at: filing.lodgedAt ?? null,
      deadline_at: decisionDeadline(filing),
      goods_count: filing.goods.length,
      content_hash: hash,
      document,
      warnings: JSON.stringify(warnings),
    },
    parties: filing.parties.map((p, position) => ({ position, role: p.role, name: p.name, party_key: partyKey(p), country: p.country ?? p.address?.country ?? null })),
    goods: filing.goods.map((g) => ({
      sequence: g.sequence,
      hs6: g.hsCode.slice(0, 6),
      origin: g.originCountry ?? null,
      net_mass_kg: g.netMassKg ?? null,
      value_amount: g.value?.amount ?? null,
      value_currency: g.value?.currency ?? null,
    })),
  };
}

