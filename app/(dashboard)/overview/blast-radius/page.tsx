import Link from "next/link";
import { PageTitle } from "@/components/page-title";
import { PageHeader } from "@/components/ui/page-header";
import { PageLink } from "@/components/page-link";
import { decodeOffset, encodeOffset } from "@/lib/server/offset-cursor";
import { BLAST_LIST_LIMIT, blastRadiusList } from "@/lib/server/overview";
import { requireViewer } from "@/lib/server/session";
import { searchParam } from "../../_lib/search-params";
import { BlastRadiusTable } from "../_components/blast-radius-table";

type PageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Every credential an agent can reach, ranked: what the Overview's blast-radius counts total. */
export default async function BlastRadiusPage({ searchParams }: PageProps) {
  const viewer = await requireViewer();
  const search = await searchParams;
  const nineSecondOnly = searchParam(search, "nineSecond") === "true";
  const list = await blastRadiusList(viewer, { nineSecondOnly, offset: offsetOf(searchParam(search, "cursor")) });
  const total = nineSecondOnly ? list.nineSecond : list.count;
  const first = list.offset + 1;
  const last = list.offset + list.entries.length;
  const pageHref = (offset: number | null) =>
    offset === null ? null : `/overview/blast-radius?${new URLSearchParams({ ...(nineSecondOnly ? { nineSecond: "true" } : {}), ...(offset > 0 ? { cursor: encodeOffset(offset) } : {}) })}`.replace(/\?$/, "");
  const previous = pageHref(list.offset > 0 ? Math.max(0, list.offset - BLAST_LIST_LIMIT) : null);
  const next = pageHref(last < total ? last : null);
  const scope = viewer.role === "engineer" ? ` Your teams: ${viewer.teams.map((t) => t.name).join(", ") || "none"}.` : "";
  return (
    <>
      <PageTitle name="Agent blast radius" />
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
        {list.entries.length < total ? ` · ${first.toLocaleString("en")}–${last.toLocaleString("en")} shown` : ""}
      </p>
      <BlastRadiusTable entries={list.entries} />
      {previous || next ? (
        <nav aria-label="Blast radius pages" className="mt-3 flex justify-end gap-2">
          <PageLink href={previous} label="Previous" />
          <PageLink href={next} label="Next" />
        </nav>
      ) : null}
    </>
  );
}

/** A hand-edited or stale cursor starts the list again at its first page. */
function offsetOf(cursor: string | undefined): number {
  try {
    return decodeOffset(cursor);
  } catch {
    return 0;
  }
}
