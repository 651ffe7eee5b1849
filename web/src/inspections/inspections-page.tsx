// The inspector's worklist: ordered inspections, and the result form (no finding, or findings
// with category, description, quantity/weight and seizure reference). Results feed the profiles'
// hit statistics and the model's labels on the node.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/api-client.js';
import type { paths } from '../api/schema.gen.js';
import { useI18n } from '../i18n/i18n-context.js';
import { QueryState } from '../ui/query-state.js';
import { Link } from '../ui/router.js';

type Inspection = paths['/api/v1/inspections']['get']['responses'][200]['content']['application/json']['items'][number];
const CATEGORIES = ['narcotics', 'synthetic_opioids', 'arms_dual_use', 'forced_labour', 'counterfeit_ipr', 'fiscal_fraud', 'money_laundering', 'security_terrorism', 'health_safety'];

function ResultForm({ inspection, onDone }: { inspection: Inspection; onDone(): void }) {
  const { t, tv } = useI18n();
  const qc = useQueryClient();
  const [outcome, setOutcome] = useState<'no_finding' | 'finding'>('finding');
  const [category, setCategory] = useState(CATEGORIES[0] ?? '');
  const [description, setDescription] = useState('');
  const [quantity, setQuantity] = useState('');
  const [weight, setWeight] = useState('');
  const [seizure, setSeizure] = useState('');
  const save = useMutation({
    mutationFn: () => {
      const finding = {
        category,
        description,
        ...(quantity ? { quantity: Number(quantity) } : {}),
        ...(weight ? { weightKg: Number(weight) } : {}),
        ...(seizure ? { seizureReference: seizure } : {}),
      };
      const body = outcome === 'finding' ? { result: outcome, findings: [finding] } : { result: outcome };
      return unwrap(api.POST('/api/v1/inspections/{id}/result', { params: { path: { id: inspection.id } }, body }));
    },
    onSuccess: () => {
      // A result changes the queue, the referral, the profiles' statistics and the dashboards.
      void qc.invalidateQueries();
      onDone();
    },
  });
  return (
    <form className="card form" data-testid="inspection-form" onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
      <h2>{t('inspections.record')} · {tv('actions.type', inspection.type)} · {inspection.office}</h2>
      <label>
        {t('inspections.outcome')}
        <select data-testid="outcome" value={outcome} onChange={(e) => setOutcome(e.target.value === 'no_finding' ? 'no_finding' : 'finding')}>
          <option value="finding">{t('inspections.finding')}</option>
          <option value="no_finding">{t('inspections.noFinding')}</option>
        </select>
      </label>
      {outcome === 'finding' ? (
        <>
          <label>{t('inspections.category')}
            <select data-testid="finding-category" value={category} onChange={(e) => setCategory(e.target.value)}>
              {CATEGORIES.map((c) => <option key={c} value={c}>{c}</option>)}
            </select>
          </label>
          <label>{t('inspections.description')}<input data-testid="finding-description" value={description} onChange={(e) => setDescription(e.target.value)} /></label>
          <label>{t('inspections.quantity')}<input type="number" min="0" value={quantity} onChange={(e) => setQuantity(e.target.value)} /></label>
          <label>{t('inspections.weight')}<input data-testid="finding-weight" type="number" min="0" step="0.1" value={weight} onChange={(e) => setWeight(e.target.value)} /></label>
          <label>{t('inspections.seizure')}<input data-testid="finding-seizure" value={seizure} onChange={(e) => setSeizure(e.target.value)} /></label>
        </>
      ) : null}
      {save.error ? <p className="notice error" role="alert">{save.error.message}</p> : null}
      <button type="submit" className="primary" data-testid="save-result" disabled={save.isPending || (outcome === 'finding' && !description)}>{t('inspections.save')}</button>
    </form>
  );
}

export function InspectionsPage() {
  const { t, tv, dateTime } = useI18n();
  const q = useQuery({ queryKey: ['inspections', 'ordered'], queryFn: () => unwrap(api.GET('/api/v1/inspections', { params: { query: { status: 'ordered', limit: 400 } } })) });
  const [open, setOpen] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const items = q.data?.items ?? [];
  const current = items.find((i) => i.id === open);
  return (
    <section>
      <div className="toolbar"><h1>{t('inspections.title')}</h1>{saved ? <span className="notice ok" data-testid="result-saved">{t('inspections.saved')}</span> : null}</div>
      <QueryState isLoading={q.isLoading} error={q.error}>
        {items.length === 0 ? <p className="notice">{t('inspections.empty')}</p> : null}
        <div className="grid2">
          <table className="dense clickable" data-testid="inspections">
            <tbody>
              {items.map((i) => (
                <tr key={i.id} className={i.id === open ? 'selected' : ''} onClick={() => { setOpen(i.id); setSaved(false); }} data-testid="inspection-row" data-referral-id={i.referralId}>
                  <td>{tv('actions.type', i.type)}{i.randomControl ? ' (random)' : ''}</td>
                  <td>{i.office}</td>
                  <td>{dateTime(i.orderedAt)}</td>
                  <td>{i.orderedBy}</td>
                  <td><Link to={`/referrals/${i.referralId}`}>↗</Link></td>
                </tr>
              ))}
            </tbody>
          </table>
          {current ? <ResultForm key={current.id} inspection={current} onDone={() => { setOpen(null); setSaved(true); }} /> : null}
        </div>
      </QueryState>
    </section>
  );
}
