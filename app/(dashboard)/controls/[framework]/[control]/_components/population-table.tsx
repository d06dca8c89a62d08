import Link from "next/link";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import type { PopulationItemDto } from "@/lib/domain/posture";
import { ResultBadge } from "@/components/control-status";
import { ReasonText } from "@/components/reason-text";

const KIND_LABELS: Record<PopulationItemDto["subject_kind"], string> = {
  credential: "credential",
  event: "event",
  corpus: "corpus",
  audit_log: "audit log",
};

/** The evaluations behind the control's score: one row per (rule, subject), with the reason that decided it. */
export function PopulationTable({ items }: { items: PopulationItemDto[] }) {
  return (
    <Table label="Control population">
      <THead>
        <Tr>
          <Th>Rule</Th>
          <Th>Subject</Th>
          <Th>Result</Th>
          <Th>Reason</Th>
          <Th>Finding</Th>
        </Tr>
      </THead>
      <TBody>
        {items.length === 0 ? (
          <Tr>
            <Td colSpan={5} className="py-6 text-center text-zinc-600">
              No evaluations match.
            </Td>
          </Tr>
        ) : (
          items.map((item) => (
            <Tr key={`${item.rule_id}:${item.subject_kind}:${item.subject_id}`} data-testid="population-row">
              <Td className="whitespace-nowrap">
                <span className="font-mono font-medium">{item.rule_id}</span>
                <span className="block text-xs text-zinc-600">{item.rule_title}</span>
              </Td>
              <Td className="wrap-anywhere">
                {item.href ? (
                  <Link href={item.href} className="font-medium text-accent-700 hover:underline">
                    {item.label}
                  </Link>
                ) : (
                  <span className="font-medium">{item.label}</span>
                )}
                <span className="block text-xs text-zinc-500">{KIND_LABELS[item.subject_kind]}</span>
              </Td>
              <Td>
                <ResultBadge result={item.result} />
              </Td>
              <Td className="text-sm text-zinc-700">
                <ReasonText text={item.reason} credentials={item.reason_credentials} />
              </Td>
              <Td className="whitespace-nowrap">
                {item.finding_id ? (
                  <Link href={`/findings/${item.finding_id}`} className="text-accent-700 hover:underline" aria-label={`View finding for ${item.rule_id} on ${item.label}`}>
                    View finding
                  </Link>
                ) : (
                  <span className="text-zinc-400">—</span>
                )}
              </Td>
            </Tr>
          ))
        )}
      </TBody>
    </Table>
  );
}
