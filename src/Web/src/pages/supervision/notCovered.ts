// The roll-up's left-out tenants (docs/statistics.md "Roll-up"), grouped by why, for the roll-up page.
// New-user trial: a district supervisor saw 2 of 6 child tenants and read the figures as complete.

export type NotCoveredReason = 'TENANT_NOT_SHARING' | 'TENANT_BETWEEN_NOT_SHARING';

export interface NotCoveredTenant { id: string; name: string; reason: NotCoveredReason }

export interface NotCoveredGroup { reason: NotCoveredReason; names: string }

const order: NotCoveredReason[] = ['TENANT_NOT_SHARING', 'TENANT_BETWEEN_NOT_SHARING'];

/**
 * One group per reason that has tenants (the tenant itself does not share first, then a tenant between does not), the names
 * in the API's order joined as the language writes a list (、 in Chinese, a comma in English). Names only — never a count.
 * Empty when every descendant shares, so the page then shows nothing.
 */
export function notCoveredGroups(tenants: readonly NotCoveredTenant[], lang: 'zh' | 'en'): NotCoveredGroup[] {
  const sep = lang === 'zh' ? '、' : ', ';
  return order
    .map((reason) => ({ reason, names: tenants.filter((x) => x.reason === reason).map((x) => x.name).join(sep) }))
    .filter((g) => g.names !== '');
}
