"use client";

import { useEffect, useState } from "react";
import { formatDateTime } from "@/lib/client/format";
import { duration } from "../../_lib/time";

type TtlCountdownProps = { fields: Record<string, unknown>; serverNow: number };

/** Starts from the server's clock (same text on both sides), then ticks every 30 s in the browser. */
export function TtlCountdown({ fields, serverNow }: TtlCountdownProps) {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  const box = "rounded-lg border px-4 py-3";
  if (!("expires_at" in fields)) {
    return (
      <div className={`${box} border-dashed border-zinc-400 bg-white text-zinc-700`} data-testid="ttl">
        <p className="text-sm font-semibold italic">Expiry not stated</p>
        <p className="text-xs">Nobody has said when this stops working.</p>
      </div>
    );
  }
  const expiresAt = fields.expires_at as string | null;
  if (expiresAt === null) {
    return (
      <div className={`${box} border-red-200 bg-red-50 text-red-800`} data-testid="ttl">
        <p className="text-sm font-semibold">Never expires</p>
        <p className="text-xs">A leaked copy works forever (rules R04, R05).</p>
      </div>
    );
  }
  const left = new Date(expiresAt).getTime() - now;
  const expired = left <= 0;
  const soon = !expired && left < 7 * 86_400_000;
  const tone = expired ? "border-zinc-300 bg-zinc-50 text-zinc-800" : soon ? "border-amber-200 bg-amber-50 text-amber-900" : "border-emerald-200 bg-emerald-50 text-emerald-900";
  return (
    <div className={`${box} ${tone}`} data-testid="ttl" role="timer" aria-live="off">
      <p className="text-sm font-semibold">{expired ? `Expired ${duration(left)} ago` : `Expires in ${duration(left)}`}</p>
      <p className="text-xs">{formatDateTime(expiresAt)}</p>
    </div>
  );
}
