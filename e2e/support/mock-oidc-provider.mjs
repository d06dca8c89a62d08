// A minimal OpenID Connect provider for the end-to-end tests: discovery, an authorize page where the test types an
// email (as a person would at a real identity provider), the code exchange with PKCE, RS256-signed ID tokens, JWKS
// and userinfo. Test infrastructure only; Leash itself talks to it exactly as to any other provider.
import { createHash, generateKeyPairSync, randomBytes, sign } from "node:crypto";
import { createServer } from "node:http";

const port = Number(process.env.MOCK_OIDC_PORT ?? 3199);
const issuer = `http://127.0.0.1:${port}`;
const clientId = process.env.MOCK_OIDC_CLIENT_ID ?? "leash-e2e";
const clientSecret = process.env.MOCK_OIDC_CLIENT_SECRET ?? "e2e-client-secret";
const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const kid = "e2e-key-1";
const codes = new Map();
const accessTokens = new Map();

const b64url = (data) => Buffer.from(data).toString("base64url");
const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function idToken(claims) {
  const header = b64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid }));
  const body = b64url(JSON.stringify(claims));
  const signature = sign("sha256", Buffer.from(`${header}.${body}`), privateKey).toString("base64url");
  return `${header}.${body}.${signature}`;
}

function json(res, status, body) {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

async function readForm(req) {
  let text = "";
  for await (const chunk of req) text += chunk;
  return new URLSearchParams(text);
}

function authorizePage(params) {
  const hidden = [...params].map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`).join("");
  return `<!doctype html><title>Test IdP</title><h1>Test identity provider</h1>
<form method="post" action="/authorize">${hidden}<label>Email <input name="login_email" type="email"></label>
<button type="submit">Continue</button></form>`;
}

async function approve(req, res) {
  const form = await readForm(req);
  if (form.get("client_id") !== clientId) return json(res, 400, { error: "unauthorized_client" });
  const code = randomBytes(16).toString("hex");
  codes.set(code, {
    email: form.get("login_email"),
    nonce: form.get("nonce"),
    challenge: form.get("code_challenge"),
    redirectUri: form.get("redirect_uri"),
  });
  const target = new URL(form.get("redirect_uri"));
  target.searchParams.set("code", code);
  if (form.get("state")) target.searchParams.set("state", form.get("state"));
  res.writeHead(302, { location: target.toString() });
  res.end();
}

function clientAuthenticated(req, form) {
  const basic = req.headers.authorization?.match(/^Basic (.+)$/)?.[1];
  if (basic) {
    const [id, secret] = Buffer.from(basic, "base64").toString().split(":").map(decodeURIComponent);
    return id === clientId && secret === clientSecret;
  }
  return form.get("client_id") === clientId && form.get("client_secret") === clientSecret;
}

async function token(req, res) {
  const form = await readForm(req);
  if (!clientAuthenticated(req, form)) return json(res, 401, { error: "invalid_client" });
  const grant = codes.get(form.get("code"));
  codes.delete(form.get("code"));
  if (!grant || grant.redirectUri !== form.get("redirect_uri")) return json(res, 400, { error: "invalid_grant" });
  const verifier = form.get("code_verifier") ?? "";
  if (grant.challenge && createHash("sha256").update(verifier).digest("base64url") !== grant.challenge) {
    return json(res, 400, { error: "invalid_grant", error_description: "PKCE verification failed" });
  }
  const now = Math.floor(Date.now() / 1000);
  const sub = createHash("sha256").update(grant.email).digest("hex").slice(0, 24);
  const claims = { iss: issuer, sub, aud: clientId, iat: now, exp: now + 300, nonce: grant.nonce, email: grant.email, email_verified: true };
  const accessToken = randomBytes(16).toString("hex");
  accessTokens.set(accessToken, { sub, email: grant.email, email_verified: true });
  json(res, 200, { access_token: accessToken, token_type: "Bearer", expires_in: 300, id_token: idToken(claims), scope: "openid email profile" });
}

const discovery = {
  issuer,
  authorization_endpoint: `${issuer}/authorize`,
  token_endpoint: `${issuer}/token`,
  jwks_uri: `${issuer}/jwks`,
  userinfo_endpoint: `${issuer}/userinfo`,
  response_types_supported: ["code"],
  subject_types_supported: ["public"],
  id_token_signing_alg_values_supported: ["RS256"],
  token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
  code_challenge_methods_supported: ["S256"],
  scopes_supported: ["openid", "email", "profile"],
};

createServer(async (req, res) => {
  const url = new URL(req.url, issuer);
  if (url.pathname === "/.well-known/openid-configuration") return json(res, 200, discovery);
  if (url.pathname === "/jwks") return json(res, 200, { keys: [{ ...publicKey.export({ format: "jwk" }), kid, alg: "RS256", use: "sig" }] });
  if (url.pathname === "/authorize" && req.method === "GET") {
    res.writeHead(200, { "content-type": "text/html" });
    return res.end(authorizePage(url.searchParams));
  }
  if (url.pathname === "/authorize" && req.method === "POST") return approve(req, res);
  if (url.pathname === "/token" && req.method === "POST") return token(req, res);
  if (url.pathname === "/userinfo") {
    const info = accessTokens.get(req.headers.authorization?.replace(/^Bearer /, ""));
    return info ? json(res, 200, info) : json(res, 401, { error: "invalid_token" });
  }
  if (url.pathname === "/health") return json(res, 200, { ok: true });
  json(res, 404, { error: "not_found" });
}).listen(port, "127.0.0.1", () => console.log(`mock OIDC provider at ${issuer}`));
