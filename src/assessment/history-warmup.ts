// Fills the history index from the database at start: filings with their parties and goods,
// in receipt order, then the inspection results known to targeting.
import type { Executor } from '../platform/index.js';
import type { AssessmentDb } from './assessment-tables.js';
import type { HistoryFiling, HistoryIndex } from './history-index.js';

type Db = Executor<AssessmentDb>;
const CHUNK = 400;

export async function partyKeysOfFilings(db: Db, ids: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db
      .selectFrom('filing_party')
      .select(['filing_id', 'party_key'])
      .where('filing_id', 'in', ids.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) {
      let keys = out.get(r.filing_id);
      if (!keys) out.set(r.filing_id, (keys = []));
      keys.push(r.party_key);
    }
  }
  return out;
}

export async function warmHistory(
  db: Db,
  history: HistoryIndex,
  since: Date,
  outcomes?: (since: Date | null) => Promise<{ filingId: string; finding: boolean; date: string }[]>,
): Promise<void> {
  const from = since.toISOString();
  const filings = await db
    .selectFrom('filing')
    .select(['id', 'filer_id', 'reference', 'received_at'])
    .where('received_at', '>=', from)
    .orderBy('received_at', 'asc')
    .orderBy('version', 'asc')
    .execute();
  const byId = new Map<string, HistoryFiling>();
  for (const f of filings) {
    byId.set(f.id, { filingId: f.id, filerId: f.filer_id, reference: f.reference, receivedAtMs: Date.parse(f.received_at), partyKeys: [], goods: [] });
  }
  const parties = await db
    .selectFrom('filing_party')
    .innerJoin('filing', 'filing.id', 'filing_party.filing_id')
    .select(['filing_party.filing_id as filing_id', 'filing_party.party_key as party_key'])
    .where('filing.received_at', '>=', from)
    .execute();
  for (const p of parties) byId.get(p.filing_id)?.partyKeys.push(p.party_key);
  const goods = await db
    .selectFrom('goods_item')
    .innerJoin('filing', 'filing.id', 'goods_item.filing_id')
    .select(['goods_item.filing_id as filing_id', 'hs6', 'origin', 'net_mass_kg', 'value_amount'])
    .where('filing.received_at', '>=', from)
    .execute();
  for (const g of goods) byId.get(g.filing_id)?.goods.push({ hs6: g.hs6, origin: g.origin, netMassKg: g.net_mass_kg, value: g.value_amount });
  for (const f of byId.values()) history.addFiling(f);

  if (!outcomes) return;
  const results = await outcomes(null);
  const keys = await partyKeysOfFilings(db, [...new Set(results.map((r) => r.filingId))]);
  for (const r of results) history.addInspection(keys.get(r.filingId) ?? [], Date.parse(r.date), r.finding);
}
