import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import type { ActivitySummaryDto } from "@/lib/domain/activity-query";

/** The chart's data as a table: the text alternative for anyone who cannot (or would rather not) read the bars. */
export function ChartTable({ days }: { days: ActivitySummaryDto["days"] }) {
  return (
    <Table label="Operations per day by actor type" className="max-h-80 overflow-y-auto">
      <THead>
        <Tr>
          <Th>Day (UTC)</Th>
          <Th className="text-right">Agent</Th>
          <Th className="text-right">Human</Th>
          <Th className="text-right">Service</Th>
          <Th className="text-right">Unknown</Th>
          <Th className="text-right">Flagged</Th>
        </Tr>
      </THead>
      <TBody>
        {[...days].reverse().map((d) => (
          <Tr key={d.day}>
            <Td className="font-mono text-xs">{d.day}</Td>
            <Td className="text-right tabular-nums">{d.agent}</Td>
            <Td className="text-right tabular-nums">{d.human}</Td>
            <Td className="text-right tabular-nums">{d.service}</Td>
            <Td className="text-right tabular-nums">{d.unknown}</Td>
            <Td className={d.flagged ? "text-right font-semibold text-red-700 tabular-nums" : "text-right tabular-nums"}>{d.flagged}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
