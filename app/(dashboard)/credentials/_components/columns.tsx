import { columnVisibilityFeature, rowSortingFeature, tableFeatures, type ColumnDef, type ColumnVisibilityState } from "@tanstack/react-table";
import Link from "next/link";
import type { CredentialRowDto } from "@/lib/domain/credential-query";
import { AgentAccessBadge, EnvironmentBadges, ExpiryCell, LastUsedCell, Muted, NotStated, StatusCell, StorageCell } from "./cells";

/** Module scope: TanStack Table v9 wants stable features. No client row models: the server sorts and pages. */
export const tableFeatureSet = tableFeatures({ rowSortingFeature, columnVisibilityFeature });
export type CredentialColumn = ColumnDef<typeof tableFeatureSet, CredentialRowDto>;

/** Column ids that are also server sort keys, with the field each sorts by; the others are not sortable (the server
 * could not page them fast). */
const SORT_FIELDS: Record<string, (row: CredentialRowDto) => string | null> = {
  name: (c) => c.name,
  provider: (c) => c.provider,
  expires_at: (c) => c.expiresAt,
  last_used_at: (c) => c.lastUsedAt,
};

/**
 * Shown only when picked under Columns: all eleven do not fit a 1440 px window, and these three are the ones the
 * posture questions (where, who may reach it, until when, how stored) need least. The detail page shows them all.
 */
export const HIDDEN_BY_DEFAULT: ColumnVisibilityState = { kind: false, principal: false, last_used_at: false };

export function credentialColumns(now: number): CredentialColumn[] {
  return withSorting([
    {
      id: "name",
      header: "Name",
      enableHiding: false,
      cell: ({ row: { original: c } }) => (
        <Link href={`/credentials/${c.id}`} className="block max-w-80 min-w-40 font-medium wrap-anywhere text-accent-700 hover:underline focus-visible:underline">
          {c.name ?? <span className="italic">unnamed ({c.source})</span>}
        </Link>
      ),
    },
    { id: "provider", header: "Provider", cell: ({ row }) => row.original.provider ?? <NotStated /> },
    {
      id: "kind",
      header: "Kind",
      cell: ({ row }) => (row.original.kind ? <span className="whitespace-nowrap">{row.original.kind.replaceAll("_", " ")}</span> : <NotStated />),
    },
    {
      id: "principal",
      header: "Principal",
      cell: ({ row: { original: c } }) => (
        <span className="block max-w-44">
          <span className="block truncate" title={c.principal ?? undefined}>
            {c.principal ?? <Muted>—</Muted>}
          </span>
          <span className="text-xs">{c.principalType ? <Muted>{c.principalType}</Muted> : <NotStated className="mt-0.5" />}</span>
        </span>
      ),
    },
    {
      id: "team",
      header: "Team",
      // A team label that matches no Leash team is shown as typed, flagged so it can be fixed.
      cell: ({ row: { original: c } }) =>
        c.team ? c.team.name : c.teamLabel ? <span title="Not a Leash team">{c.teamLabel} ?</span> : <NotStated />,
    },
    { id: "environments", header: "Environments", cell: ({ row }) => <EnvironmentBadges environments={row.original.environments} /> },
    { id: "agent", header: "Agent access", cell: ({ row }) => <AgentAccessBadge value={row.original.agentAccessible} /> },
    {
      id: "expires_at",
      header: "Expiry",
      cell: ({ row }) => <ExpiryCell expiresAt={row.original.expiresAt} neverExpires={row.original.neverExpires} now={now} />,
    },
    { id: "last_used_at", header: "Last used", cell: ({ row }) => <LastUsedCell lastUsedAt={row.original.lastUsedAt} now={now} /> },
    { id: "storage", header: "Storage", cell: ({ row }) => <StorageCell storage={row.original.storage} /> },
    {
      id: "status",
      header: "Status",
      cell: ({ row }) => <StatusCell status={row.original.status} missingFromSource={row.original.missingFromSource} />,
    },
  ]);
}

/**
 * TanStack Table offers sorting only on accessor columns (getCanSort() is false without an accessorFn), so the
 * sortable ones get one. It only marks the column: sorting is manual, the server answers the sorted page.
 */
function withSorting(columns: CredentialColumn[]): CredentialColumn[] {
  return columns.map((column) => {
    const accessorFn = SORT_FIELDS[column.id ?? ""];
    return accessorFn ? { ...column, accessorFn, enableSorting: true } : { ...column, enableSorting: false };
  });
}
