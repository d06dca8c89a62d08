import Link from "next/link";
import { cn } from "@/components/ui/cn";

/**
 * A count that opens the list behind it (DESIGN §4: every number drills down), named for screen readers by what it
 * counts; without a list to open (href null) the bare number.
 */
export function CountLink({ value, href, label, className }: { value: number | string; href: string | null; label: string; className?: string }) {
  if (!href) return <>{value}</>;
  return (
    <Link href={href} className={cn("hover:underline", className)}>
      {value}
      <span className="sr-only"> {label}</span>
    </Link>
  );
}
