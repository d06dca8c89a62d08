import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";

export type TrendRow = { day: string; scores: (number | null)[] };

/** The trend chart's data as a table, newest day first. */
export function TrendTable({ rows, labels }: { rows: TrendRow[]; labels: string[] }) {
  return (
    <Table label="Framework score per day" className="max-h-80 overflow-y-auto">
      <THead>
        <Tr>
          <Th>Day (UTC)</Th>
          {labels.map((label) => (
            <Th key={label} className="text-right">
              {label}
            </Th>
          ))}
        </Tr>
      </THead>
      <TBody>
        {[...rows].reverse().map((r) => (
          <Tr key={r.day}>
            <Td className="font-mono text-xs">{r.day}</Td>
            {labels.map((label, i) => {
              const score = r.scores[i];
              return (
                <Td key={label} className="text-right tabular-nums">
                  {score === null || score === undefined ? "not evaluated" : `${score}%`}
                </Td>
              );
            })}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
