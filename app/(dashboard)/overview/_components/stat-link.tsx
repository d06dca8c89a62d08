import Link from "next/link";
import { cn } from "@/components/ui/cn";

/** A headline number that drills down to the list behind it. */
export function StatLink({ href, label, value, tone = "neutral" }: { href: string; label: string; value: number; tone?: "neutral" | "danger" }) {
  return (
    <Link href={href} className="group flex flex-col rounded-lg border border-zinc-200 bg-white p-4 hover:border-accent-300 focus-visible:outline-2">
      <span className={cn("text-2xl font-semibold tabular-nums", tone === "danger" && value > 0 ? "text-red-700" : "text-zinc-900")}>
        {value.toLocaleString("en")}
      </span>
      <span className="mt-1 text-sm text-zinc-600 group-hover:text-zinc-900">{label}</span>
    </Link>
  );
}
