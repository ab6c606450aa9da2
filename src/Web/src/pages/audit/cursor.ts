// Locating one audit record by its sequence number. `auditLog` pages by sequence: its cursor is the base64url of the
// last sequence read (src/GraphApi/Schema/Cursors.cs), so `after` = the cursor of n − 1 starts a page at record n.
// The cursor is documented as opaque, so every caller checks the sequence of what comes back; if the cursor's form ever
// changes, the page says it could not find the record instead of showing the wrong one.

/** The `after` cursor that makes a page of `auditLog` start at sequence `n` (null for the first record). */
export function auditCursorBefore(n: number): string | null {
  if (n <= 1) return null;
  return btoa(String(n - 1)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}
