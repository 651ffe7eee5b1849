// Risk profiles with their hit statistics: how often each selected a filing, how many of those
// were inspected and what share of inspections found something.
import { useI18n } from '../i18n/i18n-context.js';
import { useSession } from '../auth/session-context.js';
import { QueryState } from '../ui/query-state.js';
import { Link, navigate } from '../ui/router.js';
import { useProfilesWithStats } from './profile-stats.js';

export function ProfilesPage() {
  const { t, number, percent } = useI18n();
  const { hasRole } = useSession();
  const { list, items, stats } = useProfilesWithStats();
  return (
    <section>
      <div className="toolbar">
        <h1>{t('profiles.title')}</h1>
        {hasRole('targeter', 'supervisor', 'analyst') ? <Link to="/profiles/new" className="button">{t('profiles.new')}</Link> : null}
      </div>
      <QueryState isLoading={list.isLoading} error={list.error}>
        <table className="dense clickable" data-testid="profiles">
          <thead>
            <tr>
              <th>{t('profiles.col.name')}</th><th>v</th><th>{t('profiles.col.status')}</th><th>{t('profiles.col.threat')}</th><th>{t('profiles.col.author')}</th>
              <th className="num">{t('profiles.col.hits')}</th><th className="num">{t('profiles.col.inspected')}</th><th className="num">{t('profiles.col.findings')}</th><th className="num">{t('profiles.col.rate')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((p) => {
              const s = stats.get(p.id);
              return (
                <tr key={p.id} onClick={() => navigate(`/profiles/${encodeURIComponent(p.id)}`)} data-testid="profile-row" data-profile-id={p.id}>
                  <td className="strong">{p.name}{p.runtimeErrors > 0 ? ' ⚠' : ''}</td><td>{p.latestVersion}{p.activeVersion !== null && p.activeVersion !== p.latestVersion ? ` (${p.activeVersion})` : ''}</td>
                  <td>{p.latestStatus}</td><td>{p.threat}</td><td>{p.author}</td>
                  <td className="num">{s ? number(s.selected) : '…'}</td><td className="num" data-testid="inspected">{s ? number(s.inspected) : '…'}</td><td className="num" data-testid="findings">{s ? number(s.findings) : '…'}</td>
                  <td className="num strong" data-testid="finding-rate">{s ? percent(s.findingRate) : '…'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </QueryState>
    </section>
  );
}
