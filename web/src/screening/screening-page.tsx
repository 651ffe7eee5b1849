// Screening a name against the lists and lookouts in force (POST /api/v1/screen): each hit shows
// the name asked and the listed name side by side, tokens coloured by how well they align, and
// the features that moved the score. Hits on filing parties reach the targeter as assessment
// factors on the referral; the node keeps no list of hits awaiting review, so there is none here.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/api-client.js';
import type { paths } from '../api/schema.gen.js';
import { useI18n } from '../i18n/i18n-context.js';
import { QueryState } from '../ui/query-state.js';

type ScreenAnswer = paths['/api/v1/screen']['post']['responses'][200]['content']['application/json'];
type Hit = NonNullable<ScreenAnswer['results'][number]['hits']>[number];
type EntityType = 'person' | 'organization' | 'vessel' | 'aircraft';
const TYPES: readonly EntityType[] = ['organization', 'person', 'vessel', 'aircraft'];
const isType = (v: string): v is EntityType => TYPES.some((x) => x === v);

function strength(score: number): string {
  return score >= 0.95 ? 'tok-exact' : score >= 0.8 ? 'tok-close' : score > 0 ? 'tok-weak' : 'tok-none';
}

function HitCard({ hit }: { hit: Hit }) {
  const { t, number } = useI18n();
  const aligned = hit.explanation.aligned;
  return (
    <div className="card hit" data-testid="screening-hit">
      <div className="toolbar">
        <b>{hit.matchedName}</b>
        <span>{t('screening.score')} <b>{number(hit.score, 2)}</b></span>
        {hit.alert ? <span className="badge ch-red">{t('screening.alert')}</span> : null}
        <span className="muted">{hit.list} · {hit.listVersion} · {hit.entryId} · {hit.entityType}</span>
      </div>
      <div className="side-by-side">
        <div>
          <h3>{t('screening.query')}</h3>
          <p className="tokens">
            {aligned.map((a, i) => <span key={i} className={strength(a.score)} title={`${a.how} ${a.score}`}>{a.query || '∅'}</span>)}
            {hit.explanation.extraQuery.map((x, i) => <span key={`q${i}`} className="tok-none">{x}</span>)}
          </p>
        </div>
        <div>
          <h3>{t('screening.entry')}</h3>
          <p className="tokens">
            {aligned.map((a, i) => <span key={i} className={strength(a.score)} title={`${a.how} ${a.score}`}>{a.listed || '∅'}</span>)}
            {hit.explanation.extraListed.map((x, i) => <span key={`l${i}`} className="tok-none">{x}</span>)}
          </p>
        </div>
      </div>
      {hit.explanation.features.length > 0 ? (
        <p className="muted">{hit.explanation.features.map((f) => `${f.feature} ${f.delta >= 0 ? '+' : ''}${number(f.delta, 2)}${f.detail ? ` (${f.detail})` : ''}`).join(' · ')}</p>
      ) : null}
    </div>
  );
}

export function ScreeningPage() {
  const { t, number, dateTime } = useI18n();
  const status = useQuery({ queryKey: ['screening', 'status'], queryFn: () => unwrap(api.GET('/api/v1/screening/status')) });
  const [name, setName] = useState('');
  const [type, setType] = useState<EntityType>('organization');
  const [country, setCountry] = useState('');
  const screen = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/screen', { body: { name, type, ...(country ? { country } : {}), top: 10 } })),
  });
  const result = screen.data?.results[0];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) screen.mutate();
  };
  return (
    <section>
      <div className="toolbar">
        <h1>{t('screening.title')}</h1>
        <QueryState isLoading={status.isLoading} error={status.error}>
          {status.data ? (
            <span className="muted" data-testid="screening-status">
              {status.data.lists.map((l) => `${l.list} ${l.version}`).join(' · ')} · {t('screening.entries', { entries: number(status.data.entries), lookouts: number(status.data.lookouts) })} · {dateTime(status.data.builtAt)}
            </span>
          ) : null}
        </QueryState>
      </div>
      <form className="card form" onSubmit={submit} data-testid="screening-form">
        <label>{t('screening.name')}<input name="name" value={name} onChange={(e) => setName(e.target.value)} /></label>
        <label>{t('screening.type')}
          <select value={type} onChange={(e) => { if (isType(e.target.value)) setType(e.target.value); }}>
            {TYPES.map((x) => <option key={x} value={x}>{x}</option>)}
          </select>
        </label>
        <label>{t('screening.country')}<input value={country} onChange={(e) => setCountry(e.target.value)} /></label>
        <button type="submit" className="primary" disabled={!name.trim() || screen.isPending}>{t('screening.screen')}</button>
      </form>
      {screen.error ? <QueryState isLoading={false} error={screen.error} /> : null}
      {result?.error ? <p className="notice error" role="alert">{result.error}</p> : null}
      {result?.hits && result.hits.length === 0 ? <p className="notice">{t('screening.empty')}</p> : null}
      {(result?.hits ?? []).map((h) => <HitCard key={`${h.list}:${h.entryId}`} hit={h} />)}
    </section>
  );
}
