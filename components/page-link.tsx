"use client";

import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

/** A pager link that runs as a transition on a plain click and stays a real link (new tab) otherwise; disabled at the end. */
export function PageLink({ href, label, onGo }: { href: string | null; label: string; onGo: (href: string) => void }) {
  if (!href) {
    return (
      <span aria-disabled="true" className={buttonClasses("secondary", "sm", "cursor-not-allowed text-zinc-400")}>
        {label}
      </span>
    );
  }
  return (
    <Link
      href={href}
      className={buttonClasses("secondary", "sm")}
      onClick={(event) => {
        // Plain links keep open-in-new-tab working; a normal click runs as a transition instead.
        if (event.metaKey || event.ctrlKey || event.shiftKey) return;
        event.preventDefault();
        onGo(href);
      }}
    >
      {label}
    </Link>
  );
}
