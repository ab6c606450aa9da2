// The Chinese pass's check: no visible untranslated English on a page of the console (issue: "no untranslated string
// on any page visited"). Two halves:
//  - collectTexts (runs in the page): every piece of text a person sees or hears — visible text nodes, the options of a
//    visible <select>, placeholders, titles, aria-labels, alt texts, button values and the document title — with a short
//    path to where it is. Text in an element whose language is declared as not Chinese (lang="en" on a language switcher's
//    "English"), marked translate="no", or in code/kbd/samp/pre is left out: it is meant to be read as it is.
//  - englishWords (runs in Node, pure, unit-tested by the self-test): the Latin words left in a text once identifiers,
//    codes and the allowlist are taken out.

/** Abbreviations, instrument names and product names that read the same in Chinese text. Case-sensitive. */
export const ALLOWED_WORDS = new Set([
  // Screening instruments (their names are not translated in Chinese clinical use).
  'PHQ-9', 'PHQ9', 'PHQ', 'GAD-7', 'GAD7', 'GAD', 'C-SSRS', 'CSSRS', 'SSRS', 'K10', 'K6',
  // Formats, protocols, products.
  'GraphQL', 'GraphiQL', 'CSV', 'XLSX', 'Excel', 'JSON', 'PDF', 'API', 'URL', 'HTTP', 'HTTPS', 'OIDC', 'OpenID',
  'XLS', 'xlsx', 'xls', 'WPS', // the spreadsheet formats and the office suite (WPS Office) a roster is saved from
  'CareGrid', 'Chart.js', 'WCAG',
  // Identifiers and time zones.
  'ID', 'IDs', 'Id', 'UTC', 'GMT', 'CST', 'IANA', 'AM', 'PM',
]);

/**
 * The Latin words of `text` that are not identifiers, codes or allowed words: what a Chinese reader would see as
 * untranslated English. `extra` are exact strings that are data and may appear as they are (values the test typed,
 * names provisioned by a template). Returns the words in order, each once.
 * @param {string} text
 * @param {Iterable<string>} [extra]
 * @returns {string[]}
 */
export function englishWords(text, extra = []) {
  // Full-width Latin letters are Latin too (ＡＢＣ → ABC).
  let rest = text.normalize('NFKC');
  for (const value of [...extra].filter((v) => v && v.length > 0).sort((a, b) => b.length - a.length)) {
    rest = rest.split(value.normalize('NFKC')).join(' ');
  }

  rest = rest
    // e-mail addresses and URLs (login subs are often e-mail addresses)
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)*/g, ' ')
    .replace(/\b(https?|mailto):\/*\S+/gi, ' ')
    // paths (/t/demo-school/graphql, docs/demo.md) and file names (statistics.csv)
    .replace(/(^|\s)\/[\w./:-]*/g, ' ')
    .replace(/[\w.-]+(\/[\w.-]+)+/g, ' ')
    .replace(/\b[\w-]+\.(csv|xlsx|json|png|txt)\b/gi, ' ');

  const found = [];
  // A token is a run of letters, digits and the joiners ids use.
  for (const token of rest.split(/[^A-Za-z0-9_\-:.'’+#]+/)) {
    const bare = token.replace(/^[-:.'’+#]+|[-:.'’+#]+$/g, '');
    if (bare.length === 0 || !/[A-Za-z]/.test(bare) || ALLOWED_WORDS.has(bare)) {
      continue;
    }

    // Identifiers and codes: anything holding a digit (S2024-0211, case-school-1, K10, 2026-12-02), an underscore,
    // a colon (queue:level-3), or a dot between letters (ext.id).
    if (/\d/.test(bare) || /_/.test(bare) || /[A-Za-z]:[A-Za-z]/.test(bare) || /[A-Za-z]\.[A-Za-z]/.test(bare)) {
      continue;
    }

    // Lower-case hyphenated tokens are identifiers (tenant and unit ids: demo-school, counselling-centre); other
    // hyphenated tokens are words (Follow-up) unless each part is allowed (C-SSRS). An untranslated sentence never
    // consists of slugs alone, so its other words still show it.
    if (/^[a-z]+(-[a-z]+)+$/.test(bare)) {
      continue;
    }

    // Hyphenated words are words (Follow-up) unless each part is allowed (C-SSRS).
    for (const part of bare.split(/[-'’+#]+/)) {
      if (part.length < 2 || ALLOWED_WORDS.has(part) || ALLOWED_WORDS.has(bare)) {
        continue;
      }

      if (!found.includes(part)) {
        found.push(part);
      }
    }
  }

  return found;
}

/**
 * Runs in the page (passed to page.evaluate): the texts a person sees or hears, each `{ text, where }`.
 * Self-contained: it may not refer to anything outside its body.
 */
export function collectTexts() {
  const skipTags = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'CODE', 'KBD', 'SAMP', 'PRE', 'svg']);
  const out = [];

  const where = (el) => {
    const parts = [];
    for (let e = el; e && e.nodeType === 1 && parts.length < 4; e = e.parentElement) {
      let part = e.tagName.toLowerCase();
      if (e.id) part += '#' + e.id;
      const testId = e.getAttribute('data-testid');
      if (testId) part += `[data-testid="${testId}"]`;
      parts.unshift(part);
      if (e.id || testId) break;
    }
    return parts.join(' > ');
  };

  const declaredOther = (el) => {
    const langHolder = el.closest('[lang]');
    if (langHolder && !/^zh/i.test(langHolder.getAttribute('lang') || '')) return true;
    if (el.closest('[translate="no"]')) return true;
    for (let e = el; e; e = e.parentElement) {
      if (skipTags.has(e.tagName)) return true;
    }
    return false;
  };

  const visible = (el) => {
    if (typeof el.checkVisibility === 'function' && !el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) {
      return false;
    }
    return el.getClientRects().length > 0;
  };

  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.nodeValue.replace(/\s+/g, ' ').trim();
    const el = node.parentElement;
    if (!text || !el || el.tagName === 'OPTION' || declaredOther(el) || !visible(el)) continue;
    out.push({ text, where: where(el) });
  }

  for (const select of document.querySelectorAll('select')) {
    if (!visible(select) || declaredOther(select)) continue;
    for (const option of select.options) {
      if (declaredOther(option)) continue;
      const text = option.textContent.replace(/\s+/g, ' ').trim();
      if (text) out.push({ text, where: where(select) + ' option' });
    }
  }

  const attributes = ['placeholder', 'title', 'aria-label', 'alt', 'aria-placeholder', 'aria-roledescription', 'aria-valuetext'];
  for (const el of document.body.querySelectorAll('*')) {
    if (declaredOther(el)) continue;
    const shown = visible(el);
    for (const name of attributes) {
      const value = el.getAttribute(name);
      // aria-label is heard even on an element drawn without a box of its own (an icon button's label).
      if (value && value.trim() && (shown || name === 'aria-label')) {
        out.push({ text: value.trim(), where: `${where(el)} @${name}` });
      }
    }
    if (el.tagName === 'INPUT' && ['submit', 'button', 'reset'].includes(el.type) && el.value && shown) {
      out.push({ text: el.value, where: `${where(el)} @value` });
    }
  }

  out.push({ text: document.title, where: 'document.title' });
  return { lang: document.documentElement.getAttribute('lang') || '', texts: out };
}

/**
 * The untranslated English on the page: `{ lang, findings: [{ where, text, words }] }`.
 * @param {import('playwright-core').Page} page
 * @param {Iterable<string>} extra exact data strings allowed as they are
 */
export async function findUntranslated(page, extra) {
  const allowed = [...extra];
  const { lang, texts } = await page.evaluate(collectTexts);
  const findings = [];
  for (const { text, where } of texts) {
    const words = englishWords(text, allowed);
    if (words.length > 0) {
      findings.push({ where, text: text.length > 120 ? text.slice(0, 117) + '…' : text, words });
    }
  }

  return { lang, findings };
}
