import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import type { BlastEntry } from "@/lib/rules/blast-radius";

const LABELS: Record<BlastEntry["conditions"][number], string> = {
  agent_reachable: "agent can reach",
  production: "production",
  destructive: "destructive",
  long_lived: "long-lived",
};

/** Credentials ranked by PocketOS conditions met, each with the path that makes it so. */
export function BlastRadiusTable({ entries }: { entries: BlastEntry[] }) {
  if (!entries.length) return <p className="text-sm text-zinc-600">No live credential is reachable by an agent.</p>;
  return (
    <Table label="Agent blast radius">
      <THead>
        <Tr>
          <Th>Credential</Th>
          <Th>Conditions met</Th>
          <Th>Why</Th>
        </Tr>
      </THead>
      <TBody>
        {entries.map((e) => (
          <Tr key={e.credentialId} className={e.nineSecond ? "bg-red-50/60 hover:bg-red-50" : undefined}>
            <Td className="wrap-anywhere">
              <Link href={`/credentials/${e.credentialId}`} className="font-medium text-accent-700 hover:underline">
                {e.name ?? e.credentialId}
              </Link>
              <div className="text-xs text-zinc-500">
                {e.provider ?? "provider not stated"} · {e.team ?? "no team"}
              </div>
            </Td>
            <Td>
              <div className="flex flex-wrap gap-1">
                {e.nineSecond && <Badge tone="danger">nine-second</Badge>}
                {e.conditions.map((c) => (
                  <Badge key={c} tone={e.nineSecond ? "danger" : "warning"}>
                    {LABELS[c]}
                  </Badge>
                ))}
              </div>
            </Td>
            <Td className="text-sm text-zinc-700">{e.path.join("; ")}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
