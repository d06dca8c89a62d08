import { queryOptions } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import { evidenceKeys } from "@/lib/client/query-keys";
import type { EvidencePackageDto } from "@/lib/domain/evidence";

/** Browser-side read of the package list; the server page prefetches the same key through lib/server/evidence. */
export const evidencePackagesQuery = () =>
  queryOptions({
    queryKey: evidenceKeys.list(),
    queryFn: async () => (await api.get<{ packages: EvidencePackageDto[] }>("/evidence")).packages,
  });
