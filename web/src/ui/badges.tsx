// Small coloured labels: channels, TLP and PAP markings (colours from the FIRST TLP 2.0 standard).
import { useI18n } from '../i18n/i18n-context.js';

export function ChannelBadge({ channel }: { channel: string }) {
  const { tv } = useI18n();
  return <span className={`badge ch-${channel}`}>{tv('channel', channel)}</span>;
}

export function MarkingBadges({ marking }: { marking: { tlp: string; pap?: string | undefined } | null | undefined }) {
  if (!marking) return null;
  return (
    <span className="markings">
      <span className={`badge tlp tlp-${marking.tlp.replace('+', '-')}`}>TLP:{marking.tlp.toUpperCase()}</span>
      {marking.pap ? <span className={`badge pap pap-${marking.pap}`}>PAP:{marking.pap.toUpperCase()}</span> : null}
    </span>
  );
}
