/**
 * What the consent table shows for one recorded decision: the status it counts for today (`effectiveStatus`), and whether
 * it is a guardian's grant that lapsed when the person came of age (docs/consent.md "Who decides") — never shown as granted.
 */
export function shownConsent(c: { status: string; effectiveStatus: string }): { status: string; lapsed: boolean } {
  return { status: c.effectiveStatus, lapsed: c.effectiveStatus !== c.status };
}
