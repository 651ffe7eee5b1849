// Exchange with partner nodes: what came in and what goes out, each item with its TLP/PAP
// marking; items waiting for a liaison officer's release; requests for assistance by due date.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/api-client.js';
import { useI18n } from '../i18n/i18n-context.js';
import { useSession } from '../auth/session-context.js';
import { QueryState } from '../ui/query-state.js';
import { MarkingBadges } from '../ui/badges.js';

function Inbox() {
  const { t, dateTime } = useI18n();
  const q = useQuery({ queryKey: ['exchange', 'inbox'], queryFn: () => unwrap(api.GET('/api/v1/exchange/inbox', { params: { query: { limit: 500 } } })) });
  return (
    <QueryState isLoading={q.isLoading} error={q.error}>
      <table className="dense" data-testid="exchange-inbox">
        <thead>
          <tr><th>{t('exchange.col.partner')}</th><th>{t('exchange.col.kind')}</th><th>{t('exchange.col.title')}</th><th>{t('exchange.col.marking')}</th><th>{t('exchange.col.status')}</th></tr>
        </thead>
        <tbody>
          {(q.data ?? []).map((i) => (
            <tr key={i.id}>
              <td>{i.partnerId}</td><td>{i.kind}</td><td title={i.legalBasis}>{i.purposes.join(', ')}</td><td><MarkingBadges marking={i.marking} /></td>
              <td>{i.status} · {dateTime(i.receivedAt ?? i.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </QueryState>
  );
}

/** What this node shares; items wait in awaiting_release until a liaison officer releases them. */
function Outbox() {
  const { t, dateTime } = useI18n();
  const { hasRole } = useSession();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['exchange', 'outbox'], queryFn: () => unwrap(api.GET('/api/v1/exchange/outbox', { params: { query: { limit: 500 } } })) });
  const release = useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/exchange/outbox/{id}/release', { params: { path: { id } } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['exchange'] }),
  });
  return (
    <QueryState isLoading={q.isLoading} error={q.error}>
      <table className="dense" data-testid="exchange-outbox">
        <thead>
          <tr><th>{t('exchange.col.partner')}</th><th>{t('exchange.col.kind')}</th><th>{t('exchange.col.status')}</th><th /></tr>
        </thead>
        <tbody>
          {(q.data ?? []).map((o) => (
            <tr key={`${o.itemId}-${o.partnerId}`}>
              <td>{o.partnerId}</td><td>{o.kind}</td>
              <td>{o.status} · {dateTime(o.deliveredAt ?? o.releasedAt ?? o.createdAt)}{o.lastError ? ` · ${o.lastError}` : ''}</td>
              <td>{o.status === 'awaiting_release' && hasRole('liaison') ? <button type="button" onClick={() => release.mutate(o.itemId)}>{t('exchange.release')}</button> : null}</td>
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
  const q = useQuery({ queryKey: ['exchange', 'rfas'], queryFn: () => unwrap(api.GET('/api/v1/exchange/rfas', { params: { query: {} } })) });
  return (
    <QueryState isLoading={q.isLoading} error={q.error}>
      <table className="dense" data-testid="exchange-rfas">
        <tbody>
          {[...(q.data ?? [])].sort((a, b) => a.deadline.localeCompare(b.deadline)).map((r) => (
            <tr key={r.itemId}>
              <td>{r.direction}</td><td>{r.partner}</td><td>{r.question}</td><td>{r.status}</td>
              <td className={r.overdue ? 'overdue' : ''}>{t('exchange.col.due')} {dateTime(r.deadline)}</td>
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
            <button key={x} type="button" aria-pressed={tab === x} onClick={() => setTab(x)} data-testid={`tab-${x}`}>{t(`exchange.${x}`)}</button>
          ))}
        </span>
      </div>
      {tab === 'rfas' ? <Rfas /> : tab === 'inbox' ? <Inbox /> : <Outbox />}
    </section>
  );
}
