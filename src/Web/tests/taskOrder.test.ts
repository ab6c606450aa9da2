import { describe, expect, it } from 'vitest';
import { tasksInOrder } from '../src/pages/cases/CaseHistory';

describe('tasksInOrder: what a phone shows first on the case page', () => {
  it('lists open tasks by deadline, then closed ones latest first', () => {
    const tasks = [
      { id: 't4', status: 'OPEN', dueAt: '2026-12-09T16:00:00Z', closedAt: null },
      { id: 't1', status: 'DONE', dueAt: '2026-12-05T18:00:00Z', closedAt: '2026-12-05T17:00:00Z' },
      { id: 't5', status: 'OPEN', dueAt: '2026-12-05T17:30:00Z', closedAt: null },
      { id: 't2', status: 'CANCELLED', dueAt: '2026-12-06T16:00:00Z', closedAt: '2026-12-05T17:10:00Z' },
      { id: 't3', status: 'OPEN', dueAt: '2026-12-06T16:00:00Z', closedAt: null },
    ];
    expect(tasksInOrder(tasks).map((x) => x.id)).toEqual(['t5', 't3', 't4', 't2', 't1']);
    expect(tasks.map((x) => x.id)).toEqual(['t4', 't1', 't5', 't2', 't3']); // not sorted in place
  });
});
