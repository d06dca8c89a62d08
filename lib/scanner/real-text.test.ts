import { describe, expect, test } from "vitest";
import { tokenOf, uuid } from "../../bench/scanner/fakes";
import { ALPHABETS, Rng } from "../../bench/scanner/prng";
import { scanContent } from "./scan-file";

/**
 * False alarms found by scanning real text that holds no secrets: every installed npm package and a Python
 * installation's site-packages (the AWS CLI's docs and botocore's service models, cfn-lint's schemas, moto, type
 * stubs). Each case keeps the shape that fooled the scanner; random parts come from a seeded generator.
 */
const rng = new Rng(4242);
const b64 = (n: number): string => rng.chars(ALPHABETS.b64 ?? "", n);
const spec = (id: string): string => tokenOf(id, rng);
const grafanaCloud = (): string => spec("grafana-cloud");

const DECOYS: Array<[string, string, () => string]> = [
  ["AWS request tokens: idempotency, concurrency, paging", "examples-1.json", () =>
    JSON.stringify({ ChangeToken: uuid(rng), LockToken: uuid(rng), ClientToken: uuid(rng), RequestToken: uuid(rng), LifecycleActionToken: uuid(rng) }, null, 2)],
  ["request tokens as CLI flags", "update-ip-set.rst", () => `aws waf update-ip-set --ip-set-id ${uuid(rng)} --change-token ${uuid(rng)}\naws dynamodb list-backups --starting-token ${b64(60)}`],
  ["a Secrets Manager ARN: `secret` is its resource type", "policy.json", () =>
    JSON.stringify({ Resource: "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-Xk9sQ2", pattern: "^arn:aws(|-cn):secretsmanager:[a-z0-9-]{1,20}:([0-9]{12}|):secret:[a-zA-Z0-9!/_+=.@-]{1,512}$" }, null, 2)],
  ["a Secrets Manager ARN in Terraform", "iam.tf", () => `resources = ["arn:aws:secretsmanager:*:*:secret:rds-preview-us-east-2!*"]`],
  ["an S3 object key is a file's name", "put-object.rst", () => `aws s3api put-object --bucket text-content --key my-dir/big-video-file.mp4 --body e:\\media\\videos\\f-sharp-3-data-services.mp4\naws s3api get-object-torrent --bucket b --key large-video-file.mp4 large-video-file.torrent`],
  ["a dotted property name under a key's name", "constants.py", () => `EMRFS_CSE_KEY = 'fs.s3.cse.enabled'\nEMRFS_CSE_KMS_KEY_ID_KEY = 'fs.s3.cse.kms.keyId'`],
  ["type annotations in stubs", "hpke.pyi", () => `def encrypt(\n    mlkem_key: mlkem.MLKEM768PrivateKey,\n    x25519_key: x25519.X25519PrivateKey | None = ...,\n) -> bytes: ...`],
  ["typed sample passwords of vendor docs", "modify-cluster.rst", () => `aws redshift modify-cluster --cluster-identifier mycluster --master-user-password A1b2c3d4\n--hsm-partition-password A1b2c3d4`],
  ["a wheel's RECORD: digests that start like a token by chance", "jedi-0.20.0.dist-info/RECORD", () => `jedi/third_party/typeshed/stubs/protobuf/error_codes_pb2.pyi,sha256=${grafanaCloud().slice(0, 43)},1311`],
  ["-u that is no user:password: a Perl namespace, socat's unidirectional flag", "test.sh", () => `perldoc -u Some::Modulename\nCMD="$TRACE $SOCAT $opts -u exec:$PROCAN,setsid -"`],
  ["\"identified by\" in prose is no SQL password", "index.rst", () => "A method is identified by a distinctive query argument: ws.op=getMethodStatus."],
  ["ASN.1 IDENTIFIED BY an object identifier", "PBES2Parameters.java", () => " *   { {PBES2-params IDENTIFIED BY id-PBES2}, ...}\n *     {NULL IDENTIFIED BY id-hmacWithSHA224} |"],
  ["JCA algorithm names after a key factory or generator", "SunJCE.java", () => `psA("SecretKeyFactory", "PBEWithSHA1AndRC2_128",\n    ps("KeyGenerator", "HmacSHA512/224", "com.sun.crypto.provider.KeyGeneratorCore");`],
  ["a header's name under a key's name", "OpeningHandshake.java", () => `    private static final String HEADER_KEY = "Sec-WebSocket-Key";`],
  ["token-shaped runs inside base64 data (a docs site's search index)", "search.index/type/763ac172783e.js", () =>
    `rd_("IBg[\\"${b64(40)}/${spec("square-access-token")}${b64(12)}+${b64(20)}=\\",\\"${spec("twitter-bearer")}=\\"]")`],
  ["pass the verb, and a list of man pages", "best_practices.md", () => "- Pass `parse_all=True` to `run_tests` to test that the entire input is consumed.\nman5/nsswitch.conf.5 man5/passwd.5 man5/proc.5 man5/procfs.5"],
];

describe("real text: nothing to report", () => {
  test.each(DECOYS)("%s", (_name, path, build) => {
    expect(scanContent(path, build(), { fingerprintKey: "real-text-key" }).map((f) => `${f.detector}@${f.line}`)).toEqual([]);
  });
});

test("a Grafana Cloud token outside a digest is still found", () => {
  const token = grafanaCloud();
  expect(scanContent("deploy.env", `GRAFANA_TOKEN=${token}`, { fingerprintKey: "real-text-key" }).map((f) => f.detector)).toEqual(["grafana-cloud"]);
});

test("the request-token and key-factory exceptions leave the secrets beside them", () => {
  const b62 = (n: number): string => rng.chars(ALPHABETS.b62 ?? "", n);
  const values = { SLACK_VERIFICATION_TOKEN: b62(24), OAUTH_CLIENT_SECRET: b62(32), ACTIONS_RUNTIME_TOKEN: b62(40), SECRET_KEY: b62(40) };
  const text = Object.entries(values).map(([name, value]) => `${name}=${value}`).join("\n");
  expect(scanContent("deploy.env", text, { fingerprintKey: "real-text-key" }).map((f) => f.line)).toEqual([1, 2, 3, 4]);
});

test("the same tokens outside base64 data are found: in a header, in a URL's path", () => {
  const text = `Authorization: Bearer ${spec("twitter-bearer")}\nGET https://connect.example.test/v2/locations/${spec("square-access-token")}/items`;
  expect(scanContent("notes.md", text, { fingerprintKey: "real-text-key" }).map((f) => f.detector)).toEqual(["twitter-bearer", "square-access-token"]);
});
