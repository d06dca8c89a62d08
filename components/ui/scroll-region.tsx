"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * A box that may scroll (a wide table, a long list). Only while its content overflows does it become a named,
 * focusable group, so keyboard users can scroll it with the arrow keys; otherwise it adds no tab stop. A group,
 * not a region: a landmark per table would crowd the landmark list and repeat the section's own name.
 */
export function ScrollRegion({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [overflows, setOverflows] = useState(false);

  useEffect(() => {
    const box = ref.current;
    if (!box) return;
    const measure = () => setOverflows(box.scrollWidth > box.clientWidth || box.scrollHeight > box.clientHeight);
    measure();
    // The box resizes with the window; its content grows with "Load more" or a new period.
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    for (const child of box.children) observer.observe(child);
    return () => observer.disconnect();
  }, []);

  return (
    <div ref={ref} className={className} {...(overflows ? { role: "group", "aria-label": label, tabIndex: 0 } : {})}>
      {children}
    </div>
  );
}
