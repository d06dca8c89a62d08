import { notFound } from "next/navigation";
import { Hydrate } from "@/components/hydrate";
import { PageTitle } from "@/components/page-title";
import { QueryBoundary } from "@/components/query-boundary";
import { PageHeader } from "@/components/ui/page-header";
import { postureKeys } from "@/lib/client/query-keys";
import { ScopeRefusal } from "@/components/scope-refusal";
import { defaultAsOf, defaultFramework, visibleFrameworks } from "@/lib/server/audit-scope";
import { AppError } from "@/lib/server/errors";
import { getPosture } from "@/lib/server/posture";
import { requireViewer } from "@/lib/server/session";
import { AsOfForm } from "./_components/as-of-form";
import { AsOfNotice } from "./_components/as-of-notice";
import { ControlsTabs, FrameworkPicker } from "./_components/controls-tabs";
import { PostureView } from "./_components/posture-view";
import { asOfRejected, controlsHref, DEFAULT_FRAMEWORK, readAsOf, readFramework } from "./_lib/params";
import { scopeRefusal } from "../_lib/refusal";

type PageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ControlsPage({ searchParams }: PageProps) {
  const viewer = await requireViewer();
  const search = await searchParams;
  const framework = readFramework(search, defaultFramework(viewer, DEFAULT_FRAMEWORK));
  const asOf = readAsOf(search) ?? defaultAsOf(viewer);
  const frameworkIds = visibleFrameworks(viewer).map((f) => f.id);
  const posture = await getPosture(viewer, { framework, asOf: asOf ? new Date(asOf) : undefined }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") return null;
    const refused = scopeRefusal(error);
    if (refused) return { refused };
    throw error;
  });
  if (!posture) notFound();
  if ("refused" in posture) {
    return (
      <>
        <PageTitle name="Controls" />
        <PageHeader title="Controls" />
        <ScopeRefusal message={posture.refused} href={controlsHref(frameworkIds[0]!)} linkLabel="Open the controls of your audit scope" />
      </>
    );
  }

  return (
    <>
      <PageTitle name="Controls" />
      <PageHeader
        title="Controls"
        description="Each control's score is the severity-weighted share of passing and excepted evaluations of its rules. Every number opens the items behind it."
      />
      <ControlsTabs current="posture" framework={framework} />
      <FrameworkPicker ids={frameworkIds} current={framework} hrefFor={(id) => controlsHref(id, asOf)} />
      <AsOfForm path="/controls" value={asOf} keep={{ framework }} />
      {asOfRejected(search) ? <AsOfNotice /> : null}
      <Hydrate queries={[{ queryKey: postureKeys.detail(framework, asOf), data: posture }]}>
        <QueryBoundary>
          <PostureView framework={framework} asOf={asOf} />
        </QueryBoundary>
      </Hydrate>
    </>
  );
}
