// One consignment on one screen: the assessment (why it is here), the decision panel, the record
// (parties, goods, transport, equipment), the route on the offline map and the parties' history.
// Opened from the queue (a referral) or from the filings list (a filing without a referral).
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/api-client.js';
import { useI18n } from '../i18n/i18n-context.js';
import { useSession } from '../auth/session-context.js';
import { QueryState } from '../ui/query-state.js';
import { ChannelBadge, MarkingBadges } from '../ui/badges.js';
import { RouteMap } from '../map/route-map.js';
import { FactorTable } from './factor-table.js';
import { ActionPanel } from './action-panel.js';
import { PartyHistory } from './party-history.js';
import { InspectionBlock } from './inspection-block.js';
import { useProfileThreats } from '../profiles/profile-stats.js';
import { EquipmentTable, GoodsTable, PartiesTable, TransportBlock } from './filing-sections.js';

const CLOSED = new Set(['released', 'inspected', 'superseded']);

export function FilingPage({ referralId, filingId }: { referralId?: string; filingId?: string }) {
  const { t, tv, dateTime, number } = useI18n();
  const { hasRole } = useSession();
  const referral = useQuery({
    queryKey: ['referral', referralId],
    queryFn: () => unwrap(api.GET('/api/v1/referrals/{id}', { params: { path: { id: referralId ?? '' } } })),
    enabled: !!referralId,
  });
  const fid = filingId ?? referral.data?.referral.filingId;
  const filing = useQuery({
    queryKey: ['filing', fid],
    queryFn: () => unwrap(api.GET('/api/v1/filings/{id}', { params: { path: { id: fid ?? '' } } })),
    enabled: !!fid,
  });
  const r = referral.data?.referral;
  const a = referral.data?.assessment ?? null;
  const actions = referral.data?.actions ?? [];
  const f = filing.data;
  // The referral row carries no threat: it is the threat of each profile that fired.
  const threatOf = useProfileThreats();
  const threats = [...new Set((a?.factors ?? []).flatMap((x) => (x.source === 'profile' ? [threatOf.get(x.sourceId) ?? ''] : [])).filter((x) => x))];
  return (
    <QueryState isLoading={(!!referralId && referral.isLoading) || filing.isLoading || !fid} error={referral.error ?? filing.error}>
      {f ? (
        <div className="filing" data-testid="filing-view">
          <div className="toolbar">
            <h1>{t('filing.title', { reference: f.reference })}</h1>
            <span>{f.kind}</span>
            <span>{f.office ?? '—'}</span>
            <span>{dateTime(f.deadlineAt)}</span>
            {r ? <ChannelBadge channel={r.channel} /> : null}
            {r ? <span className="badge">{tv('status', r.status)}</span> : null}
            {a ? <MarkingBadges marking={a.marking} /> : null}
          </div>
          <div className="grid2">
            <div>
              {r ? (
                <section className="card">
                  <h2>
                    {t('assessment.title')} · <span data-testid="total-points">{t('assessment.points', { points: number(a?.totalPoints ?? r.totalPoints, 1) })}</span>
                  </h2>
                  {threats.length > 0 ? <p data-testid="threats">{t('queue.col.threats')}: {threats.join(', ')}</p> : null}
                  <p className="explanation" data-testid="explanation">{a?.explanation ?? r.summary.join(' ')}</p>
                  {r.summary.length > 0 ? <ul className="log" data-testid="summary">{r.summary.map((s, i) => <li key={i}>{s}</li>)}</ul> : null}
                  {a ? <FactorTable factors={a.factors} /> : null}
                  {hasRole('targeter', 'supervisor') ? <ActionPanel referralId={r.id} kind={r.kind} version={r.version} closed={CLOSED.has(r.status)} /> : null}
                  {referral.data?.inspection ? <InspectionBlock inspection={referral.data.inspection} /> : null}
                  {actions.length > 0 ? (
                    <>
                      <h3>{t('actions.log')}</h3>
                      <ul className="log" data-testid="action-log">
                        {actions.map((x, i) => (
                          <li key={i}>
                            {dateTime(x.at)} · {x.actor} · <b>{x.action}</b> ({tv('status', x.fromStatus)} → {tv('status', x.toStatus)}) — {x.reason}
                          </li>
                        ))}
                      </ul>
                    </>
                  ) : null}
                </section>
              ) : null}
              <section className="card">
                <h2>{t('filing.parties')}</h2>
                <PartiesTable filing={f.filing} />
              </section>
              <section className="card">
                <h2>{t('filing.goods')}</h2>
                <GoodsTable filing={f.filing} />
              </section>
            </div>
            <div>
              <section className="card">
                <h2>{t('filing.route')}</h2>
                <RouteMap loading={f.filing.transport.loadingPlace} discharge={f.filing.transport.dischargePlace} routing={f.filing.transport.routing} />
              </section>
              <section className="card">
                <h2>{t('filing.transport')}</h2>
                <TransportBlock filing={f.filing} />
              </section>
              <section className="card">
                <h2>{t('filing.equipment')}</h2>
                <EquipmentTable filing={f.filing} />
              </section>
              <section className="card">
                <h2>{t('filing.history')}</h2>
                <PartyHistory filingId={f.id} />
              </section>
            </div>
          </div>
        </div>
      ) : null}
    </QueryState>
  );
}
