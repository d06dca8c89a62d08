import { describe, expect, test } from "vitest";
import { ed25519Pem, jwt, password, tokenOf, uuid } from "../../bench/scanner/fakes";
import { ALPHABETS, Rng } from "../../bench/scanner/prng";
import { fingerprintSecret } from "./fingerprint";
import { describePlanted, type PlantedCase } from "./planted-cases";
import { scanContent } from "./scan-file";

/**
 * Realistic workspace documents the corpus generator does not model: each case writes a seeded fake the way people
 * and tools actually write it (curl flags, DSNs, env lists, escaped transcripts, coloured CI logs, wiki tables) and
 * expects that exact value on that line. Values are generated at run time; none is committed.
 */
const KEY = "realistic-test-key";
const rng = new Rng(4242);
const tok = (id: string): string => tokenOf(id, rng);
const b62 = (n: number): string => rng.chars(ALPHABETS.b62 ?? "", n);
const b64 = (n: number): string => rng.chars(ALPHABETS.b64 ?? "", n);
/** Letters and digits only: safe inside URLs, DSNs and shell words; enough digits never to read as words. */
const pwUrl = (): string => `${rng.chars(ALPHABETS.upper ?? "", 2)}${b62(12)}${rng.chars(ALPHABETS.digits ?? "", 4)}`;
const ESC = "\u001b";
/** The blind-probe cases draw from their own generator, so the shared sequence above stays as it was. */
const br = new Rng(9001);
const bb62 = (n: number): string => br.chars(ALPHABETS.b62 ?? "", n);
const bb64 = (n: number): string => br.chars(ALPHABETS.b64 ?? "", n);
/** Letters with a lone digit every fourth character: random, yet no run of digits to mark it as data. */
const bseg = (n: number): string => Array.from({ length: n }, (_, i) => br.chars(i % 4 === 3 ? (ALPHABETS.digits ?? "") : (ALPHABETS.alpha ?? ""), 1)).join("");
const bpw = (): string => `${br.chars(ALPHABETS.upper ?? "", 2)}${bb62(12)}${br.chars(ALPHABETS.digits ?? "", 4)}`;
/** Blind probe 2 (chat, wikis, tickets, transcripts): its own generator, so the sequences above stay as they were. */
const cr = new Rng(9002);
const cpw = (): string => `${cr.chars(ALPHABETS.upper ?? "", 2)}${cr.chars(ALPHABETS.b62 ?? "", 10)}${cr.chars(ALPHABETS.digits ?? "", 3)}`;
/** A person's password: a word with a doubled letter, a number with a doubled digit (a word's entropy, not a key's). */
const human = (): string => { const d = cr.int(1, 9); return `${cr.pick(["Summer", "Harbor", "Coffee", "Yellow"])}${d}${d}${cr.int(0, 9)}${cr.pick(["!", "#", "$", "?", ""])}`; };
const slackDay = (text: string): string => JSON.stringify([{ type: "message", user: "U0ABCDEF12", text: "morning", ts: "1715680000.000100" }, { type: "message", user: "U0ABCDEF13", text, ts: "1715680100.000200" }], null, 4);
/** WordPress's salt generator: letters, digits and punctuation, spaces included (no quotes, no backslash). */
const WP_SALT = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!@#$%^&*()-_ []{}<>~`+=,.;:/?|";
const salt = (): string => rng.chars(WP_SALT, 64);

/** Recall guards for blind precision probe 3's suppressions: their own generator. */
const qr = new Rng(9004);
const qpw = (): string => `${qr.chars(ALPHABETS.upper ?? "", 2)}${qr.chars(ALPHABETS.b62 ?? "", 12)}${qr.chars(ALPHABETS.digits ?? "", 4)}`;

/** Blind format-reader probe 2 (exports, XML, YAML scalars, kubeconfigs): its own generator. */
const fr = new Rng(9006);
const fpw = (): string => `${fr.chars(ALPHABETS.upper ?? "", 2)}${fr.chars(ALPHABETS.b62 ?? "", 12)}${fr.chars(ALPHABETS.digits ?? "", 4)}`;
const ftok = (id: string): string => tokenOf(id, fr);
const b64of = (s: string): string => Buffer.from(s).toString("base64");

/** Blind recall probe 3 (workspace documents by an outside hand): its own generator. */
const sr = new Rng(9008);
const spw = (): string => `${sr.chars(ALPHABETS.upper ?? "", 2)}${sr.chars(ALPHABETS.b62 ?? "", 10)}${sr.chars(ALPHABETS.digits ?? "", 3)}`;
const SWORDS = "walrus orbit cactus maple harbor quill sable fjord lumen basalt".split(" ");
const spassphrase = (): string => `${[0, 1, 2].map(() => SWORDS[sr.int(0, SWORDS.length - 1)]).join("-")}-${sr.int(10, 99)}`;

/** Memorable passwords as password managers make them: random words joined by a separator. Their own generator. */
const mr = new Rng(9005);
const WORDS = "velvet quartz falcon ember tundra copper mosaic violin orbit lantern pepper saddle marble otter cactus drum harbor glacier tulip cobalt meadow rocket cellar sleet prism walnut canyon ivory thistle beacon".split(" ");
const memorable = (words: number, separator = "-", digits = 0): string =>
  Array.from({ length: words }, (_, i) => `${WORDS[mr.int(0, WORDS.length - 1)]}${i === words - 1 && digits ? mr.chars(ALPHABETS.digits ?? "", digits) : ""}`).join(separator);

const CASES: PlantedCase[] = [
  { name: "curl -u user:password", path: "scripts/deploy.sh", build: () => { const s = pwUrl(); return { text: `set -e\ncurl -u deploy:${s} https://artifacts.example.net/upload -T build.tgz`, secret: s }; } },
  { name: "API key in a query string, not the next parameter", path: "scripts/metrics.sh", build: () => { const s = b62(32); return { text: `curl "https://api.example.io/v2/series?api_key=${s}&from=now-1h"`, secret: s }; } },
  { name: "--api-key VALUE on a command line", path: "Makefile", build: () => { const s = b62(40); return { text: `sync:\n\t./bin/sync --api-key ${s} --region eu`, secret: s }; } },
  { name: "Terraform env block: the value sits under its name", path: "infra/worker.tf", build: () => { const s = b62(36); return { text: `env {\n  name  = "INTERNAL_API_TOKEN"\n  value = "${s}"\n}`, secret: s }; } },
  { name: "HCL/JS inline { name, value } pair", path: "infra/ecs.tf", build: () => { const s = b62(40); return { text: `environment = [\n  { name = "SESSION_SECRET", value = "${s}" },\n]`, secret: s }; } },
  { name: "libpq key=value DSN inside a Go string", path: "cmd/api/main.go", build: () => { const s = pwUrl(); return { text: `db, err := sql.Open("postgres", "host=db port=5432 user=app password=${s} dbname=app sslmode=disable")`, secret: s }; } },
  { name: "Go MySQL driver DSN user:password@tcp(host)", path: "cmd/api/db.go", build: () => { const s = pwUrl(); return { text: `db, err := sql.Open("mysql", "app:${s}@tcp(db.internal:3306)/app?parseTime=true")`, secret: s }; } },
  { name: "JDBC URL with &password= in Java", path: "src/main/java/Db.java", build: () => { const s = pwUrl(); return { text: `Connection c = DriverManager.getConnection("jdbc:mysql://db:3306/app?user=app&password=${s}&useSSL=true");`, secret: s }; } },
  { name: "setProperty(\"password\", \"…\")", path: "src/main/java/Mail.java", build: () => { const s = pwUrl(); return { text: `props.setProperty("password", "${s}");`, secret: s }; } },
  { name: "PHP define('DB_PASSWORD', '…')", path: "wp-config.php", build: () => { const s = pwUrl(); return { text: `<?php\ndefine('DB_PASSWORD', '${s}');`, secret: s }; } },
  { name: "PHP array 'secret' => '…'", path: "config/app.php", build: () => { const s = b62(40); return { text: `return [\n    'secret' => '${s}',\n];`, secret: s }; } },
  { name: "XML <add key=\"ApiSecret\" value=\"…\"/>", path: "Web.config", build: () => { const s = b62(32); return { text: `<appSettings>\n  <add key="ApiSecret" value="${s}" />\n</appSettings>`, secret: s }; } },
  { name: "Spring <property name=\"password\" value=\"…\"/>", path: "src/main/resources/context.xml", build: () => { const s = password(rng); return { text: `<bean id="ds">\n  <property name="password" value="${s}"/>\n</bean>`, secret: s }; } },
  { name: ".netrc password token", path: "home/.netrc", build: () => { const s = pwUrl(); return { text: `machine github.com login octocat\nmachine ftp.acme.internal login backup password ${s}`, secret: s }; } },
  { name: ".netrc Heroku API key (a UUID named by its place)", path: "home/.netrc", build: () => { const s = uuid(rng); return { text: `machine api.heroku.com\n  login me@acme.io\n  password ${s}`, secret: s }; } },
  { name: "an STS session token longer than 300 characters", path: "home/.aws/credentials", build: () => { const s = `IQoJb3JpZ2luX2VjE${b64(400)}`; return { text: `[prod]\naws_session_token=${s}\nregion=eu-west-1`, secret: s }; } },
  { name: "\"API key for … service: X\" in Notion prose", path: "notion/Onboarding 3f2a.md", build: () => { const s = b62(32); return { text: `# Onboarding\n- API key for the analytics service: ${s}`, secret: s }; } },
  { name: "a parenthesised word between name and value", path: "notion/Warehouse.md", build: () => { const s = password(rng); return { text: `Warehouse password (read-only): ${s}`, secret: s }; } },
  { name: "a quoted name, then prose, in Confluence HTML", path: "confluence/Status_1.html", build: () => { const s = b62(36); return { text: `<p>The &quot;api_token&quot; for the status page is <code>${s}</code>.</p>`, secret: s }; } },
  { name: "ANSI colour codes between a name and its value (CI .txt log)", path: "ci/logs/build-1.txt", build: () => { const s = b62(40); return { text: `2024-05-14T10:01:02.1234567Z ${ESC}[1;33mWEBHOOK_TOKEN${ESC}[0m=${ESC}[32m${s}${ESC}[0m`, secret: s }; } },
  { name: "a token right after a literal \\n in a printed string", path: "ci/logs/test-2.txt", build: () => { const s = tok("github-pat-classic"); return { text: `env file: b'NODE_ENV=test\\n${s}\\nDEBUG=1\\n'`, secret: s }; } },
  { name: "a value before a literal \\n in a printed string", path: "ci/logs/test-3.txt", build: () => { const s = b62(40); return { text: `env file: b'NODE_ENV=test\\nAPI_SECRET=${s}\\nDEBUG=1\\n'`, secret: s }; } },
  { name: "Dockerfile ENV NAME value", path: "Dockerfile", build: () => { const s = b62(40); return { text: `FROM node:20\nENV API_SECRET ${s}`, secret: s }; } },
  { name: "SQL CREATE USER … PASSWORD '…'", path: "db/migrations/0004.sql", build: () => { const s = pwUrl(); return { text: `CREATE USER reporting WITH PASSWORD '${s}';`, secret: s }; } },
  { name: "SQL IDENTIFIED BY '…'", path: "db/migrations/0005.sql", build: () => { const s = pwUrl(); return { text: `ALTER USER 'etl'@'%' IDENTIFIED BY '${s}';`, secret: s }; } },
  { name: "nodemailer auth { pass: \"…\" }", path: "src/mailer.js", build: () => { const s = pwUrl(); return { text: `const t = createTransport({ auth: { user: "noreply",\n  pass: "${s}" } });`, secret: s }; } },
  { name: "a quoted key holding ( ) = + (Django alphabet), in a list", path: "backend/settings.py", build: () => { const s = rng.chars("abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)", 50); return { text: `SECRET_KEY_FALLBACKS = ["${s}"]`, secret: s }; } },
  { name: "a Markdown credential table: the header names the column", path: "notion/Vendor accounts 51c2.md", build: () => { const s = password(rng); return { text: `| System | Username | Password |\n|---|---|---|\n| Grafana | admin | \`${s}\` |`, secret: s }; } },
  { name: "an HTML credential table: <th> names the column", path: "confluence/Vendors_9.html", build: () => { const s = password(rng); return { text: `<table><tr><th>System</th><th>Username</th><th>Password</th></tr>\n<tr><td>Kibana</td><td>elastic</td><td><p><code>${s}</code></p></td></tr></table>`, secret: s }; } },
  { name: "a Markdown Variable | Value table: the row's name names the value", path: "notion/Staging env 8d1e.md", build: () => { const s = b62(40); return { text: `| Variable | Value |\n|---|---|\n| LOG_LEVEL | debug |\n| PAYMENTS_WEBHOOK_SECRET | ${s} |`, secret: s }; } },
  { name: "an HTML Variable | Value table (Confluence)", path: "confluence/Env_4.html", build: () => { const s = b62(40); return { text: `<table><tr><th>Variable</th><th>Value</th></tr>\n<tr><td>LOG_LEVEL</td><td>debug</td></tr>\n<tr><td>PAYMENTS_WEBHOOK_SECRET</td><td>${s}</td></tr></table>`, secret: s }; } },
  { name: "a CSV header with spaces and a qualifier: API Key (prod)", path: "exports/vendors.csv", build: () => { const s = b62(32); return { text: `Vendor,Owner,API Key (prod)\nAcme Mail,ops,${s}`, secret: s }; } },
  { name: "CloudFormation parameters in YAML: ParameterKey / ParameterValue", path: "cfn/params.yaml", build: () => { const s = pwUrl(); return { text: `- ParameterKey: Environment\n  ParameterValue: prod\n- ParameterKey: DBMasterPassword\n  ParameterValue: ${s}`, secret: s }; } },
  { name: "Helm values env list: - name / value", path: "charts/app/values.yaml", build: () => { const s = b62(40); return { text: `env:\n  - name: INTERNAL_API_SECRET\n    value: "${s}"\n  - name: LOG_LEVEL\n    value: debug`, secret: s }; } },
  { name: "a templated manifest (not YAML until rendered): name/value as text", path: "charts/app/templates/deploy.yaml", build: () => { const s = b62(40); return { text: `metadata:\n  name: {{ .Release.Name }}\nenv:\n  - name: API_SECRET\n    value: "${s}"`, secret: s }; } },
  { name: "ECS/Kubernetes JSON env list {name, value}", path: "deploy/taskdef.json", build: () => { const s = password(rng); return { text: JSON.stringify({ environment: [{ name: "DB_PASSWORD", value: s }, { name: "DB_HOST", value: "db" }] }, null, 2), secret: s }; } },
  { name: "Postman environment {key, value}", path: "postman/staging.postman_environment.json", build: () => { const s = b62(32); return { text: JSON.stringify({ values: [{ key: "api_key", value: s, enabled: true }] }, null, 2), secret: s }; } },
  { name: "an argument vector [\"--api-key\", \"…\"] in mcp.json", path: ".cursor/mcp.json", build: () => { const s = b62(40); return { text: JSON.stringify({ mcpServers: { search: { command: "search-mcp", args: ["--api-key", s] } } }, null, 2), secret: s }; } },
  {
    name: "Kubernetes .dockerconfigjson (base64 JSON holding base64 auth)",
    path: "k8s/registry.yaml",
    build: () => {
      const s = tok("github-pat-classic");
      const inner = Buffer.from(JSON.stringify({ auths: { "ghcr.io": { auth: Buffer.from(`bot:${s}`).toString("base64") } } })).toString("base64");
      return { text: `apiVersion: v1\nkind: Secret\ndata:\n  .dockerconfigjson: ${inner}`, secret: s, marker: inner };
    },
  },
  {
    name: "a tool output that is JSON inside a JSON string (Codex transcript)",
    path: "agents/rollout.jsonl",
    build: () => {
      const s = b62(40);
      const output = JSON.stringify({ output: `STRIPE_MODE=live\nJWT_SECRET=${s}\nDEBUG=0\n`, metadata: { exit_code: 0 } });
      return { text: `${JSON.stringify({ type: "session_meta" })}\n${JSON.stringify({ type: "response_item", payload: { type: "function_call_output", output } })}`, secret: s };
    },
  },
  {
    name: "a PEM key in a client-key-data kubeconfig field",
    path: "home/.kube/config",
    build: () => {
      const pem = ed25519Pem(rng);
      const data = Buffer.from(`${pem.pem}\n`).toString("base64");
      return { text: `users:\n- name: ci\n  user:\n    client-key-data: ${data}`, secret: pem.body, marker: data };
    },
  },
  // Positional secrets: the call or command, not a name, says what the value is.
  { name: "C# new NetworkCredential(user, \"pw\")", path: "src/Mailer/Sender.cs", build: () => { const s = pwUrl(); return { text: `var smtp = new SmtpClient("smtp.office365.com", 587)\n{\n    Credentials = new NetworkCredential("noreply@acme.io", "${s}"),\n};`, secret: s }; } },
  { name: "Java new PasswordAuthentication(user, \"pw\".toCharArray())", path: "src/main/java/Mail.java", build: () => { const s = pwUrl(); return { text: `protected PasswordAuthentication getPasswordAuthentication() {\n  return new PasswordAuthentication(user, "${s}".toCharArray());\n}`, secret: s }; } },
  { name: "Python requests auth=(user, pw) tuple", path: "tools/sync.py", build: () => { const s = pwUrl(); return { text: `import requests\nr = requests.get(URL, auth=("svc-sync", "${s}"), timeout=10)`, secret: s }; } },
  { name: "Python HTTPBasicAuth(user, pw)", path: "tools/sync.py", build: () => { const s = pwUrl(); return { text: `from requests.auth import HTTPBasicAuth\nr = requests.post(URL, auth=HTTPBasicAuth("svc","${s}"))`, secret: s }; } },
  { name: "Go req.SetBasicAuth(user, pw)", path: "internal/vendor/client.go", build: () => { const s = pwUrl(); return { text: `req, _ := http.NewRequest("GET", u, nil)\nreq.SetBasicAuth("acme", "${s}")`, secret: s }; } },
  { name: "PowerShell ConvertTo-SecureString \"pw\" -AsPlainText -Force", path: "scripts/Join-Domain.ps1", build: () => { const s = pwUrl(); return { text: `$password = ConvertTo-SecureString "${s}" -AsPlainText -Force\n$cred = New-Object PSCredential ("ACME\\svc", $password)`, secret: s }; } },
  { name: "PowerShell \"pw\" | ConvertTo-SecureString -AsPlainText", path: "scripts/setup.ps1", build: () => { const s = pwUrl(); return { text: `$pw = '${s}' | ConvertTo-SecureString -AsPlainText -Force`, secret: s }; } },
  { name: "mysql -u root -pPW in a shell history", path: "home/.bash_history", build: () => { const s = pwUrl(); return { text: `ls -la\nmysql -u root -p${s} -h db.internal app < dump.sql\ngit status`, secret: s }; } },
  { name: "mysqldump -p\"PW\" in a crontab", path: "etc/crontab", build: () => { const s = pwUrl(); return { text: `0 3 * * * root /usr/bin/mysqldump -uroot -p"${s}" --all-databases | gzip > /backup/db.sql.gz`, secret: s }; } },
  { name: "sshpass -p PW in a zsh history", path: "home/.zsh_history", build: () => { const s = pwUrl(); return { text: `: 1715680000:0;sshpass -p ${s} ssh deploy@10.0.0.4`, secret: s }; } },
  { name: "redis-cli -a PW in a runbook", path: "notion/Cache runbook.md", build: () => { const s = pwUrl(); return { text: `# Cache\n\n\`\`\`\nredis-cli -h cache.internal -a ${s} --no-auth-warning info\n\`\`\``, secret: s }; } },
  { name: "docker login -u user -p PW, continued over lines", path: "ci/deploy.sh", build: () => { const s = pwUrl(); return { text: `docker login \\\n  -u deploy \\\n  -p ${s} \\\n  registry.acme.io`, secret: s }; } },
  { name: "sqlplus user/pw@db", path: "ops/oracle.txt", build: () => { const s = pwUrl(); return { text: `sqlplus -s app_owner/${s}@//ora.acme.internal:1521/ORCL @migrate.sql`, secret: s }; } },
  { name: "a command in an agent transcript's tool input", path: "agents/claude/session.jsonl", build: () => { const s = pwUrl(); return { text: JSON.stringify({ type: "assistant", message: { content: [{ type: "tool_use", name: "Bash", input: { command: `mysql -h db -u app -p${s} -e 'show tables' app` } }] } }), secret: s }; } },
  // Commands written as argument vectors in code: the same flags, as quoted elements.
  { name: "Python subprocess [\"sshpass\", \"-p\", \"…\", \"ssh\", …]", path: "tools/deploy.py", build: () => { const s = pwUrl(); return { text: `import subprocess\nsubprocess.run(["sshpass", "-p", "${s}", "ssh", "deploy@10.0.4.12", "systemctl restart api"], check=True)`, secret: s }; } },
  { name: "Go exec.Command(\"mysqldump\", \"-u\", \"root\", \"-p…\")", path: "cmd/backup/main.go", build: () => { const s = pwUrl(); return { text: `cmd := exec.Command("mysqldump",\n\t"-u", "root",\n\t"-p${s}", "shop")`, secret: s, marker: `-p${s}` }; } },
  // WordPress keys and salts: 64 characters of punctuation, spaces included.
  { name: "wp-config.php define('SECURE_AUTH_SALT', '…')", path: "site/wp-config.php", build: () => { const s = salt(); return { text: `<?php\ndefine( 'DB_NAME', 'wordpress' );\ndefine( 'SECURE_AUTH_SALT', '${s}' );\n$table_prefix = 'wp_';`, secret: s }; } },
  { name: "WORDPRESS_AUTH_KEY in a compose file", path: "docker-compose.yml", build: () => { const s = salt().replace(/[#:]/g, "x"); return { text: `services:\n  wordpress:\n    environment:\n      WORDPRESS_DB_HOST: db\n      WORDPRESS_AUTH_KEY: '${s}'`, secret: s }; } },
  // Config files whose names do not say secret by themselves.
  { name: ".npmrc _auth (base64 user:password)", path: "home/.npmrc", build: () => { const s = pwUrl(); const enc = Buffer.from(`deploy:${s}`).toString("base64"); return { text: `registry=https://registry.npmjs.org/\n//nexus.acme.internal/repository/npm/:_auth=${enc}\nalways-auth=true`, secret: s, marker: enc }; } },
  { name: "appsettings.json Jwt: { Key: … }", path: "src/Api/appsettings.json", build: () => { const s = b64(48); return { text: JSON.stringify({ Jwt: { Key: s, Issuer: "acme" }, Logging: { LogLevel: { Default: "Information" } } }, null, 2), secret: s }; } },
  { name: "rclone.conf: a bare key named by its section", path: "home/.config/rclone/rclone.conf", build: () => { const s = `K00${b62(28)}`; return { text: `[b2]\ntype = b2\naccount = ${rng.chars(ALPHABETS.hex ?? "", 12)}\nkey = ${s}`, secret: s }; } },
  { name: "vault kv get output: a Key / Value table", path: "notion/Vault notes.md", build: () => { const s = pwUrl(); return { text: `\`\`\`\n$ vault kv get secret/app\n====== Data ======\nKey              Value\n---              -----\ndb_password      ${s}\nrefresh_interval 768h\n\`\`\``, secret: s }; } },
  {
    name: "Terraform state: an IAM access key id beside its `secret` is one finding",
    path: "infra/terraform.tfstate",
    build: () => {
      const s = b64(40);
      const attributes = { id: `AKIA${rng.chars(ALPHABETS.b32 ?? "", 16)}`, secret: s, status: "Active", user: "ci" };
      return { text: JSON.stringify({ version: 4, resources: [{ type: "aws_iam_access_key", instances: [{ attributes }] }] }, null, 2), secret: s };
    },
  },
  // Round 3: names that come from the structure around a value, bare words in prose, more command lines.
  {
    name: "Postman apikey auth: [{ key: \"value\", value: X }, { key: \"key\", value: \"X-API-Key\" }]",
    path: "postman/Partner API.postman_collection.json",
    build: () => { const s = b62(32); return { text: JSON.stringify({ item: [{ name: "Partner", request: { method: "GET", auth: { type: "apikey", apikey: [{ key: "value", value: s, type: "string" }, { key: "key", value: "X-API-Key", type: "string" }] } } }] }, null, 2), secret: s }; },
  },
  {
    name: "Terraform state: random_password's result",
    path: "infra/terraform.tfstate",
    build: () => { const s = b62(32); return { text: JSON.stringify({ version: 4, resources: [{ mode: "managed", type: "random_password", name: "api", instances: [{ attributes: { id: "none", length: 32, result: s, special: false } }] }] }, null, 2), secret: s }; },
  },
  {
    name: "terraform show -json: a random_string named like a token",
    path: "plan.json",
    build: () => { const s = b62(40); return { text: JSON.stringify({ values: { root_module: { resources: [{ address: "random_string.webhook_token", type: "random_string", name: "webhook_token", values: { length: 40, result: s } }] } } }, null, 2), secret: s }; },
  },
  {
    name: "Terraform state outputs: { db_password: { value, sensitive } }",
    path: "infra/terraform.tfstate",
    build: () => { const s = pwUrl(); return { text: JSON.stringify({ version: 4, outputs: { db_password: { value: s, type: "string", sensitive: true } } }, null, 2), secret: s }; },
  },
  { name: "a bare \"key\" in a Jira comment: \"gave us a key for the sandbox: X\"", path: "exports/jira/OPS-1432.json", build: () => { const s = b62(32); return { text: JSON.stringify({ key: "OPS-1432", fields: { comment: { comments: [{ body: `Vendor gave us a key for the sandbox: ${s}\nand the prod one is in 1Password.` }] } } }, null, 2), secret: s }; } },
  { name: "a bare \"key\" with an arrow in Slack", path: "slack/ops/2024-05-01.json", build: () => { const s = b64(40); return { text: JSON.stringify([{ ts: "1715680000.000100", user: "U1", text: `staging key -> ${s}` }], null, 2), secret: s }; } },
  { name: "smbclient -U user%password", path: "home/.bash_history", build: () => { const s = pwUrl(); return { text: `smbclient //fs01/backup -U svc-backup%${s} -c 'ls'`, secret: s }; } },
  { name: "net use \\\\host\\share PW /user:DOMAIN\\user", path: "scripts/map-drive.bat", build: () => { const s = pwUrl(); return { text: `@echo off\nnet use \\\\fs01\\finance ${s} /user:ACME\\svc-finance /persistent:no`, secret: s }; } },
  { name: "mc alias set NAME URL ACCESS SECRET", path: "notion/MinIO runbook.md", build: () => { const s = b62(40); return { text: `\`\`\`\nmc alias set backup https://minio.acme.internal:9000 backup-writer ${s}\n\`\`\``, secret: s }; } },
  { name: "Rails config/master.key: the file name names the value", path: "config/master.key", build: () => { const s = rng.chars(ALPHABETS.hex ?? "", 32); return { text: `${s}\n`, secret: s }; } },
  { name: "a Docker secret file holding only the password", path: "deploy/secrets/db_password", build: () => { const s = password(rng); return { text: s, secret: s }; } },
  { name: "a named key in a config doc beside `tag:` and `data:` (no test vectors)", path: "notes/storage.md", build: () => { const s = b64(40); return { text: `storage:\n  access_key: backup\n  secret_key: ${s}\n  tag: v1\ndata:\n  count: 3`, secret: s }; } },
  // Blind-probe round: alignment, dotted tokens, camelCase names, `pw`, `.pgpass`, people's passwords.
  { name: "Terraform block aligned on `=` (many spaces before the sign)", path: "infra/rds.tf", build: () => { const s = password(br); return { text: `resource "aws_db_instance" "main" {\n  engine         = "postgres"\n  password       = "${s}"\n}`, secret: s }; } },
  { name: "a dotted token (three random segments) under a secret name", path: "deploy/app.env", build: () => { const s = `${bseg(24)}.${bb62(6)}.${bseg(38)}`; return { text: `LOG_LEVEL=info\nBOT_TOKEN=${s}`, secret: s }; } },
  { name: "a prefixed dotted token with a config segment under its name", path: ".env.production", build: () => { const s = `dp.st.prd.${bb62(43)}`; return { text: `DOPPLER_TOKEN="${s}"`, secret: s }; } },
  { name: "camelCase `encryptionKey` in JSON", path: "config/keys.json", build: () => { const s = `${bb64(43)}=`; return { text: JSON.stringify({ name: "billing", encryptionKey: s }, null, 2), secret: s }; } },
  { name: "camelCase `signingKey` in TypeScript", path: "src/lib/session.ts", build: () => { const s = bb62(40); return { text: `export const signingKey = "${s}";`, secret: s }; } },
  { name: "`DB_PW=` in an env file", path: "deploy/.env", build: () => { const s = bpw(); return { text: `DB_USER=app\nDB_PW=${s}`, secret: s }; } },
  { name: "\"pw\" in a Slack message", path: "slack/ops/2024-05-01.json", build: () => { const s = bpw(); return { text: JSON.stringify([{ type: "message", user: "U1", text: `db pw for staging is ${s} (will rotate)`, ts: "1715680000.000100" }], null, 2), secret: s }; } },
  { name: ".pgpass: the last field of host:port:db:user:password", path: "home/.pgpass", build: () => { const s = bpw(); return { text: `# libpq\ndb.internal:5432:orders:app:${s}\n`, secret: s }; } },
  { name: "pgpass.conf (libpq on Windows): read as a password file, not as a .conf", path: "AppData/Roaming/postgresql/pgpass.conf", build: () => { const s = bpw(); return { text: `db.internal:5432:*:app:${s}\n`, secret: s }; } },
  // Blind probe 2: people's prose in chat, wikis, tickets and transcripts.
  { name: "Slack: a message that starts with `pw`, nouns joined by &amp;", path: "slack/it/2024-03-01.json", build: () => { const s = human(); return { text: slackDay(`pw for the wifi &amp; the printer admin: ${s}`), secret: s }; } },
  { name: "Notion callout: the password in bold, ending in a star", path: "notion/Infra 0a1b.md", build: () => { const s = `${cpw()}*`; return { text: `# Infra\n\n<aside>\n💡 The shared admin password is **${s}** — change it after first login.\n</aside>`, secret: s }; } },
  { name: "\"is now `X`\": a person's short password in backticks", path: "tickets/OPS-12.md", build: () => { const s = human(); return { text: `Rotated today.\nroot pw on the bastion is now \`${s}\``, secret: s }; } },
  { name: "an aside in parentheses between name and value", path: "docs/runbooks/failover.md", build: () => { const s = cpw(); return { text: `## Failover\nOld password (rotated 2024-01-10): ${s}`, secret: s }; } },
  { name: "transcript: a file name in backticks between name and value", path: ".claude/projects/app/s1.jsonl", build: () => { const s = cpw(); return { text: JSON.stringify({ type: "assistant", message: { role: "assistant", content: [{ type: "text", text: `The staging password in \`docker-compose.yml\` is \`${s}\`; I'll move it to an env var.` }] } }), secret: s }; } },
  { name: "\"(pw X)\" after an ssh command", path: "docs/runbooks/bastion.md", build: () => { const s = cpw(); return { text: `Connect:\nssh ops@10.0.12.34 (pw ${s})`, secret: s }; } },
  { name: "\"Use token X for the sandbox\"", path: "tickets/OPS-7.txt", build: () => { const s = cr.chars(ALPHABETS.hex ?? "", 32); return { text: `Vendor replied.\nUse token ${s} for the sandbox.`, secret: s }; } },
  { name: "\"Username bob, password X\"", path: "tickets/OPS-9.md", build: () => { const s = human(); return { text: `Account created.\nUsername bob, password ${s}`, secret: s }; } },
  { name: "\"password `X`\" in Markdown prose", path: "docs/onboarding.md", build: () => { const s = cpw(); return { text: `Credentials: user \`admin\`, password \`${s}\``, secret: s }; } },
  { name: "Confluence: a person's password in <strong> after pw:", path: "confluence/OPS/Accounts_123.html", build: () => { const s = human(); return { text: `<html><body>\n<p>Login: <strong>admin</strong> / pw: <strong>${s}</strong></p>\n</body></html>`, secret: s }; } },
  { name: "a Markdown table in a plain-text ticket", path: "tickets/OPS-31.txt", build: () => { const s = cpw(); return { text: `Hosts:\n| host | user | pass |\n|---|---|---|\n| 10.0.12.34 | root | ${s} |`, secret: s }; } },
  { name: "Slack: \"login is USER / X\"", path: "slack/eng/2024-03-02.json", build: () => { const s = cpw(); return { text: slackDay(`login is dave / ${s} for the grafana box`), secret: s }; } },
  { name: "\"creds: user:X\" in a ticket", path: "tickets/OPS-44.txt", build: () => { const s = human(); return { text: `Sandbox ready.\ncreds: admin:${s}`, secret: s }; } },
  { name: "\"The wifi password for the office is X.\" (short, a person's)", path: "notion/Office.md", build: () => { const s = human(); return { text: `# Office\n\nThe wifi password for the office is ${s}.`, secret: s }; } },
  { name: "a person's password (word, number, symbol) under a password name", path: ".gitlab-ci.yml", build: () => { const s = `${br.chars(ALPHABETS.upper ?? "", 1)}${br.chars(ALPHABETS.lower ?? "", 10)}${br.chars(ALPHABETS.digits ?? "", 2)}!`; return { text: `variables:\n  POSTGRES_DB: test\n  POSTGRES_PASSWORD: ${s}`, secret: s }; } },
  // Memorable passwords (1Password, Bitwarden, diceware): words, not randomness, under a password's name.
  { name: "a memorable password in an env file", path: ".env", build: () => { const s = memorable(4, "-", 2); return { text: `DB_HOST=db.internal\nDB_PASSWORD=${s}`, secret: s }; } },
  { name: "a memorable password in YAML, with underscores", path: "config/app.yaml", build: () => { const s = memorable(5, "_"); return { text: `db:\n  user: app\n  password: ${s}`, secret: s }; } },
  { name: "a memorable password in a Markdown credentials table", path: "notion/Accounts.md", build: () => { const s = memorable(4, ".", 3); return { text: `| Service | User | Password |\n|---|---|---|\n| Grafana | admin | ${s} |`, secret: s }; } },
  { name: "a memorable passphrase in a sentence", path: "slack/it/2026-03-02.json", build: () => { const s = memorable(4); return { text: slackDay(`The guest wifi passphrase is ${s}`), secret: s }; } },
  // Recall guards for blind precision probe 3: what its suppressions must not swallow.
  { name: "a Google API key under its own name beside a Firebase config", path: "web/.env", build: () => { const s = `${["AI", "za"].join("")}${qr.chars(ALPHABETS.b64url ?? "", 35)}`; return { text: `FIREBASE_AUTH_DOMAIN=acme.firebaseapp.com\nFIREBASE_PROJECT_ID=acme\nFIREBASE_STORAGE_BUCKET=acme.appspot.com\nGEMINI_API_KEY=${s}`, secret: s }; } },
  { name: "Authorization: Basic of a real user:password", path: "notes/partner-api.md", build: () => { const s = Buffer.from(`partner:${qpw()}`).toString("base64"); return { text: `Partner API:\n\n    Authorization: Basic ${s}`, secret: s }; } },
  { name: "docker login --password VALUE (not -stdin)", path: "ci/release.sh", build: () => { const s = qpw(); return { text: `docker login --username ci --password ${s} registry.acme.io`, secret: s }; } },
  { name: "a valid GitHub token in a Bearer header (its provider's detector judges it)", path: "docs/github.md", build: () => { const s = tokenOf("github-pat-classic", qr); return { text: `curl -H "Authorization: Bearer ${s}" https://api.github.com/user`, secret: s }; } },
  { name: "a GPG passphrase that is hex (a fingerprint's shape, a passphrase's name)", path: "ci/.env", build: () => { const s = qr.chars(ALPHABETS.hex ?? "", 40); return { text: `GPG_KEY_ID=${qr.chars(ALPHABETS.HEX ?? "", 16)}\nGPG_PASSPHRASE=${s}`, secret: s }; } },
  { name: "a hex secret under `secret:` beside a `checksum/secret` annotation", path: "k8s/app.yaml", build: () => { const s = qr.chars(ALPHABETS.hex ?? "", 64); return { text: `metadata:\n  annotations:\n    checksum/secret: ${qr.chars(ALPHABETS.hex ?? "", 64)}\nstringData:\n  webhook_secret: ${s}`, secret: s }; } },
  // Blind format-reader probe 2: what the readers of exports and configs did not model.
  { name: "Confluence `<br/>` lines after a host whose last label is `example`", path: "confluence/ENG/Bastion_123.html", build: () => { const s = `${fpw()}#`; return { text: `<html><body>\n<p>Bastion login:<br/>host: bastion.acme.example<br/>user: deploy<br/>password: ${s}<br/>(rotated quarterly)</p>\n</body></html>`, secret: s }; } },
  { name: "Confluence XML export: a storage body in CDATA, `&nbsp;` between label and value", path: "confluence-export/entities.xml", build: () => { const s = fpw(); return { text: `<?xml version="1.0" encoding="UTF-8"?>\n<hibernate-generic>\n<object class="BodyContent" package="com.atlassian.confluence.core">\n<property name="body"><![CDATA[<p>Release notes</p><p>DB password:&nbsp;${s}</p>]]></property>\n</object>\n</hibernate-generic>`, secret: s }; } },
  { name: "Confluence XML export: `&amp;` inside a password, a code macro's nested CDATA split", path: "confluence-export/entities.xml", build: () => { const s = `${fpw()}&${fr.chars(ALPHABETS.b62 ?? "", 3)}`; const enc = s.replace(/&/g, "&amp;"); return { text: `<object class="BodyContent">\n<property name="body"><![CDATA[<ac:structured-macro ac:name="code"><ac:plain-text-body><![CDATA[make deploy]]]]><![CDATA[></ac:plain-text-body></ac:structured-macro>\n<p>smtp_password = ${enc}</p>]]></property>\n</object>`, secret: s, marker: enc }; } },
  { name: "Slack: a bot attachment's pretext", path: "slack/alerts/2024-05-02.json", build: () => { const s = ftok("stripe-live-secret"); return { text: JSON.stringify([{ type: "message", subtype: "bot_message", text: "", ts: "1714600000.000100", attachments: [{ pretext: `Rotated key for billing-worker: ${s}`, title: "Key rotation", color: "36a64f" }] }], null, 4), secret: s }; } },
  { name: "Slack: a post's plain_text", path: "slack/eng/2024-05-03.json", build: () => { const s = fpw(); return { text: JSON.stringify([{ type: "message", user: "U0ABCDEF12", text: "migration notes", ts: "1714700000.000200", files: [{ id: "F0ABCDEF12", filetype: "post", title: "Migration notes", preview: "<p>Migration notes</p>", plain_text: `Migration notes\n\nold db: pg-old.internal\nmigration password: ${s}\n` }] }], null, 4), secret: s }; } },
  { name: "compose `${VAR:-default}`: the default, without the operator's `-`", path: "compose.yaml", build: () => { const s = fpw(); return { text: `services:\n  db:\n    environment:\n      MYSQL_ROOT_PASSWORD: "\${MYSQL_ROOT_PASSWORD:-${s}}"`, secret: s }; } },
  { name: "kubeadm's admin.conf: a kubeconfig named `.conf`", path: "etc/kubernetes/admin.conf", build: () => { const k = ed25519Pem(fr); const d = b64of(`${k.pem}\n`); return { text: `apiVersion: v1\nclusters:\n- cluster:\n    server: https://10.0.0.10:6443\n  name: kubernetes\nkind: Config\nusers:\n- name: kubernetes-admin\n  user:\n    client-key-data: ${d}`, secret: k.body, marker: d }; } },
  { name: "a kubeconfig with no extension (`~/.kube/config-staging`)", path: "home/dev/.kube/config-staging", build: () => { const k = ed25519Pem(fr); const d = b64of(`${k.pem}\n`); return { text: `apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user:\n    client-key-data: ${d}\ncontexts: []`, secret: k.body, marker: d }; } },
  { name: "`curl -v` over HTTP/2: `authorization: Basic` in lower case", path: "ci/curl-verbose.log", build: () => { const s = b64of(`deploy:${fpw()}`); return { text: `* using HTTP/2\n> POST /v1/deploy HTTP/2\n> host: api.acme.io\n> authorization: Basic ${s}\n< HTTP/2 401`, secret: s }; } },
  { name: "YAML folded `>`: the key on the scalar's third line", path: "ci/.gitlab-ci.yml", build: () => { const s = ftok("stripe-live-secret"); return { text: `deploy:\n  description: >\n    Deploys the API to staging.\n    Uses the payments sandbox key\n    ${s} for smoke tests.\n  stage: deploy`, secret: s }; } },
  { name: "YAML `>-` list item: the token on the second line", path: ".github/workflows/sync.yml", build: () => { const s = ftok("gitlab-pat"); return { text: `steps:\n  - run: >-\n      curl --fail\n      --header "PRIVATE-TOKEN: ${s}"\n      https://gitlab.com/api/v4/projects/42/trigger/pipeline`, secret: s }; } },
  { name: "YAML multi-line double-quoted and plain scalars keep their lines", path: "config/notes.yaml", build: () => { const s = ftok("openai-project-key"); return { text: `title: notes\nmsg: "first line\n  second line\n  OPENAI_API_KEY=${s}"\nnext: plain text that\n  continues here`, secret: s }; } },
  // Recall guards for blind precision probe 4.
  { name: "a Gemini key in a page's script, not a Maps URL", path: "web/public/chat.html", build: () => { const s = `${["AI", "za"].join("")}${fr.chars(ALPHABETS.b64url ?? "", 35)}`; return { text: `<script src="https://maps.googleapis.com/maps/api/js?key=${gkey()}"></script>\n<script>const GEMINI_API_KEY = "${s}";</script>`, secret: s }; } },
  // Blind recall probe 3: "is set to", inline <code> in HTML, a passphrase in a login pair, a weak password that starts with the keyboard's row.
  { name: "an agent's reply: \"`ADMIN_PASSWORD` in `config/prod.yaml` is set to `X`\"", path: "transcripts/session.jsonl", build: () => { const s = spw(); return { text: JSON.stringify({ type: "assistant", message: { content: [{ type: "text", text: `I found the issue: \`ADMIN_PASSWORD\` in \`config/prod.yaml\` is set to \`${s}\`, but the service reads it from the environment.` }] } }), secret: s }; } },
  { name: "Confluence: \"set temporary password <code>X</code>\" (a person's password)", path: "confluence/OPS/Ticket-OPS-721_912110808.html", build: () => { const s = `${sr.pick(["Maple", "Harbor", "Quill"])}${sr.pick(["Stone", "Field"])}${sr.int(1000, 9999)}!`; return { text: `<html><body>\n<p>Ticket: reset their account and set temporary password <code>${s}</code>, they must change it at next login.</p>\n</body></html>`, secret: s }; } },
  { name: "Notion: \"Admin login: `admin` / `a-memorable-passphrase-42`\"", path: "notion/Runbook payments db.md", build: () => { const s = spassphrase(); return { text: `# Runbook\n\n- Host: db-payments.internal\n- Admin login: \`admin\` / \`${s}\``, secret: s }; } },
  { name: "a weak password that starts with the keyboard's top row, in an env file", path: "deploy/.env", build: () => { const s = `Qwerty-${sr.chars(ALPHABETS.lower ?? "", 4)}${sr.int(1000, 9999)}`; return { text: `NODE_ENV=production\nADMIN_PASSWORD=${s}`, secret: s }; } },
  { name: "a Django secret key that holds a bracket pair (its generator's alphabet has both)", path: "deploy/docker-compose.yml", build: () => { const s = `${sr.chars("abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*-_=+", 20)}(${sr.chars("abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*-_=+", 27)})`; return { text: `services:\n  web:\n    environment:\n      APP_SECRET: "${s}"`, secret: s }; } },
  { name: "a Tavily key that names its environment (tvly-dev-) in an MCP config", path: ".cursor/mcp.json", build: () => { const s = `tvly-dev-${sr.chars(ALPHABETS.b62 ?? "", 32)}`; return { text: JSON.stringify({ mcpServers: { tavily: { command: "npx", args: ["-y", "tavily-mcp"], env: { TAVILY_API_KEY: s } } } }, null, 2), secret: s }; } },
  { name: "a Firecrawl key in prose, with no name beside it", path: "slack/eng/2025-03-02.json", build: () => { const s = `fc-${sr.chars(ALPHABETS.hex ?? "", 32)}`; return { text: slackDay(`use this one for the crawler: ${s}`), secret: s }; } },
  { name: "`railway variables`: a box-drawn table, `│` between name and value", path: "transcripts/railway.jsonl", build: () => { const s = spw(); return { text: JSON.stringify({ type: "tool_result", content: `╔════ Variables for acme-api ════╗\n║ RAILWAY_ENVIRONMENT   │ production ║\n╟────────────────────────────────╢\n║ DATABASE_PASSWORD     │ ${s} ║\n╚════════════════════════════════╝` }), secret: s }; } },
  { name: "Terraform state: a cloudflare_api_token's value, named by the resource type (its `name` is only a label)", path: "infra/terraform.tfstate", build: () => { const s = tokenOf("cloudflare-api-token", sr); return { text: JSON.stringify({ version: 4, resources: [{ mode: "managed", type: "cloudflare_api_token", name: "dns", instances: [{ schema_version: 0, attributes: { id: sr.chars(ALPHABETS.hex ?? "", 32), name: "dns-edit", status: "active", value: s } }] }] }, null, 2), secret: s }; } },
  {
    name: "a transcript: `printenv NAME`, then the value alone as the tool's result (its ids and model stay quiet)",
    path: "home/dev/.claude/projects/-Users-dev-shop/session.jsonl",
    build: () => {
      const s = `sk-${sr.chars(ALPHABETS.hex ?? "", 32)}`;
      const call = { uuid: uuid(sr), sessionId: uuid(sr), message: { id: `msg_${sr.chars(ALPHABETS.b62 ?? "", 24)}`, model: "claude-opus-4-1-20250805", content: [{ type: "tool_use", id: `toolu_${sr.chars(ALPHABETS.b62 ?? "", 24)}`, name: "Bash", input: { command: "printenv DEEPSEEK_API_KEY" } }] } };
      const result = { uuid: uuid(sr), parentUuid: call.uuid, message: { content: [{ type: "tool_result", tool_use_id: call.message.content[0]!.id, content: `${s}\n` }] }, toolUseResult: { stdout: `${s}\n` } };
      const reply = { uuid: uuid(sr), message: { id: `msg_${sr.chars(ALPHABETS.b62 ?? "", 24)}`, content: [{ type: "text", text: "Found it - the variable is set." }] } };
      return { text: [call, result, reply].map((r) => JSON.stringify(r)).join("\n"), secret: s };
    },
  },
  // An expired token is still a leak (the same habit will paste a live one next): reported, at low severity.
  { name: "a JWT that expired in 2024, pasted in a deploy script", path: "scripts/deploy.sh", build: () => { const s = jwt(fr, { exp: 1_717_200_000, role: "admin" }); return { text: `export API_JWT="${s}"`, secret: s }; } },
];

test("a password's preview shows none of its words: only a format's public prefix is ever shown", () => {
  const s = memorable(5, "-", 1);
  const [finding] = scanContent("config/app.yaml", `password: ${s}`, { fingerprintKey: KEY });
  expect(finding?.preview).toBe(`…${s.slice(-4)}`);
});

describePlanted("realistic documents: the exact secret on its line", CASES, KEY);

test("every key and salt of seeded wp-config files is found whole (their `<…>`, `[…]`, `${`, `$(X;)` are chance)", () => {
  const names = ["AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY", "AUTH_SALT", "SECURE_AUTH_SALT", "LOGGED_IN_SALT", "NONCE_SALT"];
  // Its own generator, so cases added elsewhere do not change which salts this draws.
  const wr = new Rng(2718);
  const wpSalt = (): string => wr.chars(WP_SALT, 64);
  // One salt per file holds `$(` + a capital + `;)` somewhere, as about one real salt in five hundred does.
  const withDollarParen = (): string => {
    const s = wpSalt();
    const at = Math.floor(wr.next() * 58);
    return `${s.slice(0, at)}$(${wr.chars(ALPHABETS.upper ?? "", 1)};)${s.slice(at + 5)}`;
  };
  let missed = 0;
  for (let file = 0; file < 60; file++) {
    const salts = names.map((_, i) => (i === file % names.length ? withDollarParen() : wpSalt()));
    const text = `<?php\n${names.map((n, i) => `define( '${n}', '${salts[i]}' );`).join("\n")}\n`;
    const found = new Set(scanContent("wp-config.php", text, { fingerprintKey: KEY }).map((f) => `${f.fingerprint}@${f.line}`));
    missed += salts.filter((v, i) => !found.has(`${fingerprintSecret(v, KEY)}@${i + 2}`)).length;
  }
  expect(missed).toBe(0);
});

const gh = ["gh", "p_"].join("");
/** Blind precision probe 3 (lockfiles, infra, CI, exports, public client config): its own generator. */
const pr = new Rng(9003);
const phex = (n: number): string => pr.chars(ALPHABETS.hex ?? "", n);
const pb62 = (n: number): string => pr.chars(ALPHABETS.b62 ?? "", n);
const pb64 = (n: number): string => pr.chars(ALPHABETS.b64 ?? "", n);
const pb64url = (n: number): string => pr.chars(ALPHABETS.b64url ?? "", n);
const plow = (n: number): string => pr.chars(ALPHABETS.lowNum ?? "", n);
const gkey = (): string => `${["AI", "za"].join("")}${pb64url(35)}`;
/** RFC 7519 §3.1's example JWT, assembled: its header and claims as the RFC writes them, then its signature. */
const rfcJwt = (): string =>
  [
    Buffer.from('{"typ":"JWT",\r\n "alg":"HS256"}').toString("base64url"),
    Buffer.from('{"iss":"joe",\r\n "exp":1300819380,\r\n "http://example.com/is_root":true}').toString("base64url"),
    ["dBjftJeZ4CVP", "-mB92K27uhbUJU1p1r", "_wW1gFWFOEjXk"].join(""),
  ].join(".");
const DECOYS: Array<[string, string, () => string]> = [
  ["UI strings under a `pass` key (i18n)", "locales/da.json", () => JSON.stringify({ pass: "ARIA-rollen er tilladt for det givne element", fail: "Élément trouvé sans rôle" }, null, 2)],
  ["a list of method names beside `password`", "pg_hba.conf.sample", () => `# METHOD can be "trust", "reject", "md5", "password", "scram-sha-256",`],
  ["a prompt string in minified code", "vendor/cli.cjs", () => `e==null&&(e="Input new password: "),E=n.limitMessage;!S;)n.limit=h,n.limitMessage=E,C=en.question(e,n)`],
  ["Terraform references", "infra/main.tf", () => `password = var.db_password\nenv {\n  name  = "API_TOKEN"\n  value = random_password.api.result\n}`],
  ["CI references and masks", ".github/workflows/ci.yml", () => `env:\n  - name: API_TOKEN\n    value: \${{ secrets.API_TOKEN }}\nsteps:\n  - run: curl -u bot:$BOT_PASSWORD https://x.example.com\n  - run: echo "token: ***"`],
  ["curl with a default login", "scripts/local.sh", () => `curl -u admin:admin http://localhost:8080/api\ncurl -u "user:$PASS" https://api.example.com`],
  ["a credential table that points elsewhere", "notion/Accounts.md", () => `| System | Password |\n|---|---|\n| Vault | in 1Password |\n| Grafana | see the vault entry |\n| Old | \`${gh}****abcd\` |`],
  ["query strings with references and placeholders", "docs/api.md", () => `curl "https://api.example.io/v2?api_key=\${API_KEY}&q=1"\ncurl "https://api.example.io/v2?api_key=<your-api-key>&q=1"`],
  ["Helm secret references", "charts/app/values.yaml", () => `env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef: {name: db, key: password}\ntls:\n  secretName: tls-cert`],
  ["a Variable | Value table of settings about secrets", "notion/Settings.md", () => `| Variable | Value |\n|---|---|\n| TOKEN_TTL | 3600s-rolling |\n| PASSWORD_MIN_LENGTH | twelve-chars |`],
  ["argument vectors with the password from a variable or a prompt", "tools/ops.py", () => `subprocess.run(["sshpass", "-p", password, "ssh", host])\nsubprocess.run(["mysql", "-p", "shop"])\nargs = ["redis-cli", "-a", os.environ["REDIS_PW"]]`],
  ["a table of what each secret protects (a deployment guide)", "docs/deployment.md", () => `| Secret | Protects |\n|---|---|\n| \`LEASH_FINGERPRINT_KEY\` | secret fingerprints: \`HMAC-SHA-256(key, secret)\` for inventory |`],
  ["an AWS credential report's header row", "reports/credential-report.csv", () => `user,arn,password_enabled,password_last_used,access_key_1_active,access_key_1_last_used_date,access_key_2_last_used_date\nci-bot,arn:aws:iam::111122223333:user/ci-bot,false,N/A,true,2026-11-02T08:15:00+00:00,N/A`],
  ["a demo password in a README", "README.md", () => `| Role | Password |\n|---|---|\n| admin | \`acme-demo-only-2026\` |`],
  ["SQL without a literal password", "db/0001.sql", () => `ALTER ROLE app WITH PASSWORD NULL;\nCREATE USER app WITH PASSWORD :'pw';`],
  ["credential calls given variables", "src/Mail.cs", () => `var c = new NetworkCredential(user, password);\nvar d = new NetworkCredential("svc", Environment.GetEnvironmentVariable("SMTP_PASSWORD"));`],
  ["auth tuples from the environment", "tools/sync.py", () => `r = requests.get(URL, auth=("svc", os.environ["SYNC_PASSWORD"]))\nr = requests.get(URL, auth=(user, pw))`],
  ["ConvertTo-SecureString of an encrypted standard string (no -AsPlainText)", "scripts/run.ps1", () => `$pw = ConvertTo-SecureString "01000000d08c9ddf0115d1118c7a00c04fc297eb0100${rng.chars(ALPHABETS.hex ?? "", 60)}"`],
  ["commands that prompt or read the password elsewhere", "home/.bash_history", () => `mysql -u root -p appdb\nmysql -uroot -p$MYSQL_ROOT_PASSWORD\nsshpass -e ssh deploy@10.0.0.4\nsshpass -f ~/.pw scp a b:\necho "$CI_REGISTRY_PASSWORD" | docker login -u ci --password-stdin registry.acme.io\nredis-cli -a "\${REDIS_PASSWORD}" ping`],
  ["WordPress's sample wp-config", "wp-config-sample.php", () => `define( 'AUTH_KEY',         'put your unique phrase here' );\ndefine( 'NONCE_SALT',       'put your unique phrase here' );`],
  ["a PostHog project key (public by design)", "web/.env.production", () => `POSTHOG_API_KEY=phc_${b62(43)}\nNEXT_PUBLIC_POSTHOG_KEY=phc_${b62(43)}`],
  ["a Vault token accessor (an identifier, not the token)", "ops/vault.txt", () => `Key                  Value\n---                  -----\ntoken_accessor       ${b62(24)}\ntoken_duration       768h`],
  ["object keys that are not secret keys", "events/s3.json", () => JSON.stringify({ Records: [{ s3: { bucket: { name: "uploads" }, object: { key: `uploads/2024/05/${b62(12)}-report.pdf`, eTag: rng.chars(ALPHABETS.hex ?? "", 32) } } }], buckets: [{ key: rng.chars(ALPHABETS.hex ?? "", 32), doc_count: 4 }] }, null, 2)],
  // Round 3 precision: digests, fingerprints, cache keys, test vectors, illustrations and other kinds of key.
  ["a fingerprint or hash named after its key or password", "home/.ssh/config", () => `Host bastion\n  User ops\n  # key fingerprint SHA256:${b64(43)}\n  # password hash: ${b62(24)}`],
  ["CI cache keys: words joined to a digest", "ci/logs/build-812.log", () => `2024-05-14T10:00:04.1Z Cache restored from key: Linux-node-modules-${rng.chars(ALPHABETS.hex ?? "", 64)}\n    key: npm-${rng.chars(ALPHABETS.hex ?? "", 40)}`],
  ["a NIST test vector file: Key beside IV, PT, CT", "tests/vectors/gcmEncryptExtIV256.rsp", () => `[Keylen = 256]\n\nCount = 0\nKey = ${rng.chars(ALPHABETS.hex ?? "", 64)}\nIV = ${rng.chars(ALPHABETS.hex ?? "", 24)}\nPT = ${rng.chars(ALPHABETS.hex ?? "", 32)}\nCT = ${rng.chars(ALPHABETS.hex ?? "", 32)}`],
  ["an illustration on a password policy page", "wiki/Password policy.md", () => `- Example of a weak password: \`Summer2024!\`\n- e.g. token: ${b62(32)}`],
  ["stored password hashes (Django, Werkzeug, LDAP)", "tests/fixtures/users.json", () => JSON.stringify([{ password: `pbkdf2_sha256$600000$${b62(22)}$${b64(43)}=` }, { password: `{SSHA}${b64(32)}` }, { password: `scrypt:32768:8:1$${b62(16)}$${rng.chars(ALPHABETS.hex ?? "", 128)}` }], null, 2)],
  ["Slack's documentation bot token", "docs/integrations.md", () => `Slack's docs show a bot token like \`${["xoxb-", "17653672481-", "19874698323-", "pdFZKVeTuE8sk7oOcBrzbqgy"].join("")}\`.`],
  ["other kinds of key in prose", "notion/Data model.md", () => `Public key: MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE${b64(88)}\nSort key: ${b62(20)}\nHost key: ${b64(68)}\ndedupe key: ${rng.chars(ALPHABETS.hex ?? "", 40)}`],
  ["a random_string that is only a suffix", "infra/terraform.tfstate", () => JSON.stringify({ version: 4, resources: [{ type: "random_string", name: "suffix", instances: [{ attributes: { length: 16, result: b62(16) } }] }] }, null, 2)],
  ["Rails encrypted credentials (credentials.yml.enc)", "config/credentials.yml.enc", () => `${b64(120)}--${b64(16)}==--${b64(22)}==`],
  ["a Secrets Manager ARN: `:secret:` is its resource type", "src/lib/aws.ts", () => `const secretArn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/api-${b62(6)}";`],
  ["a byte-counter test key (RFC and NIST inputs)", "docs/crypto.md", () => `aes_key = ${Array.from({ length: 32 }, (_, i) => i.toString(16).padStart(2, "0")).join("")}`],
  ["a named key beside IV and ciphertext in a test file", "tests/crypto/test_gcm.py", () => `VECTORS = [{\n  "iv": "${rng.chars(ALPHABETS.hex ?? "", 24)}",\n  "ciphertext": "${rng.chars(ALPHABETS.hex ?? "", 32)}",\n}]\nsecret_key = "${rng.chars(ALPHABETS.hex ?? "", 64)}"`],
  ["a git ref holding a commit SHA", ".git/refs/heads/main", () => `${rng.chars(ALPHABETS.hex ?? "", 40)}\n`],
  // Blind-probe round: keys of other kinds by name, member paths that only look dotted, hashes named `pw`.
  ["cache, partition and site keys by name", "etc/app/app.conf", () => `[cache]\ncache_key = ${br.chars(ALPHABETS.hex ?? "", 32)}\nPARTITION_KEY = tenant-${uuid(br)}\nRECAPTCHA_SITE_KEY = 6L${br.chars(ALPHABETS.b64url ?? "", 38)}`],
  ["a config member path under a secret name", "config/app.yml", () => `auth:\n  token: app.config.authenticationProviderV2.defaultToken`],
  // Blind probe 2: the prose grammars for people's passwords, given what is not a password.
  ["login pairs that name a service, a default or a role", "tickets/OPS-50.txt", () => `login: SSO/Okta-Production\nlogin: admin / changeme\ncreds: aws:sts:assume-role\nlogin is via SSO / Okta`],
  ["asides, instructions and pairs with no password in them", "docs/runbooks/access.md", () => `Username alice, password ResetRequired\nssh deploy@10.0.0.4 (pw optional, defaults to none)\nUse the token from \`gh auth token\` for the sandbox.\nOld password (rotated 2024-01-10): ********\nThe password is now **redacted**`],
  ["sample passwords of a person's shape", "wiki/Password policy.md", () => `Password: Example2024!\nPassword: Password2024!\nThe admin password for the demo instance is Demo1234`],
  ["a password named `pw` that is a stored hash", "db/seed.yml", () => `users:\n  - name: ops\n    pw: $2b$12$${br.chars(ALPHABETS.b62 ?? "", 53)}`],
  // Blind precision probe 3: digests, ciphertext, public client keys and templates in infra, CI and exports.
  ["a Vault audit log: every secret is `hmac-sha256:<hex>`", "logs/vault-audit.log", () => JSON.stringify({ type: "response", auth: { client_token: `hmac-sha256:${phex(64)}`, accessor: `hmac-sha256:${phex(64)}` }, response: { data: { data: { api_key: `hmac-sha256:${phex(64)}`, password: `hmac-sha256:${phex(64)}` } } } })],
  ["Helm's `checksum/secret` annotation (a digest of the Secret)", "k8s/deployment.yaml", () => `metadata:\n  annotations:\n    checksum/config: ${phex(64)}\n    checksum/secret: ${phex(64)}\nspec:\n  replicas: 3`],
  ["docker login --password-stdin, then the registry host", "ci/jenkins-console.log", () => `+ aws ecr get-login-password --region eu-west-1\n+ docker login --username AWS --password-stdin ${pr.int(100000000000, 999999999999)}.dkr.ecr.eu-west-1.amazonaws.com\nLogin Succeeded`],
  ["aws ssm get-parameter without decryption: KMS ciphertext named by its parameter", "cli/ssm.json", () => JSON.stringify({ Parameter: { Name: "/prod/billing/db-password", Type: "SecureString", Value: `AQICAHh${pb64(180)}==`, Version: 3 } }, null, 4)],
  ["Renovate `encrypted:` values (OpenPGP messages)", "renovate.json", () => JSON.stringify({ extends: ["config:recommended"], encrypted: { npmToken: `wcFMA${pb64(600)}` }, hostRules: [{ matchHost: "npm.pkg.github.com", encrypted: { token: `wcFMA${pb64(500)}` } }] }, null, 2)],
  ["a KMS ciphertext blob under a secret's name", "deploy/params.env", () => `DB_PASSWORD_CIPHERTEXT=AQECAH${pb64(200)}=\nAPI_TOKEN=AQICAHg${pb64(160)}==`],
  ["Authorization: Basic of a placeholder `username:password`", "docs/api.md", () => `Header form: \`Authorization: Basic ${Buffer.from("username:password").toString("base64")}\`\nor \`Authorization: Basic ${Buffer.from("admin:admin").toString("base64")}\``],
  ["a MongoDB Atlas URL template: `<username>:<password>@cluster0…`", "config/connection-strings.md", () => `| Mongo (Atlas, template) | \`mongodb+srv://<username>:<password>@cluster0.${plow(5)}.mongodb.net/?retryWrites=true&w=majority\` |`],
  ["browser keys by format: Braintree tokenization key, Datadog RUM client token", "src/config/client.ts", () => `export const BRAINTREE_TOKENIZATION_KEY = "sandbox_${plow(8)}_${plow(16)}";\nexport const DD_CLIENT_TOKEN = "pub${phex(32)}";\nexport const DD_RUM = { clientToken: "pub${phex(32)}" };`],
  ["browser keys by name: Algolia search-only key, Mixpanel token, Segment write key", "src/analytics.ts", () => `export const SEGMENT_WRITE_KEY = "${pb62(32)}";\nexport const MIXPANEL_TOKEN = "${phex(32)}";\nexport const ALGOLIA = { appId: "${pr.chars(ALPHABETS.upNum ?? "", 10)}", searchOnlyApiKey: "${phex(32)}" };\nALGOLIA_SEARCH_API_KEY=${phex(32)}`],
  ["a Firebase web config: its apiKey ships in every page", "web/src/firebase.js", () => `const firebaseConfig = {\n  apiKey: "${gkey()}",\n  authDomain: "acme-prod.firebaseapp.com",\n  projectId: "acme-prod",\n  storageBucket: "acme-prod.appspot.com",\n  messagingSenderId: "${pr.int(100000000000, 999999999999)}",\n  appId: "1:${pr.int(100000000000, 999999999999)}:web:${phex(22)}"\n};`],
  ["google-services.json: the Android app's current_key", "android/app/google-services.json", () => JSON.stringify({ project_info: { project_number: String(pr.int(100000000000, 999999999999)), project_id: "acme-app", storage_bucket: "acme-app.appspot.com" }, client: [{ client_info: { mobilesdk_app_id: `1:${pr.int(100000000000, 999999999999)}:android:${phex(16)}` }, api_key: [{ current_key: gkey() }] }] }, null, 2)],
  ["Firebase keys in an env file beside their siblings", "web/.env.production", () => `FIREBASE_API_KEY=${gkey()}\nFIREBASE_AUTH_DOMAIN=acme.firebaseapp.com\nFIREBASE_PROJECT_ID=acme\nFIREBASE_STORAGE_BUCKET=acme.appspot.com`],
  ["a token in a Bearer header that fails its provider's checksum (a docs sample)", "docs/github.md", () => `curl -H "Authorization: Bearer ${gh}${pb62(36)}" https://api.github.com/user`],
  ["RFC 7519's example JWT", "docs/jwt.md", () => `The RFC's example:\n\n\`${rfcJwt()}\``],
  ["1Password and vals secret references", ".env.op", () => `DB_PASSWORD=op://Engineering/Postgres prod/password\nGITHUB_TOKEN=op://Private/GitHub PAT/token\nSTRIPE_SECRET_KEY=ref+awssecrets://prod/stripe#/secret_key`],
  ["anti-forgery tokens in a debug log", "notes/oauth-debug.txt", () => `csrf_token=${pb64url(43)}\nX-CSRF-Token: ${pb64url(43)}\n<input type="hidden" name="csrfmiddlewaretoken" value="${pb62(64)}">`],
  ["how secrets are processed: cipher transformations, hashers, encoders, cookie names", "src/main/java/Crypto.java", () => `private static final String SECRET_KEY_TRANSFORMATION = "AES/GCM/NoPadding";\nPASSWORD_HASHER = "argon2id$v=19$m=65536,t=3,p=4"\nAUTH_TOKEN_COOKIE = "__Host-acme_session_v2"`],
  ["a password encoder in YAML config", "config/auth.yaml", () => `auth:\n  password_encoder: bcrypt-sha256-12rounds\n  tokenCookie: __Host-acme-sess-v2\n  secretKeyTransformation: AES/GCM/NoPadding`],
  ["GPG_KEY: an OpenPGP fingerprint (official Python images, docker inspect)", "Dockerfile", () => `FROM python:3.12-slim\nENV GPG_KEY ${pr.chars(ALPHABETS.HEX ?? "", 40)}\nENV PYTHON_SHA256 ${phex(64)}\n# gpg_key: 0x${pr.chars(ALPHABETS.HEX ?? "", 16)}`],
  ["a Web Push VAPID public key under a key name", "web/.env.production", () => `FIREBASE_VAPID_KEY=B${pr.chars("ABCDEFGHIJKLMNOP", 1)}${pb64url(85)}\nWEB_PUSH_KEY=B${pr.chars("ABCDEFGHIJKLMNOP", 1)}${pb64url(85)}`],
  ["a credential inventory: mechanisms and pointers in the secret columns", "notion/Credentials inventory 9f2a.md", () => `| Service | Token | Secret location | Password |\n|---|---|---|---|\n| Grafana | service account token | secret/prod/grafana | managed-by-okta |\n| Kafka | SASL/SCRAM-SHA-512 | secret/prod/kafka-scram-${phex(6)} | rotates-every-30d |\n| Legacy FTP | none | k8s secret ftp-creds-v2 | see-runbook-OPS-${pr.int(100, 9999)} |`],
  ["hyphenated prose and pointers under password names, and xkcd's sample", "docs/setup.md", () => `password: same-as-staging-for-now\nDB_PASSWORD=use-the-vault-one\nadmin_password: not-set-yet-ask-ops\npassword: correct-horse-battery-staple\nPASSWORD_POLICY=min-length-twelve-chars`],
  ["pagination tokens in API output", "cli/lookup-events.json", () => JSON.stringify({ NextToken: Buffer.from(JSON.stringify({ NextToken: null, boto_truncate_amount: pr.int(1, 99) })).toString("base64"), nextPageToken: pb64url(40), continuation_token: pb62(32), resumeToken: { _data: phex(80) } }, null, 2)],
  // Blind format probe: placeholders cut with an ellipsis and the nil UUID under token names.
  ["ellipsis placeholders and the nil UUID under token names", ".env.example", () => `ANTHROPIC_API_KEY=sk-ant-api03-...\nOPENAI_API_KEY=sk-proj-...\nRAILWAY_TOKEN=00000000-0000-0000-0000-000000000000\nAPI_TOKEN=${"0".repeat(8)}-0000-0000-0000-${"0".repeat(12)}`],
  ["the keyboard's top row as a sample password", "docs/setup.md", () => `password: qwerty123\nADMIN_PASSWORD=Qwertyuiop!`],
  ["paths into a response under token names (JMESPath, member chains)", "data/paginators-1.json", () => JSON.stringify({ pagination: { ListJobs: { input_token: "Marker", output_token: "Jobs[-1].JobId", more_results: "IsTruncated" }, ListKeys: { output_token: "Keys[-1].KeyId", result_key: "Keys" } } }, null, 2)],
  // Blind adversarial probe: ciphertext away from its key path, message keys, meeting passcodes, RFC examples.
  ["a SealedSecret pasted into Slack (the ciphertext away from `encryptedData:`)", "slack/eng/2024-01-01.json", () => JSON.stringify([{ type: "message", user: "U01", ts: "1704100000.000100", text: `sealed it:\n\`\`\`\nspec:\n  encryptedData:\n    DATABASE_PASSWORD: AgB${pb64(700)}==\n\`\`\`` }], null, 2)],
  ["Spring Cloud Config {cipher} values", "src/main/resources/application.properties", () => `spring.cloud.config.server.git.password={cipher}${phex(192)}\nspring.datasource.password={cipher}${pb64(88)}`],
  ["a Kafka consumer's log: the record's key", "ci/build.log", () => `2024-06-01T10:00:00Z kafka consumer topic=orders partition=3 offset=${pr.int(100000, 999999)} key=${pb64(16)} value(base64)=${pb64(40)}`],
  ["a Zoom link's meeting passcode", "notion/Onboarding.md", () => `Standup: https://acme.zoom.us/j/${pr.int(10_000_000_000, 99_999_999_999)}?pwd=${pb62(32)}`],
  ["RFC 6749's example client credentials and RFC 7617's Basic header", "docs/oauth.md", () => `RFC 6749 2.3.1: client_id=s6BhdRkqt3&client_secret=${["7Fjfp0ZBr1Kt", "DRbnfVdmIw"].join("")}\nRFC 7617: Authorization: Basic ${Buffer.from("Aladdin:open sesame").toString("base64")}`],
  // Blind precision probe 4: browser keys by where they are loaded, forms' tokens, Jasypt ciphertext.
  ["Maps JavaScript and Static Maps keys in a page", "web/public/index.html", () => `<script async src="https://maps.googleapis.com/maps/api/js?key=${gkey()}&callback=initMap"></script>\n<img src="https://maps.googleapis.com/maps/api/staticmap?center=Berlin&amp;zoom=12&amp;size=600x300&amp;key=${gkey()}" alt="map">`],
  ["Firebase keys under names that say Firebase, without their siblings", "web/.env.example", () => `NEXT_PUBLIC_FIREBASE_API_KEY=${gkey()}\nVITE_FIREBASE_APIKEY="${gkey()}"\n# yaml form\nnext_public_firebase_api_key: "${gkey()}"`],
  ["Rails' authenticity_token in a form", "app/views/layouts/application.html.erb", () => `<form action="/session" method="post">\n  <input type="hidden" name="authenticity_token" value="${pb64(64)}">\n</form>`],
  ["Jasypt ENC(...) ciphertext under secret names, quoted and not", "config/application.yml", () => `spring:\n  datasource:\n    password: "ENC(${pb64(44)}==)"\npayments.api-key=ENC(${pb64(64)})\nTWILIO_AUTH_TOKEN: 'ENC(${pb64(32)})'`],
];

describe("realistic decoys stay quiet", () => {
  test.each(DECOYS)("%s", (_name, path, build) => {
    expect(scanContent(path, build(), { fingerprintKey: KEY }).map((f) => `${f.detector}@${f.line}`)).toEqual([]);
  });
});
