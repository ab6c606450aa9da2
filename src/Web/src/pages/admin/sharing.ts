/** What the settings page shows of statistics sharing with the parent tenant, and which way the one button switches it. */
export type SharingView =
  | { state: 'on'; next: false }
  | { state: 'off'; next: true }
  | { state: 'noParent'; next: null };

/**
 * From `tenant { parentId statisticsSharing }`: on (the button stops sharing), off (it starts), or no parent tenant — then
 * nothing can be switched on (the service refuses it, VALIDATION_FAILED on enabled), unless it is still on and can be stopped.
 */
export function sharingView(parentId: string | null | undefined, sharing: boolean): SharingView {
  if (sharing) return { state: 'on', next: false };
  return parentId ? { state: 'off', next: true } : { state: 'noParent', next: null };
}
