"use client";

import { useTable, type ColumnVisibilityState, type SortingState } from "@tanstack/react-table";
import { useMemo, useState } from "react";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import type { CredentialRowDto } from "@/lib/domain/credential-query";
import { ColumnPicker } from "./column-picker";
import { credentialColumns, HIDDEN_BY_DEFAULT, tableFeatureSet } from "./columns";

type CredentialsTableProps = {
  rows: CredentialRowDto[];
  now: number;
  sort: string;
  order: "asc" | "desc";
  onSort: (sort: string, order: "asc" | "desc") => void;
};

/**
 * TanStack Table holds the UI state (columns shown, sort indicator); sorting itself is manual: a header click
 * changes the URL and the server answers the sorted page, which stays fast at 100k rows.
 */
export function CredentialsTable({ rows, now, sort, order, onSort }: CredentialsTableProps) {
  const columns = useMemo(() => credentialColumns(now), [now]);
  const [columnVisibility, setColumnVisibility] = useState<ColumnVisibilityState>(HIDDEN_BY_DEFAULT);
  const sorting = useMemo<SortingState>(() => [{ id: sort, desc: order === "desc" }], [sort, order]);
  const table = useTable({
    features: tableFeatureSet,
    columns,
    data: rows,
    getRowId: (row) => row.id,
    manualSorting: true,
    enableSortingRemoval: false,
    enableMultiSort: false,
    sortDescFirst: false,
    state: { sorting, columnVisibility },
    onColumnVisibilityChange: setColumnVisibility,
    onSortingChange: (updater) => {
      const first = (typeof updater === "function" ? updater(sorting) : updater)[0];
      if (first) onSort(first.id, first.desc ? "desc" : "asc");
    },
  });

  return (
    <div className="space-y-2">
      <div className="flex justify-end">
        <ColumnPicker table={table} />
      </div>
      <Table label="Credentials">
        <THead>
          {table.getHeaderGroups().map((group) => (
            <Tr key={group.id}>
              {group.headers.map((header) => {
                const active = header.column.getIsSorted();
                const label = <table.FlexRender header={header} />;
                return (
                  <Th key={header.id} aria-sort={active ? (active === "desc" ? "descending" : "ascending") : undefined}>
                    {header.column.getCanSort() ? (
                      <button
                        type="button"
                        onClick={() => header.column.toggleSorting(active === "asc")}
                        className="inline-flex items-center gap-1 rounded uppercase hover:text-zinc-900 focus-visible:ring-2 focus-visible:ring-accent-600/40 focus-visible:outline-none"
                      >
                        {label}
                        <span aria-hidden="true" className={active ? "text-zinc-900" : "text-zinc-300"}>
                          {active === "desc" ? "▼" : "▲"}
                        </span>
                      </button>
                    ) : (
                      label
                    )}
                  </Th>
                );
              })}
            </Tr>
          ))}
        </THead>
        <TBody>
          {table.getRowModel().rows.map((row) => (
            <Tr key={row.id} data-testid="credential-row">
              {row.getVisibleCells().map((cell) => (
                <Td key={cell.id}>
                  <table.FlexRender cell={cell} />
                </Td>
              ))}
            </Tr>
          ))}
          {rows.length === 0 ? (
            <Tr>
              <Td colSpan={table.getVisibleLeafColumns().length} className="py-8 text-center text-zinc-500">
                No credentials match these filters.
              </Td>
            </Tr>
          ) : null}
        </TBody>
      </Table>
    </div>
  );
}
