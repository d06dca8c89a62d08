import Link from "next/link";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import type { PostureDto } from "@/lib/domain/posture";
import { ScoreLink } from "@/components/control-status";
import { controlHref, frameworkLabel } from "../../controls/_lib/params";

const LIMIT = 5;

/** The not-effective controls of the audited frameworks, lowest score first: where an auditor will look. */
export function TopFailingControls({ postures }: { postures: PostureDto[] }) {
  const rows = postures
    .flatMap((p) => p.controls.filter((c) => c.status === "not_effective").map((c) => ({ framework: p.framework, control: c })))
    .sort((a, b) => (a.control.score ?? 1) - (b.control.score ?? 1) || b.control.population.fail - a.control.population.fail)
    .slice(0, LIMIT);
  if (!rows.length) {
    const labels = postures.map((p) => frameworkLabel(p.framework));
    return <p className="text-sm text-zinc-600">{labels.length ? `No ${labels.join(" or ")} control is failing.` : "No control is failing."}</p>;
  }
  return (
    <Table label="Top failing controls">
      <THead>
        <Tr>
          <Th>Control</Th>
          <Th className="text-right">Score</Th>
          <Th className="text-right">Failing items</Th>
        </Tr>
      </THead>
      <TBody>
        {rows.map(({ framework, control }) => (
          <Tr key={`${framework}:${control.id}`}>
            <Td>
              <span className="text-xs text-zinc-500">{frameworkLabel(framework)} </span>
              <Link href={controlHref(framework, control.id)} className="font-mono font-medium text-accent-700 hover:underline">
                {control.id}
              </Link>
              <span className="block text-xs text-zinc-600">{control.title}</span>
            </Td>
            <Td className="text-right font-medium tabular-nums">
              <ScoreLink score={control.score} controlId={`${frameworkLabel(framework)} ${control.id}`} href={controlHref(framework, control.id)} className="text-accent-700" />
            </Td>
            <Td className="text-right tabular-nums">
              <Link
                href={controlHref(framework, control.id, { result: "fail" })}
                aria-label={`${control.population.fail.toLocaleString("en")} failing in ${frameworkLabel(framework)} ${control.id}`}
                className="font-semibold text-red-700 hover:underline"
              >
                {control.population.fail.toLocaleString("en")}
              </Link>
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
