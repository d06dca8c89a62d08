import { AppError } from "@/lib/server/errors";

/**
 * A page's read refused for being outside the viewer's audit scope: its message (which names the scope) to show in
 * place of the view; anything else is not a refusal and is the caller's to handle.
 */
export function scopeRefusal(error: unknown): string | null {
  return error instanceof AppError && error.code === "forbidden" ? error.message : null;
}
