import { useSession } from '../../auth/session';
import { hasString, useT } from '../../i18n';
import { useKindT } from '../../i18n/tenantKind';

/** An owner or actor: a queue in words, the caller as "You", anyone else by their login sub (not translated). */
export function OwnerName({ id }: { id?: string | null }) {
  const t = useKindT();
  const session = useSession();
  if (!id) return <span>{t('cases.owner.none')}</span>;
  if (hasString(`cases.owner.${id}`)) return <span>{t(`cases.owner.${id}`)}</span>;
  if (id === 'system') return <span>{t('cases.timeline.system')}</span>;
  if (session && id === session.sub) return <span>{t('cases.owner.you')} (<code>{id}</code>)</span>;
  return <code>{id}</code>;
}

/** An owner or actor as plain text (for sentences): a queue in words, the caller as "You (sub)", anyone else by their sub. */
export function useOwnerText(): (id: string) => string {
  const t = useKindT();
  const session = useSession();
  return (id: string) => {
    if (hasString(`cases.owner.${id}`)) return t(`cases.owner.${id}`);
    if (id === 'system') return t('cases.timeline.system');
    return session && id === session.sub ? `${t('cases.owner.you')} (${id})` : id;
  };
}

/**
 * Risk as a badge; HIGH and IMMINENT stand out. A case nobody has graded yet (`riskGraded: false`, reported as 不确定 /
 * unsure) shows 未评估 / "Not yet graded", never its LOW placeholder (docs/protocol.md "Ungraded reports").
 */
export function RiskBadge({ risk, graded = true }: { risk: string; graded?: boolean }) {
  const t = useT();
  if (!graded && risk === 'LOW') return <span className="badge risk-ungraded">{t('cases.risk.UNGRADED')}</span>;
  const high = risk === 'HIGH' || risk === 'IMMINENT';
  return <span className={`badge risk-${risk.toLowerCase()}${high ? ' high' : ''}`}>{t(`cases.risk.${risk}`)}</span>;
}

/**
 * The queue's order, most urgent first: IMMINENT, HIGH, then not yet graded (a professional grades it first), then
 * MODERATE and LOW (docs/console-cases.md). Lower ranks first.
 */
export function riskRank(risk: string, graded: boolean): number {
  if (risk === 'IMMINENT') return 0;
  if (risk === 'HIGH') return 1;
  if (!graded) return 2;
  return risk === 'MODERATE' ? 3 : 4;
}

export function StatusBadge({ status }: { status: string }) {
  const t = useT();
  return <span className={`badge status-${status.toLowerCase()}`}>{t(`cases.status.${status}`)}</span>;
}

/**
 * A case's escalation level. When a higher level's queue owns the case — a new concern in a school goes to the level-3
 * queue at once while its level stays 1 (docs/protocol.md "How a concern travels") — the badge says who received it,
 * so "Level 1" is not read as "only the homeroom teacher knows" (round-33 trial).
 */
export function LevelBadge({ level, owner }: { level: number; owner?: string | null }) {
  const t = useT();
  const { key, params } = levelLabel(level, owner);
  return <span className={`badge level-${level}`}>{t(key, params)}</span>;
}

/** The string key and parameters of {@link LevelBadge}: `cases.levelReceived` when a higher level's queue owns the case. */
export function levelLabel(level: number, owner?: string | null): { key: 'cases.level' | 'cases.levelReceived'; params: Record<string, number> } {
  const received = /^queue:level-([23])$/.exec(owner ?? '');
  const by = received ? Number(received[1]) : 0;
  return by > level ? { key: 'cases.levelReceived', params: { level, by } } : { key: 'cases.level', params: { level } };
}
