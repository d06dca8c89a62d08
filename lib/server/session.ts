import "server-only";
import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import { cache } from "react";
import { redirect } from "next/navigation";
import { auth } from "./auth";
import { clientIp } from "./request-context";
import { loadViewer, type Viewer } from "./viewer";

/**
 * The signed-in viewer for a page or server action, re-read from the database once per request (React cache:
 * the layout and the page share it); null when signed out or deactivated.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  const h = await headers();
  return loadViewer(userId, { via: "session", ip: clientIp(h), requestId: h.get("x-request-id") ?? randomUUID() });
});

/** For pages: the viewer, or a redirect to sign-in. */
export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect("/signin");
  return viewer;
}
