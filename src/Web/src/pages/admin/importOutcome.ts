/** What one run of the import came to, as the status line says it (docs/console-admin.md "Roster import"). */
export type ImportOutcome =
  | { kind: 'running' }
  /** The service refused the file (e.g. an unknown or missing column, a wrong encoding) before any row landed. */
  | { kind: 'refused' }
  /** The import stopped (a refusal or a failed part) after `landed` rows of earlier parts landed. */
  | { kind: 'stopped'; landed: number }
  /** Every row handled, none landed: all refused or not written. Nothing changed. */
  | { kind: 'noneLanded'; invalid: number; notWritten: number }
  /** Rows landed: all, or with some refused or not written. */
  | { kind: 'done'; landed: number; invalid: number; notWritten: number };

/**
 * The outcome of a run: 完成 / "Done" only when rows landed (round 16: the page said 完成 after the file was refused and
 * nothing was imported). `refused` is true when the service refused a call (an `ApiError`); `failed` is a part's
 * failure message (`importStatus.state` FAILED).
 */
export function importOutcome(run: { done: boolean; failed?: string; totals: { landed: number; invalid: number; notWritten: number } }, refused: boolean): ImportOutcome {
  const { landed, invalid, notWritten } = run.totals;
  if (!run.done) return { kind: 'running' };
  if (refused || run.failed !== undefined) return landed > 0 ? { kind: 'stopped', landed } : { kind: 'refused' };
  if (landed === 0) return { kind: 'noneLanded', invalid, notWritten };
  return { kind: 'done', landed, invalid, notWritten };
}
