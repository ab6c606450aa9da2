import { useSession } from '../../auth/session';
import { hasString, useT } from '../../i18n';

/** An owner or actor: a queue in words, the caller as "You", anyone else by their login sub (not translated). */
export function OwnerName({ id }: { id?: string | null }) {
  const t = useT();
  const session = useSession();
  if (!id) return <span>{t('cases.owner.none')}</span>;
  if (hasString(`cases.owner.${id}`)) return <span>{t(`cases.owner.${id}`)}</span>;
  if (id === 'system') return <span>{t('cases.timeline.system')}</span>;
  if (session && id === session.sub) return <span>{t('cases.owner.you')} (<code>{id}</code>)</span>;
  return <code>{id}</code>;
}

/** Risk as a badge; HIGH and IMMINENT stand out. */
export function RiskBadge({ risk }: { risk: string }) {
  const t = useT();
  const high = risk === 'HIGH' || risk === 'IMMINENT';
  return <span className={`badge risk-${risk.toLowerCase()}${high ? ' high' : ''}`}>{t(`cases.risk.${risk}`)}</span>;
}

export function StatusBadge({ status }: { status: string }) {
  const t = useT();
  return <span className={`badge status-${status.toLowerCase()}`}>{t(`cases.status.${status}`)}</span>;
}

export function LevelBadge({ level }: { level: number }) {
  const t = useT();
  return <span className={`badge level-${level}`}>{t('cases.level', { level })}</span>;
}
