// The frame of the console: navigation limited to the screens the user's roles allow, the
// language toggle, and the page for the current path. Heavy screens load on demand so the
// queue, the first screen of a targeter, does not wait for map or chart code.
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { useSession, type Role } from './auth/session-context.js';
import { useI18n } from './i18n/i18n-context.js';
import type { MessageKey } from './i18n/messages-en.js';
import { Link, match, navigate, usePath } from './ui/router.js';
import { LocaleToggle } from './ui/locale-toggle.js';
import { QueuePage } from './queue/queue-page.js';

const FilingPage = lazy(() => import('./filing/filing-page.js').then((m) => ({ default: m.FilingPage })));
const FilingsPage = lazy(() => import('./filing/filings-page.js').then((m) => ({ default: m.FilingsPage })));
const InspectionsPage = lazy(() => import('./inspections/inspections-page.js').then((m) => ({ default: m.InspectionsPage })));
const ScreeningPage = lazy(() => import('./screening/screening-page.js').then((m) => ({ default: m.ScreeningPage })));
const ProfilesPage = lazy(() => import('./profiles/profiles-page.js').then((m) => ({ default: m.ProfilesPage })));
const ProfileEditorPage = lazy(() => import('./profiles/profile-editor-page.js').then((m) => ({ default: m.ProfileEditorPage })));
const ExchangePage = lazy(() => import('./exchange/exchange-page.js').then((m) => ({ default: m.ExchangePage })));
const DashboardsPage = lazy(() => import('./dashboards/dashboards-page.js').then((m) => ({ default: m.DashboardsPage })));
const AuditPage = lazy(() => import('./audit/audit-page.js').then((m) => ({ default: m.AuditPage })));

interface Screen {
  path: string;
  label: MessageKey;
  roles: Role[];
}
export const SCREENS: readonly Screen[] = [
  { path: '/queue', label: 'nav.queue', roles: ['targeter', 'supervisor', 'analyst'] },
  { path: '/filings', label: 'nav.filings', roles: ['targeter', 'analyst', 'supervisor', 'inspector'] },
  { path: '/inspections', label: 'nav.inspections', roles: ['inspector', 'targeter', 'supervisor'] },
  { path: '/screening', label: 'nav.screening', roles: ['targeter', 'analyst'] },
  { path: '/profiles', label: 'nav.profiles', roles: ['targeter', 'supervisor', 'analyst'] },
  { path: '/exchange', label: 'nav.exchange', roles: ['liaison', 'analyst', 'supervisor'] },
  { path: '/dashboards', label: 'nav.dashboards', roles: ['targeter', 'supervisor', 'analyst'] },
  { path: '/audit', label: 'nav.audit', roles: ['dpo', 'supervisor'] },
];

function page(path: string): ReactNode {
  let m: Record<string, string> | null;
  if (path === '/queue') return <QueuePage />;
  if ((m = match('/referrals/:id', path))) return <FilingPage referralId={m.id ?? ''} />;
  if ((m = match('/filings/:id', path))) return <FilingPage filingId={m.id ?? ''} />;
  if (path === '/filings') return <FilingsPage />;
  if (path === '/inspections') return <InspectionsPage />;
  if (path === '/screening') return <ScreeningPage />;
  if (path === '/profiles') return <ProfilesPage />;
  if ((m = match('/profiles/:id', path))) return <ProfileEditorPage profileId={m.id === 'new' ? null : (m.id ?? null)} />;
  if (path === '/exchange') return <ExchangePage />;
  if (path === '/dashboards') return <DashboardsPage />;
  if (path === '/audit') return <AuditPage />;
  return null;
}

export function AppShell() {
  const { session, logout, hasRole } = useSession();
  const { t } = useI18n();
  const path = usePath();
  const screens = SCREENS.filter((s) => hasRole(...s.roles));
  const content = page(path);
  useEffect(() => {
    // Unknown paths (and /) land on the first screen this user may see.
    if (content === null && screens[0]) navigate(screens[0].path);
  }, [content, screens]);
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">{t('app.title')}</span>
        <nav>
          {screens.map((s) => (
            <Link key={s.path} to={s.path} className={path.startsWith(s.path) ? 'active' : ''} testId={`nav-${s.path.slice(1)}`}>
              {t(s.label)}
            </Link>
          ))}
        </nav>
        <span className="who" data-testid="who">
          {session?.user.displayName} · {session?.user.roles.join(', ')}
        </span>
        <LocaleToggle />
        <button type="button" onClick={logout} data-testid="logout">
          {t('app.logout')}
        </button>
      </header>
      <main>
        <Suspense fallback={<p className="notice">{t('app.loading')}</p>}>{content}</Suspense>
      </main>
    </div>
  );
}
