import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Hydrate } from "@/components/hydrate";
import { QueryBoundary } from "@/components/query-boundary";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { postureKeys } from "@/lib/client/query-keys";
import { AppError } from "@/lib/server/errors";
import { getPostureTrend } from "@/lib/server/posture";
import { requireViewer } from "@/lib/server/session";
import { ControlsTabs, FrameworkPicker } from "../_components/controls-tabs";
import { PeriodForm } from "../_components/period-form";
import { PeriodGrid } from "../_components/period-grid";
import { periodHref, readFramework, readPeriod } from "../_lib/params";

export const metadata: Metadata = { title: "Type II period" };

type PageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ControlsPeriodPage({ searchParams }: PageProps) {
  const viewer = await requireViewer();
  const search = await searchParams;
  const framework = readFramework(search);
  const { period, error } = readPeriod(search);
  const trend = await getPostureTrend(viewer, { framework, ...period }).catch((e: unknown) => {
    if (e instanceof AppError && e.code === "not_found") return null;
    throw e;
  });
  if (!trend) notFound();

  return (
    <>
      <PageHeader
        title="Controls"
        description="A Type II view: whether each control operated effectively on every day of the audit period, as Leash evaluated it at each day's end (UTC)."
      />
      <ControlsTabs current="period" framework={framework} />
      <FrameworkPicker current={framework} hrefFor={(id) => periodHref(id, period)} />
      <PeriodForm framework={framework} from={period.from} to={period.to} />
      {error ? (
        <Alert tone="warning" title="Showing the last 30 days instead" className="mb-4">
          {error}
        </Alert>
      ) : null}
      <Hydrate queries={[{ queryKey: postureKeys.trend(framework, period), data: trend }]}>
        <QueryBoundary>
          <PeriodGrid framework={framework} period={period} />
        </QueryBoundary>
      </Hydrate>
    </>
  );
}
