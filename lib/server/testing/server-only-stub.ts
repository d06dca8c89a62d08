// Intentionally empty: stands in for "server-only" when tests import lib/server in plain Node.
export {};
