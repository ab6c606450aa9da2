import { describe, expect, it } from 'vitest';
import { suggestRoutes } from '../src/app/routes';

// Round-33 trial: a principal typed /statistics and read only "此页面不存在", with no way on.
describe('pages a guessed address may have meant', () => {
  it('finds the statistics page from /statistics for a supervisor', () => {
    expect(suggestRoutes('/statistics', 'Supervisor').map((r) => r.path)).toEqual(['/supervision']);
  });

  it("matches a path word with its hyphen left out, and only pages in the role's menu", () => {
    expect(suggestRoutes('/tasks', 'Counsellor').map((r) => r.path)).toEqual(['/my-tasks']);
    expect(suggestRoutes('/overdue', 'Supervisor').map((r) => r.path)).toEqual(['/supervision/overdue']);
    expect(suggestRoutes('/statistics', 'Reporter')).toEqual([]);
    expect(suggestRoutes('/audit', 'Counsellor')).toEqual([]);
  });

  it('suggests nothing for a short or empty word', () => {
    expect(suggestRoutes('/x', 'Supervisor')).toEqual([]);
    expect(suggestRoutes('/', 'Supervisor')).toEqual([]);
    expect(suggestRoutes('/12/', 'Supervisor')).toEqual([]);
  });
});
