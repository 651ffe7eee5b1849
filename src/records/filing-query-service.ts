// Reading filings back. Filings hold personal data (names, addresses of parties), so every
// read of a full record is written to the audit log through the injected port.
import { notFound, forbidden, type Actor, type Storage } from '../platform/index.js';
import type { RecordsTables } from './records-tables.js';
import { getFilingRow, listFilingRows, listVersionRows, type FilingListQuery } from './filing-repository.js';
import { fromFilingRow, type StoredFiling } from './stored-filing.js';

export type RecordReadAudit = (actor: Actor, filingIds: string[], purpose: string) => Promise<void>;

export interface FilingSummary {
  id: string;
  filerId: string;
  reference: string;
  version: number;
  kind: string;
  office: string | null;
  receivedAt: string;
  deadlineAt: string | null;
  isLatest: boolean;
  goodsCount: number;
}

function canRead(actor: Actor): boolean {
  return actor.kind === 'user' || actor.kind === 'system';
}

export function createFilingQueryService({ storage, auditRead }: { storage: Storage<RecordsTables>; auditRead: RecordReadAudit }) {
  const { db } = storage;
  return {
    async get(actor: Actor, id: string): Promise<StoredFiling> {
      if (!canRead(actor)) throw forbidden('only node users read filings');
      const row = await getFilingRow(db, id);
      if (!row) throw notFound('filing', id);
      await auditRead(actor, [id], 'filing.read');
      return fromFilingRow(row);
    },
    async versions(actor: Actor, id: string): Promise<FilingSummary[]> {
      if (!canRead(actor)) throw forbidden('only node users read filings');
      const row = await getFilingRow(db, id);
      if (!row) throw notFound('filing', id);
      const rows = await listVersionRows(db, row.filer_id, row.reference);
      return rows.map(toSummary);
    },
    async list(actor: Actor, q: FilingListQuery): Promise<FilingSummary[]> {
      if (!canRead(actor)) throw forbidden('only node users read filings');
      const rows = await listFilingRows(db, q);
      return rows.map(toSummary);
    },
  };
}

function toSummary(r: {
  id: string; filer_id: string; reference: string; version: number; kind: string; office: string | null;
  received_at: string; deadline_at: string | null; is_latest: number; goods_count: number;
}): FilingSummary {
  return {
    id: r.id,
    filerId: r.filer_id,
    reference: r.reference,
    version: r.version,
    kind: r.kind,
    office: r.office,
    receivedAt: r.received_at,
    deadlineAt: r.deadline_at,
    isLatest: r.is_latest === 1,
    goodsCount: r.goods_count,
  };
}

export type FilingQueryService = ReturnType<typeof createFilingQueryService>;
