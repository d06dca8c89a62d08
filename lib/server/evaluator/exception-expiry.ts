import "server-only";
import { sql } from "drizzle-orm";
import { actorOf, appendAudit } from "../audit";
import { systemViewer } from "../cli-viewer";
import { db } from "../db";
import { jsonList, rowsOf } from "../sql-rows";

/**
 * An approved exception past its expiry stops covering its finding: the exception becomes expired and a finding it
 * held as risk accepted is open again. Each one is audited as Leash's own action. Run before every evaluation and
 * before findings or the current posture are read, so no screen shows an acceptance that has lapsed.
 */
export async function expireExceptions(now: Date): Promise<number> {
  // Posture reads call this too: nearly always nothing has lapsed, and one indexed read says so without a transaction.
  const lapsed = await rowsOf<unknown>(db(), sql`select 1 from finding_exceptions where status = 'approved' and expires_at <= ${now.toISOString()}::timestamptz limit 1`);
  if (!lapsed.length) return 0;
  return db().transaction(async (tx) => {
    const expired = await rowsOf<{ id: string; finding_id: string; expires_at: string }>(tx, sql`
      update finding_exceptions set status = 'expired'
      where status = 'approved' and expires_at <= ${now.toISOString()}::timestamptz
      returning id, finding_id, expires_at`);
    if (!expired.length) return 0;
    await tx.execute(sql`
      update findings set status = 'open', updated_at = ${now.toISOString()}::timestamptz
      where status = 'risk_accepted' and id in (select x::uuid from ${jsonList(expired.map((r) => r.finding_id))} as t(x))`);
    const actor = actorOf(systemViewer("leash (exception expiry)"));
    for (const row of expired) {
      await appendAudit(tx, actor, {
        action: "exception.expire",
        targetType: "finding_exception",
        targetId: row.id,
        details: { findingId: row.finding_id, expiredAt: new Date(row.expires_at).toISOString() },
      });
    }
    return expired.length;
  });
}
