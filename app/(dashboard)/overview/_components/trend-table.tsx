import Link from "next/link";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { controlsHref, dayAsOf } from "../../controls/_lib/params";

export type TrendRow = { day: string; scores: (number | null)[] };

/** The trend chart's data as a table, newest day first; each score opens the framework's controls as of that day's end. */
export function TrendTable({ rows, frameworks }: { rows: TrendRow[]; frameworks: { id: string; label: string }[] }) {
  return (
    <Table label="Framework score per day" className="max-h-80 overflow-y-auto">
      <THead>
        <Tr>
          <Th>Day (UTC)</Th>
          {frameworks.map((f) => (
            <Th key={f.id} className="text-right">
              {f.label}
            </Th>
          ))}
        </Tr>
      </THead>
      <TBody>
        {[...rows].reverse().map((r) => (
          <Tr key={r.day}>
            <Td className="font-mono text-xs">{r.day}</Td>
            {frameworks.map((f, i) => {
              const score = r.scores[i];
              return (
                <Td key={f.id} className="text-right tabular-nums">
                  {score === null || score === undefined ? (
                    "not evaluated"
                  ) : (
                    <Link href={controlsHref(f.id, dayAsOf(r.day))} className="text-accent-700 hover:underline">
                      {score}%<span className="sr-only"> {f.label} controls on {r.day}</span>
                    </Link>
                  )}
                </Td>
              );
            })}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
