// Risk profiles with their hit statistics: how often each fired, how many of those were
// inspected and what share of inspections found something.
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/api-client.js';
import { useI18n } from '../i18n/i18n-context.js';
import { useSession } from '../auth/session-context.js';
import { QueryState } from '../ui/query-state.js';
import { Link, navigate } from '../ui/router.js';

export function ProfilesPage() {
  const { t, number, percent } = useI18n();
  const { hasRole } = useSession();
  const q = useQuery({ queryKey: ['profiles'], queryFn: () => unwrap(api.GET('/api/v1/profiles')) });
  return (
    <section>
      <div className="toolbar">
        <h1>{t('profiles.title')}</h1>
        {hasRole('targeter', 'supervisor') ? <Link to="/profiles/new" className="button">{t('profiles.new')}</Link> : null}
      </div>
      <QueryState isLoading={q.isLoading} error={q.error}>
        <table className="dense clickable" data-testid="profiles">
          <thead>
            <tr>
              <th>{t('profiles.col.name')}</th><th>v</th><th>{t('profiles.col.status')}</th><th>{t('profiles.col.threat')}</th><th>{t('profiles.col.author')}</th>
              <th className="num">{t('profiles.col.hits')}</th><th className="num">{t('profiles.col.inspected')}</th><th className="num">{t('profiles.col.findings')}</th><th className="num">{t('profiles.col.rate')}</th>
            </tr>
          </thead>
          <tbody>
            {(q.data?.items ?? []).map((p) => (
              <tr key={p.id} onClick={() => navigate(`/profiles/${encodeURIComponent(p.id)}`)} data-testid="profile-row" data-profile-id={p.id}>
                <td className="strong">{p.name}</td><td>{p.version}</td><td>{p.status}</td><td>{p.threatCategory}</td><td>{p.author}</td>
                <td className="num">{number(p.stats.hits)}</td><td className="num">{number(p.stats.inspected)}</td><td className="num">{number(p.stats.findings)}</td>
                <td className="num strong" data-testid="finding-rate">{percent(p.stats.findingRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </QueryState>
    </section>
  );
}
