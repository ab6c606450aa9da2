import { describe, expect, it } from 'vitest';
import { splitBilingual } from '../src/i18n/serviceText';

describe('splitBilingual: the service’s English / 中文 texts', () => {
  it('cuts at the separator between the languages', () => {
    expect(splitBilingual('The file has no externalId column. / 缺少学号列。')).toEqual({ en: 'The file has no externalId column.', zh: '缺少学号列。' });
  });

  it('keeps a title with a slash inside the English part, as the service writes it (no-break space after its slash)', () => {
    const text = "The row above the header ('2026 /\u00A0石桥镇居民名册') was read as the roster's title and skipped. / 表头上方的“2026 / 石桥镇居民名册”一行被视为名单标题。";
    expect(splitBilingual(text)).toEqual({
      en: "The row above the header ('2026 /\u00A0石桥镇居民名册') was read as the roster's title and skipped.",
      zh: '表头上方的“2026 / 石桥镇居民名册”一行被视为名单标题。',
    });
  });

  it('is null for a text in one language', () => {
    expect(splitBilingual('Only English here.')).toBeNull();
  });
});
