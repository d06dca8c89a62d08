import Link from "next/link";
import { Hydrate } from "@/components/hydrate";
import { NavIcon } from "@/components/nav-icons";
import { PageTitle } from "@/components/page-title";
import { QueryBoundary } from "@/components/query-boundary";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { credentialKeys } from "@/lib/client/query-keys";
import { listCredentials } from "@/lib/server/credentials";
import { can } from "@/lib/server/permissions";
import { requireViewer } from "@/lib/server/session";
import { listTeams } from "@/lib/server/teams";
import { loadPage } from "../_lib/cursor";
import { CredentialsInventory } from "./_components/credentials-inventory";
import { CredentialsTabs } from "./_components/credentials-tabs";
import { asListQuery, exportHref, hasFilters, readListParams, readPrevStack } from "./_lib/list-params";

type PageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function CredentialsPage({ searchParams }: PageProps) {
  const viewer = await requireViewer();
  const search = await searchParams;
  const [{ query: params, page: data, restarted }, teams] = await Promise.all([
    loadPage(readListParams(search), (query) => listCredentials(viewer, asListQuery(query))),
    listTeams(viewer),
  ]);
  const prev = restarted ? [] : readPrevStack(search);
  const canImport = can(viewer, "credential:import");
  const header = (
    <PageHeader
      title="Credentials"
      description="Every secret that authenticates something: its owner, environments, agent access, allowed operations, expiry and rotation. Secret values are never stored."
      actions={
        <>
          <a href={exportHref(params)} className={buttonClasses("secondary")} download>
            Export CSV
          </a>
          {canImport ? (
            <Link href="/credentials/import" className={buttonClasses("primary")}>
              Import
            </Link>
          ) : null}
        </>
      }
    />
  );
  const tabs = <CredentialsTabs current="inventory" canImport={canImport} canSeeMapping={can(viewer, "settings:read")} />;

  if (data.total === 0 && !hasFilters(params)) {
    return (
      <>
        <PageTitle name="Credentials" />
        {header}
        {tabs}
        <EmptyState
          icon={<NavIcon name="credentials" className="size-5" />}
          title="No credentials yet — import an inventory"
          description="Leash never stores secret values. An inventory lists each credential's metadata and, optionally, its fingerprint so scan findings can be matched to it."
          steps={[
            <>
              Download the{" "}
              <a href="/api/v1/credentials/template.csv" className="font-medium text-accent-700 underline">
                Leash CSV template
              </a>{" "}
              or export from a vault or cloud provider.
            </>,
            "Import it; re-importing the same file updates records instead of duplicating them.",
            "Tag environments and agent access so rules R02, R03 and R08 can evaluate each credential.",
          ]}
          action={
            canImport ? (
              <Link href="/credentials/import" className={buttonClasses("primary")}>
                Import credentials
              </Link>
            ) : (
              <p className="text-sm text-zinc-600">Ask an admin or engineer to import an inventory.</p>
            )
          }
        />
      </>
    );
  }

  return (
    <>
      <PageTitle name="Credentials" />
      {header}
      {tabs}
      <Hydrate queries={[{ queryKey: credentialKeys.list(params as Record<string, string>), data }]}>
        <QueryBoundary>
          <CredentialsInventory params={params} prev={prev} teams={teams.map((t) => ({ id: t.id, name: t.name }))} now={Date.now()} />
        </QueryBoundary>
      </Hydrate>
    </>
  );
}
