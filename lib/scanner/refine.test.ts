import { expect, test } from "vitest";
import { ed25519Pem, rsaPem } from "../../bench/scanner/fakes";
import { Rng } from "../../bench/scanner/prng";
import { scanContent } from "./scan-file";

const KEY = "refine-test-key";
const rng = new Rng(7301);

/** A service-account key file as Google issues it (a PKCS#8 key; the key here is a seeded one no one holds). */
function serviceAccountJson(): { json: string; email: string } {
  const email = "ci-deployer@acme-prod.iam.gserviceaccount.com";
  const body = { type: "service_account", project_id: "acme-prod", private_key_id: "0".repeat(40), private_key: `${ed25519Pem(rng).pem}\n`, client_email: email, client_id: "1".repeat(21) };
  return { json: JSON.stringify(body, null, 2), email };
}

const named = (path: string, text: string) => scanContent(path, text, { fingerprintKey: KEY }).map((f) => ({ detector: f.detector, publicId: f.publicId }));

test("a service-account key file's private key is reported as the service account's, with its email", () => {
  const { json, email } = serviceAccountJson();
  expect(named("keys/deployer.json", json)).toEqual([{ detector: "gcp-service-account", publicId: email }]);
});

test("so is one pasted as a string (escaped quotes): a Slack message, an agent's tool output", () => {
  const { json, email } = serviceAccountJson();
  const slack = JSON.stringify([{ type: "message", user: "U01", ts: "1717171717.000100", text: `here is the deployer key:\n\`\`\`${json}\`\`\`` }], null, 2);
  expect(named("slack/eng/2024-06-01.json", slack)).toEqual([{ detector: "gcp-service-account", publicId: email }]);
  const transcript = JSON.stringify({ type: "user", message: { content: [{ type: "tool_result", content: `$ cat deployer.json\n${json}` }] } });
  expect(named("transcripts/session.jsonl", transcript)).toEqual([{ detector: "gcp-service-account", publicId: email }]);
});

test("an RSA key beside a service account's JSON in one file stays a plain private key", () => {
  const { json } = serviceAccountJson();
  const found = named("notion/Keys.md", `## Deployer\n\n\`\`\`json\n${json}\n\`\`\`\n\n## Bastion\n\n\`\`\`\n${rsaPem().pem}\n\`\`\``);
  expect(found.map((f) => f.detector).sort()).toEqual(["gcp-service-account", "private-key"]);
});
