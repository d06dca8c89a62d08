import Link from "next/link";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { formatDate } from "@/lib/client/format";
import type { SecretFindingDto } from "@/lib/domain/scan";
import { SeverityBadge } from "@/components/severity-badge";
import { FindingStatusBadge } from "./badges";

type ExposuresTableProps = { findings: SecretFindingDto[]; label: string; showCorpus?: boolean; showStatus?: boolean };

/** One row per exposed secret. Only the redacted preview is ever rendered: the server never has the secret. */
export function ExposuresTable({ findings, label, showCorpus = true, showStatus = false }: ExposuresTableProps) {
  return (
    <Table label={label}>
      <THead>
        <Tr>
          <Th>Severity</Th>
          <Th>Secret</Th>
          <Th>Preview</Th>
          {showCorpus ? <Th>Corpus</Th> : null}
          <Th className="text-right">Locations</Th>
          <Th>Inventory</Th>
          {showStatus ? <Th>Status</Th> : null}
          <Th>First seen</Th>
          <Th>Last seen</Th>
        </Tr>
      </THead>
      <TBody>
        {findings.map((f) => (
          <Tr key={f.id} data-testid="exposure-row">
            <Td>
              <SeverityBadge severity={f.severity} />
            </Td>
            <Td>
              <Link href={`/scans/findings/${f.id}`} className="font-medium text-accent-700 hover:underline">
                {f.title}
              </Link>
              <span className="block text-xs text-zinc-600">
                {f.provider} · {f.kind.replaceAll("_", " ")}
                {f.allowed ? " · allowed by .leashignore" : ""}
              </span>
            </Td>
            <Td>
              <code className="font-mono text-xs break-all text-zinc-900" data-testid="exposure-preview">
                {f.preview}
              </code>
            </Td>
            {showCorpus ? (
              <Td>
                <Link href={`/scans/corpora/${f.corpus.id}`} className="text-accent-700 hover:underline">
                  {f.corpus.name}
                </Link>
                {f.corpus.agentReadable ? <span className="block text-xs font-medium text-red-700">Agents read this</span> : null}
              </Td>
            ) : null}
            <Td className="text-right tabular-nums">{f.locations.length}</Td>
            <Td>
              <CredentialLink credential={f.credential} />
            </Td>
            {showStatus ? (
              <Td>
                <FindingStatusBadge resolvedAt={f.resolvedAt} />
              </Td>
            ) : null}
            <Td className="whitespace-nowrap text-zinc-700">{formatDate(f.firstSeenAt)}</Td>
            <Td className="whitespace-nowrap text-zinc-700">{formatDate(f.lastSeenAt)}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

export function CredentialLink({ credential }: { credential: SecretFindingDto["credential"] }) {
  if (!credential) return <span className="text-xs text-amber-800">Not in inventory</span>;
  return (
    <Link href={`/credentials/${credential.id}`} className="wrap-anywhere text-accent-700 hover:underline">
      {credential.name ?? "Inventory credential"}
    </Link>
  );
}
