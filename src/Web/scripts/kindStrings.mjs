// A key with a variant per tenant kind (`key.school`, `key.town`, `key.district`; docs/console.md "Wording by tenant kind")
// shows that variant only through useKindT() (or kindKey): a page that shows it with plain useT() shows the neutral key,
// or worse, a school's wording to a town (new-user trial: the overdue board named the level-3 queue as a school's).

const kinds = ['school', 'town', 'district'];

/**
 * The uses `file: key` of a key that has a kind variant, by a file that never asks the tenant's kind. `files` are
 * `{ path, text }` of the console's sources (the strings files left out), `defined` every key the strings define.
 */
export function kindBlindUses(files, defined) {
  const blind = [];
  for (const { path, text } of files) {
    if (/\buseKindT\(|\bkindKey\(/.test(text)) continue;
    for (const m of text.matchAll(/\bt\(\s*'([\w.:-]+)'/g)) {
      if (kinds.some((k) => defined.has(`${m[1]}.${k}`))) blind.push(`${path}: ${m[1]}`);
    }
  }
  return blind;
}
