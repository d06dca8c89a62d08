import Link from "next/link";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import type { ControlDetailDto, VerdictResult } from "@/lib/domain/posture";
import { SeverityBadge } from "@/components/severity-badge";
import type { PopulationParams } from "../../../_lib/params";

const COLUMNS: { result: VerdictResult; label: string }[] = [
  { result: "pass", label: "Pass" },
  { result: "fail", label: "Fail" },
  { result: "excepted", label: "Excepted" },
  { result: "not_applicable", label: "N/A" },
];

type RulesTableProps = { controlId: string; rules: ControlDetailDto["rules"]; hrefFor: (changes: PopulationParams) => string };

/** Each rule's share of the control's population; a rule or a count narrows the population below to it. */
export function RulesTable({ controlId, rules, hrefFor }: RulesTableProps) {
  return (
    <Table label={`Rules of ${controlId}`}>
      <THead>
        <Tr>
          <Th>Rule</Th>
          <Th>Severity</Th>
          {COLUMNS.map((c) => (
            <Th key={c.result} className="text-right">
              {c.label}
            </Th>
          ))}
        </Tr>
      </THead>
      <TBody>
        {rules.map((rule) => (
          <Tr key={rule.id}>
            <Td>
              <Link href={hrefFor({ rule: rule.id })} className="text-accent-700 hover:underline">
                <span className="font-mono font-medium">{rule.id}</span> {rule.title}
              </Link>
            </Td>
            <Td>
              <SeverityBadge severity={rule.severity} />
            </Td>
            {COLUMNS.map((c) => {
              const n = rule.population[c.result];
              return (
                <Td key={c.result} className="text-right tabular-nums">
                  <Link
                    href={hrefFor({ rule: rule.id, result: c.result })}
                    aria-label={`${n.toLocaleString("en")} ${c.label.toLowerCase()} for ${rule.id}`}
                    className={c.result === "fail" && n > 0 ? "font-semibold text-red-700 hover:underline" : "text-accent-700 hover:underline"}
                  >
                    {n.toLocaleString("en")}
                  </Link>
                </Td>
              );
            })}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
