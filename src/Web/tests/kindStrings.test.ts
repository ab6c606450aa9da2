import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// a plain script of `npm run strings` (scripts/kindStrings.mjs)
import { kindBlindUses } from '../scripts/kindStrings.mjs';
import { hasString } from '../src/i18n';

// `npm run strings` refuses a page that shows a key with a variant per tenant kind through plain useT(): the trial's town
// read the school's wording on the member-of-no-unit notice, the lower-risk dialog and the overdue board.
const src = new URL('../src/', import.meta.url).pathname;
const sources: { path: string; text: string }[] = [];
(function walk(dir: string) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) { if (name !== 'gql' && name !== 'strings') walk(p); } else if (/\.tsx?$/.test(name)) sources.push({ path: p.slice(src.length), text: readFileSync(p, 'utf8') });
  }
})(src);
const defined = { has: (k: string) => hasString(k) };

describe('npm run strings: keys with a kind variant go through useKindT', () => {
  it('flags a page that shows one with plain useT', () => {
    const page = "const t = useT(); return <p>{t('common.unassigned.body')} {t('common.unassigned.title')}</p>;";
    expect(kindBlindUses([{ path: 'Page.tsx', text: page }], defined)).toEqual(['Page.tsx: common.unassigned.body']);
    expect(kindBlindUses([{ path: 'Page.tsx', text: page.replace('useT()', 'useKindT()') }], defined)).toEqual([]);
  });

  it('finds none in the console', () => {
    expect(kindBlindUses(sources, defined)).toEqual([]);
  });

  it('shows the keys built at run time through useKindT too (the overdue board’s queue, the start page’s intro)', () => {
    for (const page of ['pages/supervision/OverdueBoardPage.tsx', 'pages/home/Level2Notice.tsx']) {
      expect(sources.find((s) => s.path === page)?.text, page).toMatch(/const t = useKindT\(\);/);
    }
  });
});
