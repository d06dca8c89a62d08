import { pageTitle } from "@/lib/client/page-title";

/**
 * The tab's title, rendered by the page itself (React hoists it into the head). Leash never sets a title through
 * Next's metadata: that title is resolved apart from the page, and after an in-app navigation it mounted after the
 * page, so it won over the not-found page's (the tab kept "Credential · Leash" for a credential that was not found).
 * A page that gives up renders no title of its own, and its not-found page's is the only one, however it was reached.
 */
export function PageTitle({ name }: { name: string }) {
  return <title>{pageTitle(name)}</title>;
}
