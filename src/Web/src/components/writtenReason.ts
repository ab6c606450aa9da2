/**
 * The API's rule for a written reason (break the glass, a duty-of-care consent override; `WrittenReason` in the grains,
 * docs/protocol.md): once invisible format characters are removed and the text is trimmed, it weighs at least 10 — each
 * letter or digit 1 (spaces, punctuation, symbols, emoji and marks nothing), each CJK ideograph, kana or Hangul syllable 3, so four Chinese characters such as 自杀风险 make
 * a reason — holds at most 1000 characters and at least 4 different letters (upper and lower case the same). The console
 * checks it before sending, so a short Chinese reason is not refused as "too short" by a count of characters, and the API
 * still decides.
 */
export function isWrittenReason(text: string): boolean {
  // Trimmed as the API trims (.NET's white space, which includes U+0085 NEXT LINE that String.prototype.trim keeps).
  const visible = text.replace(/\p{Cf}/gu, '').replace(/^[\s\u0085]+|[\s\u0085]+$/g, '');
  // CJK compatibility ideographs (a second code for an ideograph, U+F914 is 樂) count as neither letter nor ideograph.
  const compat = (c: number) => (c >= 0xf900 && c <= 0xfaff) || (c >= 0x2f800 && c <= 0x2fa1f);
  // Hangul fillers are letters that show as nothing.
  const blank = (c: number) => c === 0x115f || c === 0x1160 || c === 0x3164 || c === 0xffa0;
  let weight = 0;
  for (const ch of Array.from(visible)) {
    const c = ch.codePointAt(0)!;
    const wide = ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff)
      || (c >= 0xac00 && c <= 0xd7af) || (c >= 0x20000 && c <= 0x3ffff)) && !compat(c) && /\p{Lo}/u.test(ch);
    // only letters and digits weigh (round-32 red team: "abcd" padded with dots or invisible marks passed as ten)
    const counted = /[\p{L}\p{Nd}]/u.test(ch) && !/\p{Lm}/u.test(ch) && !compat(c) && !blank(c);
    weight += wide ? 3 : counted ? 1 : 0;
  }
  // Letters, not modifier letters (the kana iteration marks ゝゞヽヾ repeat another letter) nor compatibility ideographs.
  const letters = new Set(Array.from(visible).filter((ch) => /\p{L}/u.test(ch) && !/\p{Lm}/u.test(ch) && !compat(ch.codePointAt(0)!))
    .map((ch) => ch.toLowerCase()));
  return weight >= 10 && visible.length <= 1000 && letters.size >= 4;
}
