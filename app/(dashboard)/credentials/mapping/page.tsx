import { notFound } from "next/navigation";
import { Hydrate } from "@/components/hydrate";
import { PageTitle } from "@/components/page-title";
import { QueryBoundary } from "@/components/query-boundary";
import { Code } from "@/components/ui/code";
import { PageHeader } from "@/components/ui/page-header";
import { mappingRuleKeys } from "@/lib/client/query-keys";
import { can } from "@/lib/server/permissions";
import { requireViewer } from "@/lib/server/session";
import { getMappingRules } from "@/lib/server/settings";
import { CredentialsTabs } from "../_components/credentials-tabs";
import { MappingRulesSection } from "./_components/mapping-rules-section";

export default async function MappingRulesPage() {
  const viewer = await requireViewer();
  if (!can(viewer, "settings:read")) notFound();
  const rules = await getMappingRules(viewer);
  const canManage = can(viewer, "settings:manage");
  return (
    <>
      <PageTitle name="Mapping rules" />
      <PageHeader
        title="Mapping rules"
        description={
          <>
            Rules fill what an import left unstated — e.g. principals named <Code>*-agent</Code> are agents. They never overwrite a stated value, and
            every value they set names the rule on the credential page.
          </>
        }
      />
      <CredentialsTabs current="mapping" canImport={can(viewer, "credential:import")} canSeeMapping />
      <Hydrate queries={[{ queryKey: mappingRuleKeys.detail(), data: rules }]}>
        <QueryBoundary>
          <MappingRulesSection canManage={canManage} />
        </QueryBoundary>
      </Hydrate>
    </>
  );
}
