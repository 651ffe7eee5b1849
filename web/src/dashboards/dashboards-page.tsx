// The supervisor's view of the operation: referrals and findings per day, finding rate per
// profile, selection against inspection capacity per office, items exchanged per partner.
import { useMemo } from 'react';
import { useQueries, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/api-client.js';
import { useI18n } from '../i18n/i18n-context.js';
import { QueryState } from '../ui/query-state.js';
import { EChart } from './echart.js';
import { useProfilesWithStats } from '../profiles/profile-stats.js';
import { QUEUE_ROUTE_MAX } from '../queue/queue-model.js';

const GRID = { left: 48, right: 16, top: 32, bottom: 56 };

export function DashboardsPage() {
  const { t, date } = useI18n();
  const daily = useQuery({ queryKey: ['stats', 'daily'], queryFn: () => unwrap(api.GET('/api/v1/stats/daily', { params: { query: { days: 30 } } })) });
  const profiles = useProfilesWithStats();
  // Capacity is served per office: the offices are those of the open referrals (the queue's
  // own call, shared through the cache), then one small call per office for today.
  const queue = useQuery({
    queryKey: ['referrals', 'open', ''],
    queryFn: () => unwrap(api.GET('/api/v1/referrals', { params: { query: { limit: QUEUE_ROUTE_MAX } } })),
  });
  const offices = useMemo(() => [...new Set((queue.data?.items ?? []).map((r) => r.office))].sort(), [queue.data]);
  const capacities = useQueries({
    queries: offices.map((office) => ({
      queryKey: ['capacity', office],
      queryFn: () => unwrap(api.GET('/api/v1/offices/{office}/capacity', { params: { path: { office }, query: {} } })),
    })),
    // combine keeps one array identity while the answers are unchanged (the chart's memo key).
    combine: (results) => ({ data: results.flatMap((q) => (q.data ? [q.data] : [])), error: results.find((q) => q.error)?.error ?? null }),
  });
  const inbox = useQuery({ queryKey: ['exchange', 'inbox'], queryFn: () => unwrap(api.GET('/api/v1/exchange/inbox', { params: { query: { limit: 1000 } } })) });
  const outbox = useQuery({ queryKey: ['exchange', 'outbox'], queryFn: () => unwrap(api.GET('/api/v1/exchange/outbox', { params: { query: { limit: 1000 } } })) });

  const perDay = useMemo(() => {
    const d = daily.data?.items ?? [];
    return {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: GRID,
      xAxis: { type: 'category', data: d.map((x) => date(x.day)) },
      yAxis: { type: 'value' },
      series: [
        { name: t('dash.referrals'), type: 'bar', data: d.map((x) => x.referrals) },
        { name: t('dash.inspections'), type: 'bar', data: d.map((x) => x.inspections) },
        { name: t('dash.findings'), type: 'line', data: d.map((x) => x.findings) },
      ],
    };
  }, [daily.data, t, date]);
  const rates = useMemo(() => {
    const ps = profiles.items.flatMap((p) => {
      const rate = profiles.stats.get(p.id)?.findingRate;
      return rate === null || rate === undefined ? [] : [{ name: p.name, rate }];
    });
    return {
      tooltip: {},
      grid: { ...GRID, left: 160 },
      xAxis: { type: 'value', max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)} %` } },
      yAxis: { type: 'category', data: ps.map((p) => p.name) },
      series: [{ type: 'bar', data: ps.map((p) => p.rate) }],
    };
  }, [profiles.items, profiles.stats]);
  const cap = useMemo(() => {
    const c = capacities.data;
    return {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: GRID,
      xAxis: { type: 'category', data: c.map((x) => x.office) },
      yAxis: { type: 'value' },
      series: [
        { name: t('dash.selected'), type: 'bar', data: c.map((x) => x.used ?? 0) },
        { name: t('dash.capacityLabel'), type: 'bar', data: c.map((x) => x.capacity) },
      ],
    };
  }, [capacities.data, t]);
  const partners = useMemo(() => {
    const counts = new Map<string, { in: number; out: number }>();
    for (const i of inbox.data ?? []) counts.set(i.partnerId, { in: (counts.get(i.partnerId)?.in ?? 0) + 1, out: counts.get(i.partnerId)?.out ?? 0 });
    for (const o of outbox.data ?? []) counts.set(o.partnerId, { in: counts.get(o.partnerId)?.in ?? 0, out: (counts.get(o.partnerId)?.out ?? 0) + 1 });
    const names = [...counts.keys()].sort();
    return {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: GRID,
      xAxis: { type: 'category', data: names },
      yAxis: { type: 'value' },
      series: [
        { name: t('exchange.inbox'), type: 'bar', data: names.map((n) => counts.get(n)?.in ?? 0) },
        { name: t('exchange.outbox'), type: 'bar', data: names.map((n) => counts.get(n)?.out ?? 0) },
      ],
    };
  }, [inbox.data, outbox.data, t]);
  return (
    <section>
      <div className="toolbar"><h1>{t('dash.title')}</h1></div>
      <div className="grid2">
        <div className="card"><h2>{t('dash.perDay')}</h2><QueryState isLoading={daily.isLoading} error={daily.error}><EChart option={perDay} testId="chart-daily" /></QueryState></div>
        <div className="card"><h2>{t('dash.rateByProfile')}</h2><QueryState isLoading={profiles.list.isLoading} error={profiles.list.error}><EChart option={rates} testId="chart-rates" /></QueryState></div>
        <div className="card"><h2>{t('dash.capacity')}</h2><QueryState isLoading={queue.isLoading} error={queue.error ?? capacities.error}><EChart option={cap} testId="chart-capacity" /></QueryState></div>
        <div className="card"><h2>{t('dash.partners')}</h2><QueryState isLoading={inbox.isLoading} error={inbox.error ?? outbox.error}><EChart option={partners} testId="chart-partners" /></QueryState></div>
      </div>
    </section>
  );
}
