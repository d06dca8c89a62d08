import { notFound } from "next/navigation";
import { Hydrate } from "@/components/hydrate";
import { PageTitle } from "@/components/page-title";
import { QueryBoundary } from "@/components/query-boundary";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { postureKeys } from "@/lib/client/query-keys";
import { ScopeRefusal } from "@/components/scope-refusal";
import { defaultFramework, defaultPeriodFor, visibleFrameworks } from "@/lib/server/audit-scope";
import { AppError } from "@/lib/server/errors";
import { getPostureTrend } from "@/lib/server/posture";
import { requireViewer } from "@/lib/server/session";
import { ControlsTabs, FrameworkPicker } from "../_components/controls-tabs";
import { PeriodForm } from "../_components/period-form";
import { PeriodGrid } from "../_components/period-grid";
import { DEFAULT_FRAMEWORK, defaultPeriod, periodHref, readFramework, readPeriod, readPeriodControl } from "../_lib/params";
import { scopeRefusal } from "../../_lib/refusal";

type PageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ControlsPeriodPage({ searchParams }: PageProps) {
  const viewer = await requireViewer();
  const search = await searchParams;
  const framework = readFramework(search, defaultFramework(viewer, DEFAULT_FRAMEWORK));
  const now = new Date();
  // A scoped auditor's period opens on their audit window.
  const fallback = defaultPeriodFor(viewer, now) ?? defaultPeriod(now);
  const { period, error } = readPeriod(search, now, fallback);
  const frameworkIds = visibleFrameworks(viewer).map((f) => f.id);
  const trend = await getPostureTrend(viewer, { framework, ...period }).catch((e: unknown) => {
    if (e instanceof AppError && e.code === "not_found") return null;
    const refused = scopeRefusal(e);
    if (refused) return { refused };
    throw e;
  });
  if (!trend) notFound();
  if ("refused" in trend) {
    return (
      <>
        <PageTitle name="Type II period" />
        <PageHeader title="Controls" />
        <ScopeRefusal message={trend.refused} href={periodHref(frameworkIds[0]!, fallback)} linkLabel="Open your audit window" />
      </>
    );
  }

  return (
    <>
      <PageTitle name="Type II period" />
      <PageHeader
        title="Controls"
        description="A Type II view: whether each control operated effectively on every day of the audit period, as Leash evaluated it at each day's end (UTC)."
      />
      <ControlsTabs current="period" framework={framework} />
      <FrameworkPicker ids={frameworkIds} current={framework} hrefFor={(id) => periodHref(id, period)} />
      <PeriodForm framework={framework} from={period.from} to={period.to} />
      {error ? (
        <Alert tone="warning" title={viewer.auditScope ? "Showing your audit window instead" : "Showing the last 30 days instead"} className="mb-4">
          {error}
        </Alert>
      ) : null}
      <Hydrate queries={[{ queryKey: postureKeys.trend(framework, period), data: trend }]}>
        <QueryBoundary>
          <PeriodGrid framework={framework} period={period} selected={readPeriodControl(search)} />
        </QueryBoundary>
      </Hydrate>
    </>
  );
}
