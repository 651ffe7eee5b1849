// The supervisor's view of the operation: referrals and findings per day, finding rate per
// profile, selection against inspection capacity per office, items exchanged per partner.
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/api-client.js';
import { useI18n } from '../i18n/i18n-context.js';
import { QueryState } from '../ui/query-state.js';
import { EChart } from './echart.js';
import { useProfilesWithStats } from '../profiles/profile-stats.js';

const GRID = { left: 48, right: 16, top: 32, bottom: 56 };

export function DashboardsPage() {
  const { t, date } = useI18n();
  const daily = useQuery({ queryKey: ['stats', 'daily'], queryFn: () => unwrap(api.GET('/api/v1/stats/daily', { params: { query: { days: 30 } } })) });
  const profiles = useProfilesWithStats();
  const capacity = useQuery({ queryKey: ['capacity'], queryFn: () => unwrap(api.GET('/api/v1/capacity', { params: { query: {} } })) });
  const inbox = useQuery({ queryKey: ['exchange', 'inbox'], queryFn: () => unwrap(api.GET('/api/v1/exchange/items', { params: { query: { direction: 'inbox' } } })) });
  const outbox = useQuery({ queryKey: ['exchange', 'outbox'], queryFn: () => unwrap(api.GET('/api/v1/exchange/items', { params: { query: { direction: 'outbox' } } })) });

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
    const c = capacity.data?.items ?? [];
    return {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: GRID,
      xAxis: { type: 'category', data: c.map((x) => x.office) },
      yAxis: { type: 'value' },
      series: [
        { name: t('dash.selected'), type: 'bar', data: c.map((x) => x.used) },
        { name: t('dash.capacityLabel'), type: 'bar', data: c.map((x) => x.capacity) },
      ],
    };
  }, [capacity.data, t]);
  const partners = useMemo(() => {
    const counts = new Map<string, { in: number; out: number }>();
    for (const i of inbox.data?.items ?? []) counts.set(i.partner, { in: (counts.get(i.partner)?.in ?? 0) + 1, out: counts.get(i.partner)?.out ?? 0 });
    for (const i of outbox.data?.items ?? []) counts.set(i.partner, { in: counts.get(i.partner)?.in ?? 0, out: (counts.get(i.partner)?.out ?? 0) + 1 });
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
        <div className="card"><h2>{t('dash.capacity')}</h2><QueryState isLoading={capacity.isLoading} error={capacity.error}><EChart option={cap} testId="chart-capacity" /></QueryState></div>
        <div className="card"><h2>{t('dash.partners')}</h2><QueryState isLoading={inbox.isLoading} error={inbox.error ?? outbox.error}><EChart option={partners} testId="chart-partners" /></QueryState></div>
      </div>
    </section>
  );
}
