// The targeter's decision on a referral: release, hold, order an inspection (of a chosen type)
// or Do-Not-Load (air cargo before loading only), always with a reason. The node refuses actions
// on closed referrals and concurrent double actions; its message is shown as it is.
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/api-client.js';
import { useI18n } from '../i18n/i18n-context.js';
import type { MessageKey } from '../i18n/messages-en.js';

type ActionKind = 'release' | 'hold' | 'inspect' | 'dnl';
type InspectionType = 'documentary' | 'scan' | 'physical';
const DNL_KINDS = new Set(['air_master_waybill', 'air_house_waybill', 'express_consignment']);
const LABELS: Record<ActionKind, MessageKey> = { release: 'actions.release', hold: 'actions.hold', inspect: 'actions.inspect', dnl: 'actions.dnl' };

export function ActionPanel({ referralId, kind, closed }: { referralId: string; kind: string; closed: boolean }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const [type, setType] = useState<InspectionType>('physical');
  const [done, setDone] = useState<ActionKind | null>(null);
  const act = useMutation({
    mutationFn: (action: ActionKind) =>
      unwrap(
        api.POST('/api/v1/referrals/{id}/actions', {
          params: { path: { id: referralId } },
          body: action === 'inspect' ? { action, inspectionType: type, reason } : { action, reason },
        }),
      ),
    onSuccess: (detail, action) => {
      setDone(action);
      setReason('');
      qc.setQueryData(['referral', referralId], detail);
      void qc.invalidateQueries({ queryKey: ['referrals'] });
      void qc.invalidateQueries({ queryKey: ['inspections'] });
    },
  });
  const actions: ActionKind[] = DNL_KINDS.has(kind) ? ['release', 'hold', 'inspect', 'dnl'] : ['release', 'hold', 'inspect'];
  const disabled = closed || act.isPending || reason.trim().length < 3;
  return (
    <div className="actions" data-testid="action-panel">
      <textarea data-testid="action-reason" placeholder={t('actions.reason')} value={reason} onChange={(e) => setReason(e.target.value)} rows={2} disabled={closed} />
      <div className="buttons">
        <label>
          {t('actions.inspectionType')}{' '}
          <select data-testid="inspection-type" value={type} onChange={(e) => setType(e.target.value === 'documentary' ? 'documentary' : e.target.value === 'scan' ? 'scan' : 'physical')}>
            <option value="documentary">{t('actions.type.documentary')}</option>
            <option value="scan">{t('actions.type.scan')}</option>
            <option value="physical">{t('actions.type.physical')}</option>
          </select>
        </label>
        {actions.map((a) => (
          <button key={a} type="button" className={a === 'inspect' || a === 'dnl' ? 'primary' : ''} data-testid={`action-${a}`} disabled={disabled} onClick={() => act.mutate(a)}>
            {t(LABELS[a])}
          </button>
        ))}
      </div>
      {act.error ? <p className="notice error" role="alert">{act.error.message}</p> : null}
      {done && !act.error ? <p className="notice ok" data-testid="action-done">{t('actions.done', { action: t(LABELS[done]) })}</p> : null}
    </div>
  );
}
