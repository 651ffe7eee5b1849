// Row shapes of the assessment context's tables (snake_case, as stored; JSON as text).
import type { RecordsTables } from '../records/index.js';

export interface AssessmentRow {
  id: string;
  /** One assessment per stored filing version: the unique key that makes redelivery harmless. */
  filing_id: string;
  filer_id: string;
  reference: string;
  filing_version: number;
  kind: string;
  office: string | null;
  received_at: string;
  deadline_at: string | null;
  assessed_at: string;
  total_points: number;
  channel: string;
  /** JSON {source, sourceId} of the factor that forced the channel, or null */
  forced_by: string | null;
  explanation: string;
  factors: string;
  profile_errors: string;
  source_errors: string;
  versions: string;
  marking: string | null;
  /** what started it: event, sweep or manual */
  trigger_kind: string;
}

/** Profiles that failed at run time, for their authors to look at. */
export interface ProfileFlagRow {
  profile_id: string;
  profile_version: number;
  first_at: string;
  last_at: string;
  failures: number;
  last_message: string;
  last_filing_id: string;
}

export interface AssessmentTables {
  assessment: AssessmentRow;
  assessment_profile_flag: ProfileFlagRow;
}

export type AssessmentDb = AssessmentTables & RecordsTables;
