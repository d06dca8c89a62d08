import Link from "next/link";
import { Alert } from "@/components/ui/alert";

/** In place of a view the viewer's audit scope does not reach: why, and the way back into the scope. */
export function ScopeRefusal({ message, href, linkLabel }: { message: string; href: string; linkLabel: string }) {
  return (
    <Alert tone="warning" title="Outside your audit scope" className="mb-4">
      <p>{message}.</p>
      <Link href={href} className="mt-1 inline-block font-medium text-accent-700 underline">
        {linkLabel}
      </Link>
    </Alert>
  );
}
