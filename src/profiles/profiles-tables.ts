// Row shapes of the profiles context's tables (snake_case, as stored). Type aliases rather than
// interfaces, so that `db.withTables<ProfilesTables>()` accepts them (it needs index signatures).
export type ProfileRow = {
  id: string;
  name: string;
  owner_agency: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  latest_version: number;
  /** The version currently active, if any: at most one version of a profile runs at a time. */
  active_version: number | null;
};

export type ProfileVersionRow = {
  profile_id: string;
  version: number;
  status: string;
  /** The ProfileDefinition as JSON text. */
  definition: string;
  threat: string;
  author_id: string;
  author_label: string;
  last_editor_id: string;
  created_at: string;
  updated_at: string;
  approved_by: string | null;
  approved_at: string | null;
  activated_by: string | null;
  activated_at: string | null;
  retired_by: string | null;
  retired_at: string | null;
  runtime_errors: number;
  last_runtime_error: string | null;
  last_runtime_error_at: string | null;
};

/** Hit statistics, one row per profile version and UTC day. */
export type ProfileOutcomeDayRow = {
  profile_id: string;
  version: number;
  day: string;
  selected: number;
  inspected: number;
  findings: number;
};

export type ProfilesTables = {
  profile: ProfileRow;
  profile_version: ProfileVersionRow;
  profile_outcome_day: ProfileOutcomeDayRow;
};
