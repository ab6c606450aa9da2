/** The kinds of tenant (schema.graphql `enum TenantKind`): a school, a town (镇/街道) or a district. */
export type TenantKind = 'SCHOOL' | 'TOWN' | 'DISTRICT';

/**
 * The string key to show in a tenant of `kind`: `key.school`, `key.town` or `key.district` when that variant exists, else
 * `key` itself, which is worded to fit every kind (used too before the tenant is known and on platform pages).
 */
export function kindKey(key: string, kind: TenantKind | undefined, has: (key: string) => boolean): string {
  if (!kind) return key;
  const variant = `${key}.${kind.toLowerCase()}`;
  return has(variant) ? variant : key;
}
