// Fails the build when a page uses a string key that no strings file defines (src/i18n/strings/*.ts), so no key can
// reach a person untranslated. defineStrings already makes zh and en carry the same keys (a type error otherwise).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { kindBlindUses } from './kindStrings.mjs';

const root = new URL('../src/', import.meta.url).pathname;
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) { if (name !== 'gql') walk(p); } else if (/\.tsx?$/.test(name)) files.push(p);
  }
})(root);

const defined = new Set();
for (const f of files.filter((f) => f.includes('/i18n/strings/'))) {
  for (const m of readFileSync(f, 'utf8').matchAll(/^\s*'([\w.-]+)':/gm)) defined.add(m[1]);
}
const missing = [];
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  for (const m of text.matchAll(/\bt\(\s*'([\w.-]+)'/g)) if (!defined.has(m[1])) missing.push(`${f.slice(root.length)}: ${m[1]}`);
}
if (missing.length > 0) {
  console.error(`Strings used but not defined in src/i18n/strings (add them in en and zh):\n  ${missing.join('\n  ')}`);
  process.exit(1);
}
const blind = kindBlindUses(files.filter((f) => !f.includes('/i18n/strings/')).map((f) => ({ path: f.slice(root.length), text: readFileSync(f, 'utf8') })), defined);
if (blind.length > 0) {
  console.error(`Keys with a variant per tenant kind shown without useKindT() (a town would read the neutral or a school's text):\n  ${blind.join('\n  ')}`);
  process.exit(1);
}
console.log(`strings: ${defined.size} keys, every t('…') key used is defined`);
