// Row shapes of the records context's tables (snake_case, as stored).
export interface FilingRow {
  id: string;
  filer_id: string;
  reference: string;
  version: number;
  kind: string;
  office: string | null;
  mode: string;
  lodged_at: string | null;
  received_at: string;
  deadline_at: string | null;
  is_latest: number;
  goods_count: number;
  content_hash: string;
  document: string;
  warnings: string;
  received_by: string;
}

export interface FilingPartyRow {
  filing_id: string;
  position: number;
  role: string;
  name: string;
  party_key: string;
  country: string | null;
}

export interface GoodsItemRow {
  filing_id: string;
  sequence: number;
  hs6: string;
  origin: string | null;
  net_mass_kg: number | null;
  value_amount: number | null;
  value_currency: string | null;
}

export interface RecordsTables {
  filing: FilingRow;
  filing_party: FilingPartyRow;
  goods_item: GoodsItemRow;
}
