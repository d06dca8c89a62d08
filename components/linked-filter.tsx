import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";

/**
 * A filter that only a link sets (a run's count, a team's member count) and no field of the form edits: it says
 * what it narrows the list to, rides along in a hidden input so Apply keeps it, and can be removed on its own.
 */
export function LinkedFilter({ name, value, onRemove, children }: { name: string; value: string; onRemove: () => void; children: ReactNode }) {
  return (
    <p className="flex flex-wrap items-center gap-2 text-sm text-zinc-700" data-testid={`linked-filter-${name}`}>
      <input type="hidden" name={name} value={value} />
      <span>{children}</span>
      <Button variant="ghost" size="sm" onClick={onRemove}>
        Remove filter
      </Button>
    </p>
  );
}
