"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { NavIcon } from "./nav-icons";
import { cn } from "./ui/cn";

export const primaryNav = [
  { href: "/overview", label: "Overview", icon: "overview" },
  { href: "/credentials", label: "Credentials", icon: "credentials" },
  { href: "/findings", label: "Findings", icon: "findings" },
  { href: "/scans", label: "Scans", icon: "scans" },
  { href: "/activity", label: "Activity", icon: "activity" },
  { href: "/controls", label: "Controls", icon: "controls" },
  { href: "/evidence", label: "Evidence", icon: "evidence" },
  { href: "/settings", label: "Settings", icon: "settings" },
] as const;

export function isActivePath(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}

/**
 * Client-side only for usePathname: the active link carries aria-current so assistive tech announces it. Below lg the
 * links wrap in rows above the page, so a phone's first screen shows the page rather than eight stacked links.
 */
export function SidebarNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex-1 px-3 py-2 lg:py-4">
      <ul className="flex flex-wrap gap-0.5 lg:block lg:space-y-0.5">
        {primaryNav.map((item) => {
          const active = isActivePath(pathname, item.href);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm font-medium transition-colors",
                  active ? "bg-zinc-800 text-white" : "text-zinc-400 hover:bg-zinc-900 hover:text-zinc-100",
                )}
              >
                <NavIcon name={item.icon} className={cn("size-4", active ? "text-accent-500" : "text-zinc-500")} />
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
