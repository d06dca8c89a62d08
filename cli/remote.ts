/** Talks to a running Leash server's /api/v1 with an API token, for commands given --server and --token. */
export type Remote = { server: string; token: string };

export function remoteFrom(options: { server?: string; token?: string }): Remote | null {
  if (!options.server) return null;
  const token = options.token ?? process.env.LEASH_TOKEN;
  if (!token) throw new Error("--server needs --token (or LEASH_TOKEN) with the scopes the command needs");
  return { server: options.server.replace(/\/+$/, ""), token };
}

/** `answers`: statuses past 2xx whose body is still the answer (an import run refused with 422 carries its report). */
export async function callApi<T>(remote: Remote, path: string, init: RequestInit = {}, answers: readonly number[] = []): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${remote.server}${path}`, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${remote.token}` },
    });
  } catch (error) {
    throw new Error(`cannot reach ${remote.server}: ${(error as Error).cause ? String((error as Error & { cause: Error }).cause.message) : (error as Error).message}`);
  }
  const body = (await response.json().catch(() => null)) as { error?: { message: string; requestId: string; fields?: Record<string, string> } } | null;
  if (!response.ok && !answers.includes(response.status)) {
    const fields = body?.error?.fields ? ` (${Object.entries(body.error.fields).map(([k, v]) => `${k}: ${v}`).join("; ")})` : "";
    throw new Error(`${response.status} ${body?.error?.message ?? response.statusText}${fields}${body?.error?.requestId ? ` [request ${body.error.requestId}]` : ""}`);
  }
  return body as T;
}
