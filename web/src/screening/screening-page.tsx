// Screening hits waiting for a person: the name in the filing and the listed entity side by
// side, aligned tokens highlighted by how well they match, then true match or false positive
// with a reason (the decision is kept and reused by the node for the same pair).
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/api-client.js';
import type { paths } from '../api/schema.gen.js';
import { useI18n } from '../i18n/i18n-context.js';
import { QueryState } from '../ui/query-state.js';

type Hit = paths['/api/v1/screening/hits']['get']['responses'][200]['content']['application/json']['items'][number];

function strength(score: number): string {
  return score >= 0.95 ? 'tok-exact' : score >= 0.8 ? 'tok-close' : score > 0 ? 'tok-weak' : 'tok-none';
}

function HitCard({ hit }: { hit: Hit }) {
  const { t, number } = useI18n();
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const review = useMutation({
    mutationFn: (decision: 'true_match' | 'false_positive') => unwrap(api.POST('/api/v1/screening/hits/{id}/review', { params: { path: { id: hit.id } }, body: { decision, reason } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['screening'] }),
  });
  return (
    <div className="card hit" data-testid="screening-hit">
      <div className="toolbar">
        <span className="mono">{hit.reference}</span><span>{hit.partyRole}</span>
        <span>{t('screening.score')} <b>{number(hit.score, 2)}</b></span>
        <span className="muted">{hit.entry.list} · {hit.entry.program ?? ''} · {hit.entry.id}</span>
      </div>
      <div className="side-by-side">
        <div><h3>{t('screening.query')}</h3><p className="tokens">{hit.alignment.map((a, i) => <span key={i} className={strength(a.score)} title={String(a.score)}>{a.query || '∅'}</span>)}</p><p className="muted">{hit.query}</p></div>
        <div><h3>{t('screening.entry')}</h3><p className="tokens">{hit.alignment.map((a, i) => <span key={i} className={strength(a.score)} title={String(a.score)}>{a.entry || '∅'}</span>)}</p><p className="muted">{hit.entry.name}</p></div>
      </div>
      <div className="actions">
        <input placeholder={t('actions.reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
        <button type="button" className="primary" disabled={reason.length < 3 || review.isPending} onClick={() => review.mutate('true_match')}>{t('screening.trueMatch')}</button>
        <button type="button" disabled={reason.length < 3 || review.isPending} onClick={() => review.mutate('false_positive')}>{t('screening.falsePositive')}</button>
      </div>
      {review.error ? <p className="notice error">{review.error.message}</p> : null}
    </div>
  );
}

export function ScreeningPage() {
  const { t } = useI18n();
  const q = useQuery({ queryKey: ['screening', 'pending'], queryFn: () => unwrap(api.GET('/api/v1/screening/hits', { params: { query: { status: 'pending' } } })) });
  return (
    <section>
      <div className="toolbar"><h1>{t('screening.title')}</h1></div>
      <QueryState isLoading={q.isLoading} error={q.error}>
        {(q.data?.items ?? []).length === 0 ? <p className="notice">{t('screening.empty')}</p> : null}
        {(q.data?.items ?? []).map((h) => <HitCard key={h.id} hit={h} />)}
      </QueryState>
    </section>
  );
}
