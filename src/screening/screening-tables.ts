// Row shapes of the screening context's tables (snake_case, as stored). JSON as text.
export interface ScreeningListRow {
  list: string;
  version: string;
  source: string;
  entry_count: number;
  updated_at: string;
  updated_by: string;
}

export interface ScreeningListVersionRow {
  id: string;
  list: string;
  version: string;
  source: string;
  imported_at: string;
  imported_by: string;
  entry_count: number;
  added: number;
  changed: number;
  removed: number;
}

export interface ScreeningEntryRow {
  entry_id: string;
  list: string;
  content_hash: string;
  document: string;
  version: string;
  updated_at: string;
}

export interface ScreeningReviewRow {
  party_key: string;
  entry_id: string;
  entry_hash: string;
  party_name: string;
  decision: string;
  reason: string;
  decided_by: string;
  decided_at: string;
}

export interface ScreeningLookoutRow {
  id: string;
  document: string;
  owner: string;
  reason: string;
  expires_at: string | null;
  created_by: string;
  updated_at: string;
  active: number;
}

export interface ScreeningTables {
  screening_list: ScreeningListRow;
  screening_list_version: ScreeningListVersionRow;
  screening_entry: ScreeningEntryRow;
  screening_review: ScreeningReviewRow;
  screening_lookout: ScreeningLookoutRow;
}
