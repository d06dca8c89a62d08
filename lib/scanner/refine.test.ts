import { expect, test } from "vitest";
import { ed25519Pem, rsaPem } from "../../bench/scanner/fakes";
import { ALPHABETS, Rng } from "../../bench/scanner/prng";
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

test("an access key id is paired with a bare `secret` of an AWS secret's shape, not with Django's SECRET_KEY", () => {
  const id = `AKIA${rng.chars(ALPHABETS.b32 ?? "", 16)}`;
  const django = rng.chars("abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*-_=+", 50);
  const printenv = `AWS_ACCESS_KEY_ID=${id}\nAWS_DEFAULT_REGION=eu-west-1\nHOME=/home/runner\nPATH=/usr/bin\nSECRET_KEY=${django}`;
  expect(scanContent("ci/build-49149.log", printenv, { fingerprintKey: KEY }).map((f) => [f.detector, f.line]).sort()).toEqual([
    ["aws-access-key-id", 1],
    ["generic-secret-assignment", 5],
  ]);
  const s3cmd = `[default]\naccess_key = ${id}\nsecret_key = ${rng.chars(ALPHABETS.b64 ?? "", 40)}`;
  expect(scanContent("home/.s3cfg", s3cmd, { fingerprintKey: KEY }).map((f) => [f.provider, f.kind, f.line, f.publicId])).toEqual([["aws", "access_key", 3, id]]);
});
