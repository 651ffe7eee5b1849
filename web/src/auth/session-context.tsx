// The signed-in user and their token. The token lives in sessionStorage so a reload keeps the
// session but closing the tab ends it; the node decides how long a token lasts.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { api, setApiToken, unwrap } from '../api/api-client.js';
import type { paths } from '../api/schema.gen.js';

type LoginAnswer = paths['/api/v1/auth/login']['post']['responses'][200]['content']['application/json'];
export type Role = LoginAnswer['user']['roles'][number];
export interface SessionUser {
  username: string;
  displayName: string;
  roles: Role[];
  agency: string;
}
interface Session {
  token: string;
  user: SessionUser;
}
interface SessionApi {
  session: Session | null;
  login(username: string, password: string): Promise<void>;
  logout(): void;
  hasRole(...roles: Role[]): boolean;
}

const KEY = 'tandem.session';
const SessionContext = createContext<SessionApi | null>(null);

function restore(): Session | null {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed === 'object' && parsed !== null && 'token' in parsed && 'user' in parsed && typeof parsed.token === 'string') {
      const u = parsed.user;
      if (typeof u === 'object' && u !== null && 'username' in u && 'displayName' in u && 'roles' in u && 'agency' in u) {
        const user: SessionUser = {
          username: String(u.username),
          displayName: String(u.displayName),
          roles: Array.isArray(u.roles) ? u.roles.filter(isRole) : [],
          agency: String(u.agency),
        };
        return { token: parsed.token, user };
      }
    }
  } catch {
    // A damaged entry is just a missing session.
  }
  return null;
}

const ROLES: readonly Role[] = ['admin', 'supervisor', 'targeter', 'analyst', 'inspector', 'liaison', 'dpo'];
function isRole(r: unknown): r is Role {
  return ROLES.some((x) => x === r);
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => {
    const s = restore();
    setApiToken(s?.token ?? null);
    return s;
  });
  const logout = useCallback(() => {
    const current = session?.token;
    if (current) void api.POST('/api/v1/auth/logout').catch(() => undefined);
    sessionStorage.removeItem(KEY);
    setApiToken(null);
    setSession(null);
  }, [session]);
  setApiToken(session?.token ?? null, () => {
    sessionStorage.removeItem(KEY);
    setApiToken(null);
    setSession(null);
  });
  const login = useCallback(async (username: string, password: string) => {
    const res = await unwrap(api.POST('/api/v1/auth/login', { body: { username, password } }));
    const s: Session = { token: res.token, user: { username: res.user.username, displayName: res.user.displayName, roles: res.user.roles, agency: res.user.agency } };
    sessionStorage.setItem(KEY, JSON.stringify(s));
    setApiToken(s.token);
    setSession(s);
  }, []);
  const value = useMemo<SessionApi>(
    () => ({
      session,
      login,
      logout,
      hasRole: (...roles) => !!session && (session.user.roles.includes('admin') || roles.some((r) => session.user.roles.includes(r))),
    }),
    [session, login, logout],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}
