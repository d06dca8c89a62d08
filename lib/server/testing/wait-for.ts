/**
 * Polls `probe` until it gives a value (not null), for fault tests that wait on other processes. A probe that
 * throws counts as "not yet": the database may be restarting. Past `timeoutMs` it fails, naming what it waited for.
 */
export async function waitFor<T>(what: string, probe: () => Promise<T | null>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
