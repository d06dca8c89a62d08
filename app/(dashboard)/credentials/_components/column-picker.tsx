"use client";

import type { Column } from "@tanstack/react-table";
import type { CredentialRowDto } from "@/lib/domain/credential-query";
import type { tableFeatureSet } from "./columns";

type PickerColumn = Column<typeof tableFeatureSet, CredentialRowDto, unknown>;

/** A native <details> disclosure: keyboard and screen-reader behaviour without a menu library. */
export function ColumnPicker({ table }: { table: { getAllLeafColumns: () => PickerColumn[] } }) {
  return (
    <details className="relative">
      <summary className="cursor-pointer rounded-md px-2 py-1 text-xs font-medium text-zinc-700 hover:bg-zinc-100">Columns</summary>
      <fieldset className="absolute right-0 z-10 mt-1 w-48 space-y-1 rounded-md border border-zinc-200 bg-white p-3 shadow-lg">
        <legend className="sr-only">Columns shown</legend>
        {table
          .getAllLeafColumns()
          .filter((column) => column.getCanHide())
          .map((column) => (
            <label key={column.id} className="flex items-center gap-2 text-sm text-zinc-800">
              <input type="checkbox" className="size-4 accent-accent-600" checked={column.getIsVisible()} onChange={column.getToggleVisibilityHandler()} />
              {String(column.columnDef.header)}
            </label>
          ))}
      </fieldset>
    </details>
  );
}
