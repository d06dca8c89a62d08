"use client";

import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

/**
 * A pager link, disabled at the end. With `onGo` a plain click runs as a transition (the link still opens a new tab);
 * without it, it is an ordinary navigation (a server-rendered list).
 */
export function PageLink({ href, label, onGo }: { href: string | null; label: string; onGo?: (href: string) => void }) {
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
        if (!onGo || event.metaKey || event.ctrlKey || event.shiftKey) return;
        event.preventDefault();
        onGo(href);
      }}
    >
      {label}
    </Link>
  );
}
