// Row shapes of the targeting context's tables (snake_case, as stored; JSON as text).
import type { AccessTables } from '../access/index.js';
import type { AssessmentDb } from '../assessment/index.js';

export interface ReferralRow {
  id: string;
  assessment_id: string;
  filing_id: string;
  filer_id: string;
  reference: string;
  filing_version: number;
  office: string;
  kind: string;
  channel: string;
  /** 0 green … 3 DNL: the first sort key of the queue */
  channel_rank: number;
  total_points: number;
  deadline_at: string | null;
  /** deadline or '9999…' so that referrals without a deadline sort last on both engines */
  deadline_key: string;
  /** 'risk' or 'random_control' */
  selection: string;
  status: string;
  /** one line per top factor, for the queue screen */
  summary: string;
  /** JSON array of the threat categories of the profiles that raised it */
  threats: string;
  opened_at: string;
  updated_at: string;
  closed_at: string | null;
  /** optimistic concurrency: every change adds one and requires the version it read */
  version: number;
}

export interface ReferralActionRow {
  id: string;
  referral_id: string;
  action: string;
  reason: string;
  actor: string;
  at: string;
  from_status: string;
  to_status: string;
  details: string;
}

export interface InspectionRow {
  id: string;
  referral_id: string;
  filing_id: string;
  office: string;
  type: string;
  /** the office day (YYYY-MM-DD) whose capacity it uses */
  day: string;
  random_control: number;
  status: string;
  ordered_at: string;
  ordered_by: string;
  result: string | null;
  recorded_at: string | null;
  recorded_by: string | null;
  notes: string | null;
}

export interface InspectionFindingRow {
  id: string;
  inspection_id: string;
  position: number;
  category: string;
  description: string;
  quantity: number | null;
  quantity_unit: string | null;
  weight_kg: number | null;
  seizure_reference: string | null;
}

export interface InspectionCapacityRow {
  office: string;
  /** YYYY-MM-DD, or '*' for the office's default */
  day: string;
  capacity: number;
  used: number;
  updated_at: string;
  updated_by: string;
}

export interface TargetingSettingRow {
  key: string;
  value: string;
  updated_at: string;
  updated_by: string;
}

export interface TargetingTables {
  referral: ReferralRow;
  referral_action: ReferralActionRow;
  inspection: InspectionRow;
  inspection_finding: InspectionFindingRow;
  inspection_capacity: InspectionCapacityRow;
  targeting_setting: TargetingSettingRow;
}

export type TargetingDb = TargetingTables & AssessmentDb & AccessTables;
