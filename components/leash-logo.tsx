import { cn } from "@/components/ui/cn";

/** Wordmark: a shield with a loop, i.e. a credential kept on a leash. */
export function LeashLogo({ className, tone = "dark" }: { className?: string; tone?: "dark" | "light" }) {
  return (
    <span className={cn("inline-flex items-center gap-2 font-semibold tracking-tight", className)}>
      <svg aria-hidden="true" viewBox="0 0 24 24" className="size-6 text-accent-500" fill="none" stroke="currentColor" strokeWidth="2">
        <path d="M12 3 4.5 6v5.5c0 4.6 3.2 8.2 7.5 9.5 4.3-1.3 7.5-4.9 7.5-9.5V6L12 3Z" strokeLinejoin="round" />
        <circle cx="12" cy="11" r="2.5" />
        <path d="M12 13.5V17" strokeLinecap="round" />
      </svg>
      <span className={tone === "light" ? "text-white" : "text-zinc-900"}>Leash</span>
    </span>
  );
}
