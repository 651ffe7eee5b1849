// Writing and approving a risk profile: the condition is validated by the node as it is typed
// (errors at their position), a draft is backtested on stored filings before approval, and the
// approval is given by a supervisor who is not the author.
import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/api-client.js';
import { useI18n } from '../i18n/i18n-context.js';
import { useSession } from '../auth/session-context.js';
import { QueryState } from '../ui/query-state.js';
import { navigate } from '../ui/router.js';
import { ConditionEditor, type Diagnostic } from './condition-editor.js';

const THREATS = ['narcotics', 'synthetic_opioids', 'arms_dual_use', 'forced_labour', 'counterfeit_ipr', 'fiscal_fraud', 'money_laundering', 'security_terrorism', 'health_safety'];

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

export function ProfileEditorPage({ profileId }: { profileId: string | null }) {
  const { t, number, percent } = useI18n();
  const { session, hasRole } = useSession();
  const qc = useQueryClient();
  const existing = useQuery({
    queryKey: ['profile', profileId],
    queryFn: () => unwrap(api.GET('/api/v1/profiles/{id}', { params: { path: { id: profileId ?? '' } } })),
    enabled: profileId !== null,
  });
  const [name, setName] = useState('');
  const [threat, setThreat] = useState(THREATS[0] ?? '');
  const [condition, setCondition] = useState('goods.hs6 in ["293333"] and transport.routing has "MX"');
  const [points, setPoints] = useState(40);
  const [rationale, setRationale] = useState('');
  const p = existing.data;
  const latest = p?.versions.find((v) => v.version === p.latestVersion) ?? null;
  useEffect(() => {
    if (!latest) return;
    const d = latest.definition;
    setName(d.name);
    setThreat(d.threat);
    setCondition(d.condition);
    setPoints(d.action.points);
    setRationale(d.rationale);
  }, [latest]);
  const debounced = useDebounced(condition, 250);
  const validation = useQuery({
    queryKey: ['validate', debounced],
    queryFn: () => unwrap(api.POST('/api/v1/profiles/validate', { body: { condition: debounced } })),
  });
  // Problems with a position are marked in the editor; the others (a whole-definition problem)
  // are listed under it at 1:1.
  const diagnostics: Diagnostic[] = (validation.data?.problems ?? []).map((d) => ({ line: d.line ?? 1, column: d.column ?? 1, message: d.message }));
  // Fields this form does not edit (scope, validity, forced channel, shareable) are kept from the
  // latest version; a new profile takes the node's defaults for them.
  const kept = latest?.definition;
  const definition = {
    ...(kept ?? {}),
    name,
    ownerAgency: kept?.ownerAgency ?? session?.user.agency ?? '',
    threat,
    condition,
    action: { points, forcedChannel: kept?.action.forcedChannel ?? null },
    rationale,
  };
  const save = useMutation({
    mutationFn: () => (profileId ? unwrap(api.PUT('/api/v1/profiles/{id}', { params: { path: { id: profileId } }, body: { definition } })) : unwrap(api.POST('/api/v1/profiles', { body: { definition } }))),
    onSuccess: (saved) => {
      void qc.invalidateQueries({ queryKey: ['profiles'] });
      qc.setQueryData(['profile', saved.id], saved);
      if (!profileId) navigate(`/profiles/${encodeURIComponent(saved.id)}`);
    },
  });
  const backtest = useMutation({ mutationFn: (id: string) => unwrap(api.POST('/api/v1/profiles/{id}/backtest', { params: { path: { id } }, body: { days: 90, version: latest?.version } })) });
  const approve = useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/profiles/{id}/approve', { params: { path: { id } }, body: { version: latest?.version } })),
    onSuccess: (saved) => {
      qc.setQueryData(['profile', saved.id], saved);
      void qc.invalidateQueries({ queryKey: ['profiles'] });
    },
  });
  const isAuthor = !!latest && latest.author === session?.user.username;
  const b = backtest.data;
  return (
    <QueryState isLoading={profileId !== null && existing.isLoading} error={existing.error}>
      <section className="card form profile-editor">
        <div className="toolbar">
          <h1>{t('profiles.editor')}</h1>
          {p && latest ? <span>{p.id} · v{latest.version} · {latest.status} · {latest.author}{latest.approvedBy ? ` ✓ ${latest.approvedBy}` : ''}</span> : null}
        </div>
        <label>{t('profiles.name')}<input value={name} onChange={(e) => setName(e.target.value)} /></label>
        <label>{t('profiles.threat')}
          <select value={threat} onChange={(e) => setThreat(e.target.value)}>{THREATS.map((x) => <option key={x} value={x}>{x}</option>)}</select>
        </label>
        <label>{t('profiles.condition')}</label>
        <ConditionEditor value={condition} onChange={setCondition} diagnostics={diagnostics} />
        <div className="diagnostics" data-testid="diagnostics">
          {validation.error ? <QueryState isLoading={false} error={validation.error} /> : null}
          {validation.data?.ok ? <span className="ok">{t('profiles.valid')}</span> : null}
          {diagnostics.map((d, i) => <div key={i} className="error">{d.line}:{d.column} {d.message}</div>)}
        </div>
        <label>{t('profiles.points')}<input type="number" value={points} onChange={(e) => setPoints(Number(e.target.value))} /></label>
        <label>{t('profiles.rationale')}<textarea value={rationale} onChange={(e) => setRationale(e.target.value)} rows={2} /></label>
        <div className="buttons">
          {hasRole('targeter', 'supervisor') ? <button type="button" disabled={diagnostics.length > 0 || !name || save.isPending} onClick={() => save.mutate()}>{t('profiles.save')}</button> : null}
          {p ? <button type="button" onClick={() => backtest.mutate(p.id)} disabled={backtest.isPending}>{t('profiles.backtest')}</button> : null}
          {p && latest && hasRole('supervisor') && latest.status === 'draft' ? (
            <button type="button" className="primary" disabled={isAuthor || !b || approve.isPending} title={isAuthor ? t('profiles.approveOwn') : ''} onClick={() => approve.mutate(p.id)}>{t('profiles.approve')}</button>
          ) : null}
        </div>
        {b ? <p className="notice" data-testid="backtest">{t('profiles.backtestResult', { hits: number(b.hits), evaluated: number(b.filingsScanned), inspected: number(b.inspected), findings: number(b.findings), rate: percent(b.findingRate) })}</p> : null}
        {[save.error, backtest.error, approve.error].map((e, i) => (e ? <p key={i} className="notice error">{e.message}</p> : null))}
      </section>
    </QueryState>
  );
}
