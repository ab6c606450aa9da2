import { useKindT } from '../i18n/tenantKind';
import { Notice } from './Notice';

/**
 * Said where a list would otherwise read as empty: the caller is a member of no unit of the tenant (`me.unassigned`), so
 * lists, queues and start pages show only the cases assigned to them and the tasks named for them (docs/access.md "No
 * membership"). Round-33 trial: a principal added to no unit read 目前没有 on the start page while a High case was open.
 */
export function UnassignedNotice() {
  const t = useKindT();
  return (
    <Notice kind="warn">
      <p data-testid="unassigned-notice"><strong>{t('common.unassigned.title')}</strong> {t('common.unassigned.body')}</p>
    </Notice>
  );
}
