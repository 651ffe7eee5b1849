export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  roles: string; // JSON array of Role
  agency: string;
  password_hash: string;
  created_at: string;
  disabled: number;
}

export interface TokenRow {
  id: string;
  token_hash: string;
  kind: string; // 'session' | 'api'
  user_id: string | null;
  name: string;
  roles: string; // JSON array, for API tokens
  agency: string;
  created_at: string;
  expires_at: string | null;
  revoked: number;
}

export interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target_type: string;
  target_id: string;
  details: string;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadRow {
  id: number;
  seq: number;
  hash: string;
}

export interface AccessTables {
  app_user: UserRow;
  access_token: TokenRow;
  audit_log: AuditRow;
  audit_head: AuditHeadRow;
}
