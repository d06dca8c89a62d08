import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { blastRadiusList } from "@/lib/server/overview";
import { requireViewer } from "@/lib/server/session";
import { searchParam } from "../../_lib/search-params";
import { BlastRadiusTable } from "../_components/blast-radius-table";

export const metadata: Metadata = { title: "Agent blast radius" };

type PageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Every credential an agent can reach, ranked: what the Overview's blast-radius counts total. */
export default async function BlastRadiusPage({ searchParams }: PageProps) {
  const viewer = await requireViewer();
  const nineSecondOnly = searchParam(await searchParams, "nineSecond") === "true";
  const list = await blastRadiusList(viewer, { nineSecondOnly });
  const total = nineSecondOnly ? list.nineSecond : list.count;
  const scope = viewer.role === "engineer" ? ` Your teams: ${viewer.teams.map((t) => t.name).join(", ") || "none"}.` : "";
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-3 text-sm">
        <Link href="/overview" className="text-accent-700 hover:underline">
          ← Overview
        </Link>
      </nav>
      <PageHeader
        title="Agent blast radius"
        description={`Credentials neither revoked nor expired that an agent can reach, ranked by the PocketOS conditions they meet: reachable by an agent, valid in production, allowed to destroy, long-lived.${scope}`}
      />
      <p className="mb-3 text-sm text-zinc-700" data-testid="blast-total">
        {nineSecondOnly ? (
          <>
            {list.nineSecond.toLocaleString("en")} nine-second credential{list.nineSecond === 1 ? "" : "s"} of {list.count.toLocaleString("en")} in the blast radius ·{" "}
            <Link href="/overview/blast-radius" className="text-accent-700 underline">
              show all
            </Link>
          </>
        ) : (
          <>
            {list.count.toLocaleString("en")} credential{list.count === 1 ? "" : "s"} an agent can reach, {list.nineSecond.toLocaleString("en")} of them nine-second ·{" "}
            <Link href="/overview/blast-radius?nineSecond=true" className="text-accent-700 underline">
              nine-second only
            </Link>
          </>
        )}
        {list.entries.length < total ? ` · the first ${list.entries.length.toLocaleString("en")} shown` : ""}
      </p>
      <BlastRadiusTable entries={list.entries} />
    </>
  );
}
