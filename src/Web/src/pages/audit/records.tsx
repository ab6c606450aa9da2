import { hasString, useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { graphql } from '../../gql';
import type { AuditRecordFieldsFragment } from '../../gql/graphql';

/** Every field of a record, shared by the log's page and the chain check (docs/audit-refusals.md "What a record holds"). */
export const AuditRecordFields = graphql(`
  fragment AuditRecordFields on AuditRecord {
    sequence at actor action entityType entityId fields purpose correlationId reason previousHash hash
    refusal { code callerTenant callerRoles via clientAddress }
  }
`);

/** One audit record as `auditLog` gives it. */
export type AuditItem = AuditRecordFieldsFragment;

/** An action in words (READ, WRITE, DENIED, BREAK_THE_GLASS); an action this console does not know shows as written. */
export function useActionText() {
  const t = useT();
  return (action: string) => (hasString(`audit.action.${action}`) ? t(`audit.action.${action}`) : action);
}

/** The refusal facts of a DENIED record: code, caller's tenant and roles, how the tenant was named, client address. */
export function RefusalFacts({ refusal }: { refusal: NonNullable<AuditItem['refusal']> }) {
  const t = useT();
  return (
    <dl className="facts">
      <dt>{t('audit.refusalCode')}</dt><dd><code>{refusal.code}</code></dd>
      {refusal.callerTenant ? <><dt>{t('audit.refusalFrom')}</dt><dd translate="no">{refusal.callerTenant}</dd></> : null}
      {refusal.callerRoles ? <><dt>{t('audit.refusalRoles')}</dt><dd translate="no">{refusal.callerRoles}</dd></> : null}
      <dt>{t('audit.refusalVia')}</dt><dd><code>{refusal.via}</code></dd>
      {refusal.clientAddress ? <><dt>{t('audit.refusalAddress')}</dt><dd><code>{refusal.clientAddress}</code></dd></> : null}
    </dl>
  );
}

/** Every field of one record as a description list: what the chain check shows for the first broken record. */
export function RecordFacts({ record }: { record: AuditItem }) {
  const t = useT();
  const f = useFormat();
  const action = useActionText();
  return (
    <dl className="facts record-facts">
      <dt>{t('audit.seq')}</dt><dd>{record.sequence}</dd>
      <dt>{t('audit.at')}</dt><dd><time dateTime={record.at}>{f.dateTime(record.at)}</time></dd>
      <dt>{t('audit.who')}</dt><dd translate="no">{record.actor}</dd>
      <dt>{t('audit.what')}</dt><dd>{action(record.action)}</dd>
      <dt>{t('audit.record')}</dt><dd translate="no">{record.entityType} {record.entityId}</dd>
      <dt>{t('audit.purpose')}</dt><dd translate="no">{record.purpose}{record.fields.length ? `: ${record.fields.join(', ')}` : ''}</dd>
      {record.reason ? <><dt>{t('audit.reason')}</dt><dd translate="no">{record.reason}</dd></> : null}
      {record.refusal ? <><dt>{t('audit.refusal')}</dt><dd><RefusalFacts refusal={record.refusal} /></dd></> : null}
      <dt>{t('audit.correlation')}</dt><dd><code>{record.correlationId}</code></dd>
      <dt>{t('audit.previousHash')}</dt><dd><code className="hash">{record.previousHash}</code></dd>
      <dt>{t('audit.hash')}</dt><dd><code className="hash">{record.hash}</code></dd>
    </dl>
  );
}
