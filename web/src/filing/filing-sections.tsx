// The record itself, dense: parties, goods, transport and equipment as compact tables.
import type { paths } from '../api/schema.gen.js';
import { useI18n } from '../i18n/i18n-context.js';

export type StoredFiling = paths['/api/v1/filings/{id}']['get']['responses'][200]['content']['application/json'];
type Filing = StoredFiling['filing'];

export function PartiesTable({ filing }: { filing: Filing }) {
  const { t } = useI18n();
  return (
    <table className="dense" data-testid="parties">
      <thead>
        <tr><th>{t('filing.col.role')}</th><th>{t('filing.col.name')}</th><th>{t('filing.col.country')}</th><th>{t('filing.col.ids')}</th></tr>
      </thead>
      <tbody>
        {filing.parties.map((p, i) => (
          <tr key={i}>
            <td>{p.role}</td>
            <td className="strong">{p.name}</td>
            <td>{p.country ?? p.address?.country ?? '—'}</td>
            <td className="mono">{p.identifiers.map((x) => `${x.scheme}:${x.value}`).join(' ') || '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function GoodsTable({ filing }: { filing: Filing }) {
  const { t, number } = useI18n();
  const money = (v: { amount: number; currency: string } | undefined) => (v ? `${number(v.amount, 2)} ${v.currency}` : '—');
  return (
    <table className="dense" data-testid="goods">
      <thead>
        <tr><th>#</th><th>{t('filing.col.hs')}</th><th>{t('filing.col.description')}</th><th>{t('filing.col.origin')}</th><th className="num">{t('filing.col.mass')}</th><th className="num">{t('filing.col.value')}</th></tr>
      </thead>
      <tbody>
        {filing.goods.map((g) => (
          <tr key={g.sequence}>
            <td>{g.sequence}</td>
            <td className="mono">{g.hsCode}</td>
            <td>{g.description ?? '—'}</td>
            <td>{g.originCountry ?? '—'}</td>
            <td className="num">{g.netMassKg === undefined ? '—' : number(g.netMassKg, 1)}</td>
            <td className="num">{money(g.value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function TransportBlock({ filing }: { filing: Filing }) {
  const { t, dateTime } = useI18n();
  const tr = filing.transport;
  const c = tr.conveyance;
  const conveyance = [c?.vesselName, c?.imoNumber && `IMO ${c.imoNumber}`, c?.flightNumber, c?.carrierCode, tr.voyage].filter(Boolean).join(' · ');
  return (
    <dl className="facts" data-testid="transport">
      <dt>{t('filing.mode')}</dt><dd>{tr.mode}</dd>
      <dt>{t('filing.conveyance')}</dt><dd>{conveyance || '—'}</dd>
      <dt>{t('filing.loading')}</dt><dd className="mono">{tr.loadingPlace ?? '—'}</dd>
      <dt>{t('filing.discharge')}</dt><dd className="mono">{tr.dischargePlace ?? '—'}</dd>
      <dt>{t('filing.routing')}</dt><dd className="mono">{tr.routing.join(' → ') || '—'}</dd>
      <dt>{t('filing.loadingTime')}</dt><dd>{dateTime(tr.loadingTime)}</dd>
      <dt>{t('filing.arrivalTime')}</dt><dd>{dateTime(tr.arrivalTime)}</dd>
    </dl>
  );
}

export function EquipmentTable({ filing }: { filing: Filing }) {
  const { t } = useI18n();
  if (filing.equipment.length === 0) return <p className="muted">{t('filing.none')}</p>;
  return (
    <table className="dense" data-testid="equipment">
      <thead>
        <tr><th>{t('filing.col.container')}</th><th>{t('filing.col.seals')}</th><th>ISO</th></tr>
      </thead>
      <tbody>
        {filing.equipment.map((e) => (
          <tr key={e.containerNumber}>
            <td className="mono">{e.containerNumber}</td>
            <td className="mono">{e.seals.join(', ') || '—'}</td>
            <td>{e.sizeType ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
