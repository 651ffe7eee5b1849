// The hash-chained audit log as the data-protection officer reads it: who did what to which record.
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/api-client.js';
import { useI18n } from '../i18n/i18n-context.js';
import { QueryState } from '../ui/query-state.js';

export function AuditPage() {
  const { t, dateTime } = useI18n();
  const q = useQuery({ queryKey: ['audit'], queryFn: () => unwrap(api.GET('/api/v1/audit', { params: { query: { limit: 500 } } })) });
  return (
    <section>
      <div className="toolbar"><h1>{t('audit.title')}</h1></div>
      <QueryState isLoading={q.isLoading} error={q.error}>
        <table className="dense" data-testid="audit">
          <thead><tr><th>#</th><th>{t('audit.col.at')}</th><th>{t('audit.col.actor')}</th><th>{t('audit.col.action')}</th><th>{t('audit.col.target')}</th></tr></thead>
          <tbody>
            {(q.data?.items ?? []).map((e) => (
              <tr key={e.seq}><td className="num">{e.seq}</td><td>{dateTime(e.at)}</td><td>{e.actor}</td><td>{e.action}</td><td className="mono ellipsis">{e.targetType} {e.targetId}</td></tr>
            ))}
          </tbody>
        </table>
      </QueryState>
    </section>
  );
}
