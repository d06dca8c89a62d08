import { isSecretName } from "../secret-name";
import type { Segment } from "../types";

/**
 * Files that hold one value and are named for it: Rails `config/master.key`, `~/.vault-token`, Docker and
 * Kubernetes secret files (`/run/secrets/db_password`), `api_key.txt`. The value has no name beside it in the file;
 * the file name is that name.
 */
export function secretFileName(path: string): string | undefined {
  const base = path.slice(path.lastIndexOf("/") + 1).replace(/^\.+/, "");
  // Encrypted (Rails `credentials.yml.enc`), public, signature, checksum and template files hold no live value.
  if (/\.(?:enc|gpg|pgp|age|asc|pub|sig|sha\d*|md5|example|sample|template|tpl|dist)$/i.test(base)) return undefined;
  // `master.key` reads `master_key`, `.vault-token` `vault-token`; a bare extension (`.key`, `.pem`) names nothing.
  const name = base.replace(/\./g, "_");
  return name.length >= 3 && isSecretName(name) ? name : undefined;
}

/** The whole file as one named value, when it is a single word (a token, not a PEM block or a config file). */
export function readSecretFile(path: string, text: string): Segment | undefined {
  const value = text.trim();
  if (value.length < 16 || value.length > 512 || /\s/.test(value)) return undefined;
  const name = secretFileName(path);
  if (!name) return undefined;
  const before = text.slice(0, text.indexOf(value));
  const lines = before.split("\n");
  return { text: value, key: name, line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1, singleLine: true };
}
