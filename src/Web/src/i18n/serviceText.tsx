import { useLang } from '.';

const ideograph = /[\u3400-\u4DBF\u4E00-\u9FFF]/;
/** A Chinese part begins with an ideograph or Chinese punctuation (“ 「 （ 《 【). */
const chineseStart = /^[\u3400-\u4DBF\u4E00-\u9FFF\u201C\u300C\uFF08\u300A\u3010]/;

/**
 * Splits a service text written as `English / 中文` (the server's `Bilingual.Join`: roster row errors, import messages) into
 * its two parts at the first ` / ` followed by Chinese (the English part may quote a Chinese form such as yyyy年M月d日);
 * null when the text is not in that form (one language only, or an older message).
 */
export function splitBilingual(text: string): { en: string; zh: string } | null {
  for (let at = text.indexOf(' / '); at > 0; at = text.indexOf(' / ', at + 3)) {
    const zh = text.slice(at + 3).trim();
    if (chineseStart.test(zh)) return { en: text.slice(0, at), zh };
  }
  return null;
}

/**
 * A text the service wrote, shown in the UI language when the service sent both (`English / 中文`), otherwise as sent,
 * marked English when it has no Chinese character or begins in Latin letters (so a screen reader reads it in the right
 * voice).
 */
export function ServiceText({ text, className }: { text: string; className?: string }) {
  const { lang } = useLang();
  const parts = splitBilingual(text);
  if (parts) {
    return <span lang={lang === 'zh' ? 'zh-CN' : 'en'} className={className}>{lang === 'zh' ? parts.zh : parts.en}</span>;
  }
  const english = !ideograph.test(text) || /^[\s\d\p{P}]*[A-Za-z]/u.test(text);
  return <span lang={english ? 'en' : undefined} className={className}>{text}</span>;
}
