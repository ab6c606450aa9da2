// The console's own texts, read from its string files (src/Web/src/i18n/strings/*.ts), so the steps find buttons,
// fields and headings by the accessible name a person reads in the language of the pass — by key, never by a copy of
// the text. Each file has the shape `export default defineStrings({ en: { 'area.key': 'Text {name}', … }, zh: { … } })`
// (the console's string contract; defineStrings makes zh carry exactly en's keys).
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

/** Reads a quoted JavaScript string literal starting at `i` (', " or `); returns [value, index after it]. */
function readLiteral(source, i) {
  const quote = source[i];
  let value = '';
  let j = i + 1;
  while (j < source.length && source[j] !== quote) {
    if (source[j] === '\\') {
      const next = source[j + 1];
      value += next === 'n' ? '\n' : next === 't' ? '\t' : next === 'u' ? String.fromCharCode(parseInt(source.slice(j + 2, j + 6), 16)) : next;
      j += next === 'u' ? 6 : 2;
    } else {
      value += source[j];
      j += 1;
    }
  }
  return [value, j + 1];
}

/** The `{ … }` object literal that follows `label:` at the top level of defineStrings's argument, as key → text. */
function readBlock(source, label, file) {
  const match = new RegExp(`(^|[\\s,{])${label}\\s*:\\s*\\{`).exec(source);
  if (!match) {
    throw new Error(`${file}: no '${label}: {' block (expected defineStrings({ en: {…}, zh: {…} }))`);
  }

  const entries = new Map();
  let i = match.index + match[0].length;
  let depth = 1;
  let key = null;
  while (i < source.length && depth > 0) {
    const c = source[i];
    if (c === "'" || c === '"' || c === '`') {
      const [value, next] = readLiteral(source, i);
      i = next;
      if (depth !== 1) continue;
      if (key === null && /^\s*:/.test(source.slice(i))) {
        key = value;
      } else if (key !== null) {
        entries.set(key, value);
        key = null;
      }
      continue;
    }

    if (c === '/' && source[i + 1] === '/') {
      i = source.indexOf('\n', i);
      if (i < 0) break;
      continue;
    }

    if (c === '/' && source[i + 1] === '*') {
      i = source.indexOf('*/', i) + 2;
      continue;
    }

    if (c === '{') depth += 1;
    if (c === '}') depth -= 1;
    i += 1;
  }

  return entries;
}

/**
 * The console's strings: `{ en: Map, zh: Map }` of every file of `directory`. An empty map when the folder does not
 * exist yet (the console not built in this checkout): the steps then fail on the first key they need, naming it.
 * @param {string} directory
 */
export function loadStrings(directory) {
  const all = { en: new Map(), zh: new Map() };
  if (!existsSync(directory)) {
    return all;
  }

  for (const name of readdirSync(directory).filter((n) => n.endsWith('.ts') && n !== 'index.ts')) {
    const file = join(directory, name);
    const source = readFileSync(file, 'utf8');
    if (!source.includes('defineStrings')) continue;
    for (const lang of ['en', 'zh']) {
      for (const [key, value] of readBlock(source, lang, file)) {
        all[lang].set(key, value);
      }
    }
  }

  return all;
}

/**
 * A translator for one language: `t(key, values?)` gives the text with `{name}` placeholders filled; `t.re(key)` a
 * RegExp matching the text whatever the placeholders hold (for names that carry data; `{ whole: false }` to find it
 * inside a longer text). An unknown key throws,
 * naming the key and where the strings were read.
 * @param {{ en: Map<string,string>, zh: Map<string,string> }} strings
 * @param {'en'|'zh'} lang
 * @param {string} directory for messages
 */
export function translator(strings, lang, directory) {
  const lookup = (key) => {
    const text = strings[lang].get(key);
    if (text === undefined) {
      throw new Error(`The console has no string '${key}' (${lang}) in ${directory}: the page this step needs is missing or renamed its text.`);
    }
    return text;
  };

  const t = (key, values = {}) => lookup(key).replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
  t.has = (key) => strings[lang].has(key);
  t.re = (key, { whole = true } = {}) => {
    const pattern = lookup(key)
      .split(/\{\w+\}/)
      .map((part) => part.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    return whole ? new RegExp(`^\\s*${pattern}\\s*$`) : new RegExp(pattern);
  };
  t.lang = lang;
  return t;
}
