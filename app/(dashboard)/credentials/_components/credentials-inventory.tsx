"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { PageLink } from "@/components/page-link";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { Select } from "@/components/ui/select";
import { pageRangeText } from "@/lib/client/format";
import {
  DEFAULT_PAGE_SIZE,
  listHref,
  nextPageHref,
  PAGE_SIZES,
  previousPageHref,
  withChanges,
  type ListParams,
} from "../_lib/list-params";
import { credentialListQuery } from "../_lib/queries";
import { CredentialFilters } from "./credential-filters";
import { CredentialsTable } from "./credentials-table";

type CredentialsInventoryProps = {
  params: ListParams;
  prev: string[];
  teams: { id: string; name: string }[];
  now: number;
};

/**
 * The view lives in the URL (filters, sort, cursor), so it can be bookmarked and shared. Changing it navigates;
 * the server page prefetches the new page and the transition keeps the current rows up until it arrives.
 */
export function CredentialsInventory({ params, prev, teams, now }: CredentialsInventoryProps) {
  const router = useRouter();
  const [busy, startTransition] = useTransition();
  const { data: page } = useSuspenseQuery(credentialListQuery(params));
  // Filters keep the scroll position (the form is above the table); a new page starts at the top.
  const go = (href: string, scroll = false) => startTransition(() => router.push(href, { scroll }));
  const change = (changes: ListParams) => go(listHref(withChanges(params, changes)));
  const turnPage = (href: string) => go(href, true);

  const limit = Number(params.limit ?? DEFAULT_PAGE_SIZE);
  const pageNumber = prev.length + 1;
  const first = page.total === 0 ? 0 : (pageNumber - 1) * limit + 1;
  const last = (pageNumber - 1) * limit + page.items.length;
  const previous = previousPageHref(params, prev);
  const next = page.nextCursor ? nextPageHref(params, prev, page.nextCursor) : null;

  return (
    <section aria-label="Credential inventory" aria-busy={busy}>
      <CredentialFilters value={params} teams={teams} sourceName={page.items[0]?.source} onApply={change} busy={busy} />
      <div className="mb-2 flex flex-wrap items-end justify-between gap-3">
        <p className="text-sm text-zinc-700" aria-live="polite" data-testid="credential-total">
          {page.total === 0 ? "No credentials" : pageRangeText(first, last, page.total, { one: "credential", many: "credentials" })}
          {busy ? <span className="ml-2 text-zinc-500">Loading…</span> : null}
        </p>
      </div>
      <div className={busy ? "opacity-60 transition-opacity" : undefined}>
        <CredentialsTable
          rows={page.items}
          now={now}
          sort={params.sort ?? "name"}
          order={params.order === "desc" ? "desc" : "asc"}
          onSort={(sort, order) => change({ sort, order })}
        />
      </div>
      <nav aria-label="Pages" className="mt-3 flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-2">
          <label htmlFor="page-size" className="text-sm whitespace-nowrap text-zinc-700">
            Rows per page
          </label>
          <Select id="page-size" className="w-24" value={String(limit)} onChange={(event) => change({ limit: event.target.value })}>
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </Select>
        </div>
        <div className="flex items-center gap-2">
          <span className="text-sm text-zinc-600">Page {pageNumber}</span>
          <PageLink href={previous} label="Previous" onGo={turnPage} />
          <PageLink href={next} label="Next" onGo={turnPage} />
        </div>
      </nav>
    </section>
  );
}
