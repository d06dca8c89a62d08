/**
 * Base64-wrapped values: Kubernetes Secret `data`, kubeconfig `*-data`, docker `config.json` `auth`, `.npmrc` `_auth`.
 * The decoded text is scanned as if it were written in place of the encoded value.
 */

const BASE64 = /^[A-Za-z0-9+/]{6,}={0,2}$/;
/**
 * A Kubernetes Secret holds at most 1 MiB; registry auths and kubeconfig keys are far smaller. Longer strings under a
 * `data` path are images (a notebook's `outputs[].data.image/png`), and V8's regex stack overflows on one of ~8 MB.
 */
const MAX_WRAPPED = 2 * 1024 * 1024;

function printable(text: string): boolean {
  return !/[\u0000-\u0008\u000e-\u001f\ufffd]/.test(text);
}

export interface Decoded {
  text: string;
  key: string;
}

export function decodeWrapped(key: string, keyPath: string, value: string): Decoded | undefined {
  // npm's `_auth` is base64 `user:password`, as a docker `auth` is; its `_password` is the base64 password alone.
  const isDockerAuth = (key === "auth" && /auths/.test(keyPath)) || key === "_auth";
  const isNpmPassword = key === "_password";
  // `>` joins a JSON document held in a string: `kubectl.kubernetes.io/last-applied-configuration`'s copy of `data`.
  const isK8sData = /(?:^|[.>])(?:data)(?:\.|$)/.test(keyPath) && !/stringData|encryptedData/.test(keyPath);
  const isKubeconfigData = /-data$/.test(key);
  if (!(isDockerAuth || isNpmPassword || isK8sData || isKubeconfigData) || value.length > MAX_WRAPPED || value.length % 4 !== 0 || !BASE64.test(value)) return undefined;
  const text = Buffer.from(value, "base64").toString("utf8");
  if (!printable(text)) return undefined;
  if (isDockerAuth) {
    const colon = text.indexOf(":");
    return colon > 0 ? { text: text.slice(colon + 1), key: "registry_password" } : undefined;
  }
  return { text, key: isNpmPassword ? "password" : key };
}
