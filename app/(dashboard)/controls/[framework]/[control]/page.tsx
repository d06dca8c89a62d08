import Link from "next/link";
import { notFound } from "next/navigation";
import { Hydrate } from "@/components/hydrate";
import { PageTitle } from "@/components/page-title";
import { QueryBoundary } from "@/components/query-boundary";
import { postureKeys } from "@/lib/client/query-keys";
import { controlPopulationQuerySchema } from "@/lib/domain/posture";
import { ScopeRefusal } from "@/components/scope-refusal";
import { defaultAsOf } from "@/lib/server/audit-scope";
import { AppError } from "@/lib/server/errors";
import { getControl } from "@/lib/server/posture";
import { requireViewer } from "@/lib/server/session";
import { AsOfForm } from "../../_components/as-of-form";
import { AsOfNotice } from "../../_components/as-of-notice";
import { asOfRejected, controlsHref, frameworkLabel, pathSegment, readPopulationParams, readPrevStack, type PopulationParams } from "../../_lib/params";
import { loadPage } from "../../../_lib/cursor";
import { scopeRefusal } from "../../../_lib/refusal";
import { ControlDetail } from "./_components/control-detail";

type PageProps = {
  params: Promise<{ framework: string; control: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function ControlPage({ params, searchParams }: PageProps) {
  const viewer = await requireViewer();
  const { framework: rawFramework, control: rawControl } = await params;
  const framework = pathSegment(rawFramework);
  const controlId = pathSegment(rawControl);
  const search = await searchParams;
  const load = (q: PopulationParams) => getControl(viewer, framework, controlId, controlPopulationQuerySchema.parse(q));
  const asked = readPopulationParams(search);
  // A scoped auditor whose window is over reads it as of its end, and the page says so.
  const loaded = await loadPage({ ...asked, as_of: asked.as_of ?? defaultAsOf(viewer) }, load).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    const refused = scopeRefusal(error);
    if (refused) return { refused };
    throw error;
  });
  const title = <PageTitle name={`${controlId} · ${frameworkLabel(framework)}`} />;
  if ("refused" in loaded) {
    return (
      <>
        {title}
        <ScopeRefusal message={loaded.refused} href="/controls" linkLabel="Open the controls of your audit scope" />
      </>
    );
  }
  const { query, page: detail } = loaded;
  const prev = loaded.restarted ? [] : readPrevStack(search);
  const key = Object.fromEntries(Object.entries(query).filter(([, v]) => v)) as Record<string, string>;

  return (
    <>
      {title}
      <nav aria-label="Breadcrumb" className="mb-3 text-sm">
        <Link href={controlsHref(framework, query.as_of)} className="text-accent-700 hover:underline">
          ← {frameworkLabel(framework)} controls
        </Link>
      </nav>
      {asOfRejected(search) ? <AsOfNotice /> : null}
      <Hydrate queries={[{ queryKey: postureKeys.control(framework, controlId, key), data: detail }]}>
        <QueryBoundary>
          <ControlDetail
            framework={framework}
            controlId={controlId}
            params={key}
            prev={prev}
            asOfForm={<AsOfForm path={`/controls/${encodeURIComponent(framework)}/${encodeURIComponent(controlId)}`} value={query.as_of} keep={{ result: query.result, rule: query.rule, limit: query.limit }} />}
          />
        </QueryBoundary>
      </Hydrate>
    </>
  );
}
