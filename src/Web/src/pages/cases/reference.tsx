import './cases.css';
/**
 * Case and receipt numbers people can read aloud (docs/console-cases.md "Case numbers").
 *
 * A case id is `case-` + 32 hex digits (a version-7 GUID: its first 12 digits are the time it was made, so cases opened
 * in the same minute share them) or `case-k` + 32 hex digits (derived from an idempotency key by SHA-256); a receipt id
 * is `rcpt-` or `rcpt-k` + 32 hex digits (a random GUID or a hash). All of them end in random digits. The console shows
 * the last eight of those, upper case, in two groups of four — `2A9C-F31B` — where a 38-character id was unreadable over
 * the phone (new-user trial, round 24). Eight hex digits are 32 random bits: two of one school's cases share a number
 * with a chance of about one in 8,600 at 1,000 cases. The number is for reading and saying; the id stays the key (links,
 * the API, the audit log), and the case page shows it in full. An id of any other form (a seeded or imported one) is
 * shown unchanged.
 */
const Generated = /^(?:case|rcpt)-k?[0-9a-f]{24}([0-9a-f]{8})$/i;

/** The readable number of a case or receipt id (`2A9C-F31B`), or the id itself when it is not a generated one. */
export function shortReference(id: string): string {
  const m = Generated.exec(id);
  if (!m) return id;
  const tail = m[1].toUpperCase();
  return `${tail.slice(0, 4)}-${tail.slice(4)}`;
}

/** True when `text` is typed like a readable number (`2A9C-F31B`, `2a9cf31b`, spaces allowed), not a full id. */
export function looksLikeNumber(text: string): boolean {
  return /^[0-9a-f]{4}[-\s]?[0-9a-f]{4}$/i.test(text.trim());
}

/** True when `typed` names case `id`: its readable number (dash, spaces and case ignored) or the full id itself. */
export function matchesReference(id: string, typed: string): boolean {
  const t = typed.trim();
  if (!t) return true;
  if (t === id) return true;
  const wanted = t.replace(/[-\s]/g, '').toUpperCase();
  return wanted.length === 8 && shortReference(id).replace('-', '') === wanted;
}

/** A case or receipt id as its readable number; the full id in the tooltip and `data-id` (copy, support, tests). */
export function CaseRef({ id }: { id: string }) {
  const short = shortReference(id);
  return <code className="case-ref" translate="no" title={short === id ? undefined : id} data-id={id}>{short}</code>;
}
