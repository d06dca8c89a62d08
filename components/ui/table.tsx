import type { HTMLAttributes, ReactNode, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cn } from "./cn";
import { ScrollRegion } from "./scroll-region";

/**
 * Dense, readable data table. The wrapper scrolls horizontally instead of squashing columns, and is the positioned
 * box, so screen-reader-only text in a cell (absolutely positioned) stays inside it instead of widening the page.
 */
export function Table({ children, label, className }: { children: ReactNode; label: string; className?: string }) {
  return (
    <ScrollRegion label={label} className={cn("relative overflow-x-auto rounded-lg border border-zinc-200 bg-white", className)}>
      <table aria-label={label} className="min-w-full divide-y divide-zinc-200 text-sm">
        {children}
      </table>
    </ScrollRegion>
  );
}

export function THead({ children }: { children: ReactNode }) {
  return <thead className="bg-zinc-50">{children}</thead>;
}

export function TBody({ children }: { children: ReactNode }) {
  return <tbody className="divide-y divide-zinc-100">{children}</tbody>;
}

export function Tr({ className, ...props }: HTMLAttributes<HTMLTableRowElement>) {
  return <tr className={cn("hover:bg-zinc-50/70", className)} {...props} />;
}

export function Th({ className, ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope="col"
      className={cn("px-3 py-2 text-left text-xs font-semibold tracking-wide text-zinc-600 uppercase whitespace-nowrap", className)}
      {...props}
    />
  );
}

export function Td({ className, ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn("px-3 py-2 align-middle text-zinc-800", className)} {...props} />;
}
