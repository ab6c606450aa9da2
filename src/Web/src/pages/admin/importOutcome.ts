import { splitBilingual } from '../../i18n/serviceText';

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

/** A refused row of an import as the service lists it (`importStatus.errors`). */
export type RowError = { row: number; column?: string | null; reason: string; code?: string | null };

/** Refused rows that share one column and one reason: listed once, with every row number (round-30 trial: seven rows of one missing class filled a phone screen). */
export type RowErrorGroup = { rows: number[]; column?: string | null; reason: string; code?: string | null };

/** Groups refused rows by column, reason and code, in the order each group first appears; row numbers ascending. */
export function groupRowErrors(errors: readonly RowError[]): RowErrorGroup[] {
  const groups = new Map<string, RowErrorGroup>();
  for (const e of errors) {
    const key = JSON.stringify([e.column ?? null, e.reason, e.code ?? null]);
    const group = groups.get(key);
    if (group) group.rows.push(e.row);
    else groups.set(key, { rows: [e.row], column: e.column, reason: e.reason, code: e.code });
  }
  return [...groups.values()].map((g) => ({ ...g, rows: [...new Set(g.rows)].sort((a, b) => a - b) }));
}

/** Row numbers as runs: [3, 4, 5, 9] → "3–5, 9" (the separator is the UI language's list separator). */
export function rowRanges(rows: readonly number[], separator: string): string {
  const runs: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === rows[j] + 1) j++;
    runs.push(j > i ? `${rows[i]}–${rows[j]}` : String(rows[i]));
    i = j;
  }
  return runs.join(separator);
}

/**
 * The start of row `row` (the file's line, header = 1) as the file has it, for a refused row's table line: the reader sees
 * whose row it is without going back to Excel (round-30 trial: 第 12 行 alone named nobody). At most `max` characters;
 * empty when the file has no such line.
 */
export function rowExcerpt(lines: readonly string[], row: number, max = 60): string {
  const line = (lines[row - 1] ?? '').replace(/\r$/, '').trim();
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

/**
 * The notices of an import sent in parts with one part's message added (a title row skipped, notes columns not read, rows
 * not written; docs/console-admin.md "Roster import"), each shown once for the whole file: a message is left out when a
 * notice already shown says it — the same text, or its English and its Chinese each inside one shown notice's, as a later
 * part's message repeats the notes column the first part's message named beside its title (each part carries the header).
 */
export function addNotice(notices: readonly string[], message: string | null | undefined): string[] {
  const text = message?.trim();
  if (!text) return [...notices];
  const parts = splitBilingual(text);
  const said = notices.some((n) => {
    if (n === text) return true;
    const shown = splitBilingual(n);
    return parts !== null && shown !== null && shown.en.includes(parts.en) && shown.zh.includes(parts.zh);
  });
  return said ? [...notices] : [...notices, text];
}
