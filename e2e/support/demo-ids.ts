import { expect } from "@playwright/test";
import type { EventPage } from "@/lib/domain/activity-query";
import type { CredentialPage, ImportRunDto } from "@/lib/domain/credential-query";
import type { FindingPage } from "@/lib/domain/posture";
import type { CorpusDto, SecretFindingDto } from "@/lib/domain/scan";
import { apiAs, expectJson } from "./api";

export type DemoIds = { credential: string; importRun: string; corpus: string; secretFinding: string; finding: string; event: number };

let ids: Promise<DemoIds> | undefined;

/** Real ids for the dynamic routes, read from the seeded demo workspace through the API (the admin sees every team). */
export function demoIds(baseURL: string): Promise<DemoIds> {
  ids ??= (async () => {
    const admin = await apiAs("admin", baseURL);
    const get = async <T>(path: string) => expectJson<T>(await admin.get(path), 200);
    const credentials = await get<CredentialPage>("/api/v1/credentials?q=Railway%20API%20token");
    const { runs } = await get<{ runs: ImportRunDto[] }>("/api/v1/imports");
    const { corpora } = await get<{ corpora: CorpusDto[] }>("/api/v1/corpora");
    const secretFindings = await get<{ findings: SecretFindingDto[] }>("/api/v1/secret-findings");
    // An open finding with no exception yet, so the Request exception dialog can be opened on it.
    const findings = await get<FindingPage>("/api/v1/findings?status=open&q=Railway%20API%20token");
    const events = await get<EventPage>("/api/v1/events?limit=1");
    await admin.dispose();
    const first = <T>(list: T[], what: string): T => {
      expect(list.length, `the demo seed holds a ${what}`).toBeGreaterThan(0);
      return list[0]!;
    };
    return {
      credential: first(credentials.items, "Railway API token").id,
      importRun: first(runs, "import run").id,
      corpus: first(corpora, "corpus").id,
      secretFinding: first(secretFindings.findings, "secret finding").id,
      finding: first(findings.items.filter((f) => !f.exception), "open finding without an exception").id,
      event: first(events.items, "activity event").id,
    };
  })();
  return ids;
}
