// Exchange with partner nodes: what came in and what goes out, each item with its TLP/PAP
// marking; items waiting for a liaison officer's release; requests for assistance by due date.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/api-client.js';
import { useI18n } from '../i18n/i18n-context.js';
import { useSession } from '../auth/session-context.js';
import { QueryState } from '../ui/query-state.js';
import { MarkingBadges } from '../ui/badges.js';

function Items({ direction }: { direction: 'inbox' | 'outbox' }) {
  const { t, dateTime } = useI18n();
  const { hasRole } = useSession();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['exchange', direction], queryFn: () => unwrap(api.GET('/api/v1/exchange/items', { params: { query: { direction } } })) });
  const release = useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/exchange/items/{id}/release', { params: { path: { id } }, body: { reason: 'released by liaison officer' } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['exchange'] }),
  });
  return (
    <QueryState isLoading={q.isLoading} error={q.error}>
      <table className="dense" data-testid={`exchange-${direction}`}>
        <thead>
          <tr><th>{t('exchange.col.partner')}</th><th>{t('exchange.col.kind')}</th><th>{t('exchange.col.title')}</th><th>{t('exchange.col.marking')}</th><th>{t('exchange.col.status')}</th><th /></tr>
        </thead>
        <tbody>
          {(q.data?.items ?? []).map((i) => (
            <tr key={i.id}>
              <td>{i.partner}</td><td>{i.kind}</td><td>{i.title}</td><td><MarkingBadges marking={i.marking} /></td>
              <td>{i.status} · {dateTime(i.createdAt)}</td>
              <td>{direction === 'outbox' && i.status === 'pending' && hasRole('liaison') ? <button type="button" onClick={() => release.mutate(i.id)}>{t('exchange.release')}</button> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {release.error ? <p className="notice error">{release.error.message}</p> : null}
    </QueryState>
  );
}

function Rfas() {
  const { t, dateTime } = useI18n();
  const q = useQuery({ queryKey: ['exchange', 'rfas'], queryFn: () => unwrap(api.GET('/api/v1/exchange/rfas')) });
  const now = Date.now();
  return (
    <QueryState isLoading={q.isLoading} error={q.error}>
      <table className="dense" data-testid="exchange-rfas">
        <tbody>
          {[...(q.data?.items ?? [])].sort((a, b) => a.dueAt.localeCompare(b.dueAt)).map((r) => (
            <tr key={r.id}>
              <td>{r.direction}</td><td>{r.partner}</td><td>{r.subject}</td><td>{r.status}</td>
              <td className={Date.parse(r.dueAt) < now ? 'overdue' : ''}>{t('exchange.col.due')} {dateTime(r.dueAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </QueryState>
  );
}

export function ExchangePage() {
  const { t } = useI18n();
  const [tab, setTab] = useState<'inbox' | 'outbox' | 'rfas'>('inbox');
  return (
    <section>
      <div className="toolbar">
        <h1>{t('exchange.title')}</h1>
        <span className="tabs">
          {(['inbox', 'outbox', 'rfas'] as const).map((x) => (
            <button key={x} type="button" aria-pressed={tab === x} onClick={() => setTab(x)}>{t(`exchange.${x}`)}</button>
          ))}
        </span>
      </div>
      {tab === 'rfas' ? <Rfas /> : <Items key={tab} direction={tab} />}
    </section>
  );
}
