import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import admin from '../src/i18n/strings/admin';

// A role's names stand in two places: the jurisdiction templates (seeds/templates: `name`, and `namesZh`, which a staff
// roster's role cell may use, docs/rosters.md) and the console's `admin.role.*` strings. The console shows the first of
// `namesZh`, so a roster written from what the console shows is read back as the same role (round-33 review).
// The templates allow whole-line // comments (JurisdictionTemplateCatalog reads them with comments allowed).
const withoutComments = (text: string) => text.split('\n').filter((l) => !/^\s*\/\//.test(l)).join('\n');
const dir = new URL('../../../seeds/templates/', import.meta.url);
const roles = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .flatMap((f) => (JSON.parse(withoutComments(readFileSync(new URL(f, dir), 'utf8'))) as { roles: { code: string; name: string; namesZh: string[] }[] }).roles);

describe('role names', () => {
  it('are read from every template', () => {
    expect(roles.length).toBeGreaterThan(20);
  });

  for (const role of roles) {
    it(`of ${role.code} agree between the template and the console`, () => {
      const key = `admin.role.${role.code}` as keyof typeof admin.en;
      expect(admin.zh[key], `${key} (zh)`).toBe(role.namesZh[0]);
      expect(admin.en[key], `${key} (en)`).toBe(role.name);
    });
  }
});
