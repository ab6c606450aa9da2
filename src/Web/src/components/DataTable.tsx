import type { ReactNode } from 'react';

/** A column: its header text and how a row shows in it. */
export type Column<T> = { key: string; header: string; cell: (row: T) => ReactNode; numeric?: boolean };

/**
 * A table with a caption and header cells scoped to their columns; on a narrow screen each row becomes a card whose
 * cells repeat their header (CSS, `data-label`). `empty` shows when there are no rows.
 */
export function DataTable<T>({ caption, columns, rows, rowKey, empty }: {
  caption: string; columns: Column<T>[]; rows: T[]; rowKey: (row: T) => string; empty: string;
}) {
  if (rows.length === 0) return <p className="empty">{empty}</p>;
  return (
    // Focusable and named, so a table wider than the screen can be scrolled by keyboard (WCAG 2.1.1).
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table className="data-table">
        <caption>{caption}</caption>
        <thead>
          <tr>{columns.map((c) => <th key={c.key} scope="col" className={c.numeric ? 'num' : undefined}>{c.header}</th>)}</tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c) => (
                // One element per cell, so the phone layout's two columns (header label, content) hold.
                <td key={c.key} data-label={c.header} className={c.numeric ? 'num' : undefined}><div className="cell">{c.cell(row)}</div></td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
