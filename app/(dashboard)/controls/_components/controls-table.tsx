import Link from "next/link";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import type { ControlPostureDto, PopulationCounts, VerdictResult } from "@/lib/domain/posture";
import { controlHref } from "../_lib/params";
import { ControlStatusBadge, ScoreLink } from "@/components/control-status";

const COUNT_COLUMNS: { result: VerdictResult; label: string }[] = [
  { result: "pass", label: "Pass" },
  { result: "fail", label: "Fail" },
  { result: "excepted", label: "Excepted" },
  { result: "not_applicable", label: "N/A" },
];

type ControlsTableProps = { framework: string; frameworkName: string; asOf: string | undefined; controls: ControlPostureDto[] };

/** One row per control; every number opens the control's population, filtered to the items behind it where it counts some. */
export function ControlsTable({ framework, frameworkName, asOf, controls }: ControlsTableProps) {
  return (
    <Table label={`${frameworkName} controls`}>
      <THead>
        <Tr>
          <Th>Control</Th>
          <Th>Status</Th>
          <Th className="text-right">Score</Th>
          {COUNT_COLUMNS.map((c) => (
            <Th key={c.result} className="text-right">
              {c.label}
            </Th>
          ))}
        </Tr>
      </THead>
      <TBody>
        {controls.map((control) => (
          <Tr key={control.id} data-testid="control-row">
            <Td>
              <Link href={controlHref(framework, control.id, { as_of: asOf })} className="font-mono font-medium text-accent-700 hover:underline">
                {control.id}
              </Link>
              <span className="block text-xs text-zinc-600">{control.title}</span>
            </Td>
            <Td>
              <ControlStatusBadge status={control.status} />
            </Td>
            <Td className="text-right font-medium tabular-nums">
              <ScoreLink score={control.score} controlId={control.id} href={controlHref(framework, control.id, { as_of: asOf })} className="text-accent-700" />
            </Td>
            {COUNT_COLUMNS.map((c) => (
              <Td key={c.result} className="text-right tabular-nums">
                <CountLink framework={framework} controlId={control.id} asOf={asOf} result={c.result} population={control.population} label={c.label} />
              </Td>
            ))}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

type CountLinkProps = { framework: string; controlId: string; asOf: string | undefined; result: VerdictResult; population: PopulationCounts; label: string };

export function CountLink({ framework, controlId, asOf, result, population, label }: CountLinkProps) {
  const n = population[result];
  return (
    <Link
      href={controlHref(framework, controlId, { as_of: asOf, result })}
      aria-label={`${n.toLocaleString("en")} ${label.toLowerCase()} in ${controlId}`}
      className={result === "fail" && n > 0 ? "font-semibold text-red-700 hover:underline" : "text-accent-700 hover:underline"}
    >
      {n.toLocaleString("en")}
    </Link>
  );
}
