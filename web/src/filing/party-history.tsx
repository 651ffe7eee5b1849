// What the node already knows about the parties of this filing: how long they have been seen,
// how often inspected and with what result. Computed by the node from stored data only.
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/api-client.js';
import { useI18n } from '../i18n/i18n-context.js';
import { QueryState } from '../ui/query-state.js';

export function PartyHistory({ filingId }: { filingId: string }) {
  const { t, date, number } = useI18n();
  const q = useQuery({ queryKey: ['party-history', filingId], queryFn: () => unwrap(api.GET('/api/v1/filings/{id}/party-history', { params: { path: { id: filingId } } })) });
  return (
    <QueryState isLoading={q.isLoading} error={q.error}>
      <table className="dense" data-testid="party-history">
        <tbody>
          {(q.data?.items ?? []).map((h) => (
            <tr key={`${h.role}-${h.partyKey}`}>
              <td>{h.role}</td>
              <td className="strong">{h.name}</td>
              <td>{t('filing.history.firstSeen')} {date(h.firstSeen)}</td>
              <td className="num">{number(h.filings)} {t('filing.history.filings')}</td>
              <td className="num">{number(h.inspected)} {t('filing.history.inspected')}</td>
              <td className={`num ${h.findings > 0 ? 'overdue' : ''}`}>{number(h.findings)} {t('filing.history.findings')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </QueryState>
  );
}
