/**
 * The API's rule for a written reason (break the glass, a duty-of-care consent override; `WrittenReason` in the grains,
 * docs/protocol.md): once invisible format characters are removed and the text is trimmed, it weighs at least 10 — each
 * character 1, each CJK ideograph, kana or Hangul syllable 2, so five Chinese characters make a reason — holds at most 1000
 * characters and at least 4 different letters (upper and lower case the same). The console checks it before sending, so a
 * Chinese reason of five to nine characters is not refused as "too short" by a count of characters, and the API still
 * decides.
 */
export function isWrittenReason(text: string): boolean {
  // Trimmed as the API trims (.NET's white space, which includes U+0085 NEXT LINE that String.prototype.trim keeps).
  const visible = text.replace(/\p{Cf}/gu, '').replace(/^[\s\u0085]+|[\s\u0085]+$/g, '');
  let weight = 0;
  for (const unit of visible.split('')) {
    const c = unit.charCodeAt(0);
    const wide = (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff)
      || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff);
    weight += wide ? 2 : 1;
  }
  const letters = new Set(Array.from(visible).filter((ch) => /\p{L}/u.test(ch)).map((ch) => ch.toLowerCase()));
  return weight >= 10 && visible.length <= 1000 && letters.size >= 4;
}
