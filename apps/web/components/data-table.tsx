import type { ReactNode } from "react";

/** A column heading; a hidden one (over a column of buttons) is for screen readers only. */
export type DataTableColumn = string | { label: string; hidden: true };

/** The settings pages' tables: headings in a row, then the rows given as children (they stack on a phone). */
export function DataTable({ columns, children }: { columns: DataTableColumn[]; children: ReactNode }) {
  return (
    <div className="table-wrap">
      <table className="data-table">
        <thead>
          <tr>
            {columns.map((column) =>
              typeof column === "string" ? (
                <th key={column} scope="col">
                  {column}
                </th>
              ) : (
                <th key={column.label} scope="col">
                  <span className="visually-hidden">{column.label}</span>
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
