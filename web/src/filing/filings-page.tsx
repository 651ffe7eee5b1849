// The latest version of every filing, newest first, for users who look a consignment up directly.
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/api-client.js';
import { useI18n } from '../i18n/i18n-context.js';
import { QueryState } from '../ui/query-state.js';
import { navigate } from '../ui/router.js';

export function FilingsPage() {
  const { t, dateTime, number } = useI18n();
  const q = useQuery({ queryKey: ['filings'], queryFn: () => unwrap(api.GET('/api/v1/filings', { params: { query: { limit: 500 } } })) });
  return (
    <section>
      <div className="toolbar">
        <h1>{t('filings.title')}</h1>
      </div>
      <QueryState isLoading={q.isLoading} error={q.error}>
        <table className="dense clickable" data-testid="filings">
          <thead>
            <tr>
              <th>{t('filings.col.reference')}</th><th>{t('filings.col.kind')}</th><th>{t('filings.col.office')}</th>
              <th>{t('filings.col.received')}</th><th>{t('filings.col.deadline')}</th><th className="num">{t('filings.col.goods')}</th>
            </tr>
          </thead>
          <tbody>
            {(q.data?.items ?? []).map((f) => (
              <tr key={f.id} onClick={() => navigate(`/filings/${f.id}`)} data-testid="filing-row">
                <td className="mono">{f.reference}</td>
                <td>{f.kind}</td>
                <td>{f.office ?? '—'}</td>
                <td>{dateTime(f.receivedAt)}</td>
                <td>{dateTime(f.deadlineAt)}</td>
                <td className="num">{number(f.goodsCount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </QueryState>
    </section>
  );
}
