import { describe, expect, it } from 'vitest';
import { isWrittenReason } from '../src/components/writtenReason';

describe('a written reason, as the API checks it', () => {
  it('takes a short Chinese phrase: four ideographs weigh twelve', () => {
    expect(isWrittenReason('学生自伤风险')).toBe(true);
    expect(isWrittenReason('自杀风险')).toBe(true); // round-28 red team: refused at two per ideograph
    expect(isWrittenReason('𠀀𠀁𠀂𠀃')).toBe(true);
    expect(isWrittenReason('有自杀风险')).toBe(true);
    expect(isWrittenReason('covering the night shift')).toBe(true);
    expect(isWrittenReason('𠀀𠀁𠀂𠀃𠀄')).toBe(true); // outside the Basic Multilingual Plane, as the API counts it too
  });

  it('refuses what is too short, one letter repeated, or hidden characters', () => {
    expect(isWrittenReason('有风险')).toBe(false);
    expect(isWrittenReason('自杀风')).toBe(false);
    expect(isWrittenReason('aaaaaaaaaa')).toBe(false);
    expect(isWrittenReason('哈哈哈哈哈')).toBe(false);
    expect(isWrittenReason('AaAaAaAaAa bB')).toBe(false);
    expect(isWrittenReason('\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b')).toBe(false);
    expect(isWrittenReason('x'.repeat(997) + 'abcd')).toBe(false);
    expect(isWrittenReason('abcdefghi\u0085')).toBe(false); // the API trims U+0085: nine characters left
  });

  it('agrees with the API on what the round-29 red team sent', () => {
    expect(isWrittenReason('abcd\u{E0061}\u{E0062}\u{E0063}')).toBe(false); // tag characters are format characters
    expect(isWrittenReason('\u6A02\uF914\uF95C\uF9BF')).toBe(false); // 樂 four times, three of them compatibility forms
    expect(isWrittenReason('ゝゞヽヾ')).toBe(false); // iteration marks only
    expect(isWrittenReason('abcd\u3099\u3099')).toBe(false); // combining marks are not ideographs
    expect(isWrittenReason('abcd\u{3FFF0}\u{3FFF1}')).toBe(false); // unassigned code points are not ideographs
  });

  it('weighs letters and digits only, as the API does (round-32 red team: padding passed as words)', () => {
    for (const padded of ['abcd......', 'ab      cd', 'a\n\nb\n\nc\n\nd', 'abcd\uFE0F\uFE0F\uFE0F\uFE0F\uFE0F\uFE0F', 'abcd\u2800\u2800\u2800\u2800\u2800\u2800',
      'a\u034F\u034F\u034F\u034F\u034F\u034Fbcd', 'abcd\u17B4\u17B4\u17B4\u17B4\u17B4\u17B4', 'abcd😀😀😀', '𝐚𝐛𝐜𝐝𝐞', 'abcd\u3164\u3164\u3164\u3164\u3164\u3164', '已送医']) {
      expect(isWrittenReason(padded), JSON.stringify(padded)).toBe(false);
    }
    expect(isWrittenReason('abcd123456')).toBe(true); // digits are words: "110 到场 21:40"
    expect(isWrittenReason('民警110已到场')).toBe(true);
    expect(isWrittenReason('110已到场')).toBe(false); // three different letters: digits weigh, they are not letters
    expect(isWrittenReason('police took her')).toBe(true);
  });
});
