/** One area's strings: English and Simplified Chinese with exactly the same keys (a type error otherwise). */
export type Strings<K extends string> = { en: Record<K, string>; zh: Record<K, string> };

/**
 * Declares an area's strings. `zh` must carry every key of `en` and no other, so a string cannot exist in one language
 * only. Placeholders are written `{name}` and filled by `t(key, { name })`.
 */
export function defineStrings<E extends Record<string, string>>(strings: {
  en: E;
  // A missing key is an error; an extra key is caught by TypeScript's excess-property check on the object literal.
  zh: { [K in keyof E]: string };
}): Strings<Extract<keyof E, string>> {
  return strings as Strings<Extract<keyof E, string>>;
}
