import type { Part, TokenSpec } from "./spec";
import type { SecretKind } from "../types";

/** Shapes written from each provider's published token format (prefix, charset, length, checksum). */
export function t(
  id: string,
  provider: string,
  kind: SecretKind,
  title: string,
  parts: readonly Part[],
  extra: Partial<TokenSpec> = {},
): TokenSpec {
  return { id, provider, kind, title, parts, ...extra };
}

const GH = (p: string): readonly Part[] => [p, ["b62", 36]];
const CRC = { checksum: "crc32-base62" } as const;

/** Source hosting, package registries, CI and infrastructure tooling. */
export const DEV_SPECS: TokenSpec[] = [
  t("github-pat-classic", "github", "pat", "GitHub personal access token (classic)", GH("ghp_"), CRC),
  t("github-oauth", "github", "api_token", "GitHub OAuth access token", GH("gho_"), CRC),
  t("github-user-to-server", "github", "api_token", "GitHub App user access token", GH("ghu_"), CRC),
  t("github-app-installation", "github", "api_token", "GitHub App installation token", GH("ghs_"), CRC),
  // Refresh tokens are longer than the others: 70 random characters, then the same 6-character CRC32.
  t("github-refresh", "github", "api_token", "GitHub refresh token", ["ghr_", ["b62", 76]], CRC),
  t("github-pat-fine-grained", "github", "pat", "GitHub fine-grained personal access token", [
    "github_pat_", ["b62", 22], "_", ["b62", 59],
  ]),
  // Routable tokens (GitLab 17.x+, handbook "Cells: Routable Tokens"): base64url of the routing payload and 16 random
  // bytes, `.`, then 2 base36 characters (the payload's length) and 7 (a CRC32); since 18.x a 2-character version
  // sits between them (`….01.0z…`). Versioned first, then unversioned, then the classic shapes: each later one
  // would stop at a `.` and report the token cut short.
  t("gitlab-pat-versioned", "gitlab", "pat", "GitLab personal access token", ["glpat-", ["b64url", 27, 300], ".", ["lowNum", 2], ".", ["lowNum", 9]]),
  t("gitlab-runner-versioned", "gitlab", "api_token", "GitLab runner authentication token", ["glrt-", ["b64url", 27, 300], ".", ["lowNum", 2], ".", ["lowNum", 9]]),
  t("gitlab-pat-routable", "gitlab", "pat", "GitLab personal access token", ["glpat-", ["b64url", 27, 300], ".", ["lowNum", 9]]),
  t("gitlab-runner-routable", "gitlab", "api_token", "GitLab runner authentication token", ["glrt-", ["b64url", 27, 300], ".", ["lowNum", 9]]),
  t("gitlab-pat", "gitlab", "pat", "GitLab personal access token", ["glpat-", ["b64url", 20, 64]]),
  t("gitlab-deploy", "gitlab", "api_token", "GitLab deploy token", ["gldt-", ["b64url", 20, 64]]),
  t("gitlab-runner", "gitlab", "api_token", "GitLab runner authentication token", ["glrt-", ["b64url", 20, 64]]),
  t("gitlab-pipeline-trigger", "gitlab", "api_token", "GitLab pipeline trigger token", ["glptt-", ["hex", 40]]),
  t("gitlab-ci-build", "gitlab", "api_token", "GitLab CI/CD job token", ["glcbt-", ["b64url", 20, 64]]),
  t("gitlab-incoming-mail", "gitlab", "api_token", "GitLab incoming mail token", ["glimt-", ["b64url", 25, 64]]),
  t("gitlab-agent", "gitlab", "api_token", "GitLab agent for Kubernetes token", ["glagent-", ["b64url", 50, 64]]),
  t("gitlab-oauth-secret", "gitlab", "oauth_client_secret", "GitLab OAuth application secret", ["gloas-", ["b64url", 64]]),
  t("gitlab-scim", "gitlab", "api_token", "GitLab SCIM token", ["glsoat-", ["b64url", 20, 64]]),
  t("gitlab-feature-flags", "gitlab", "api_token", "GitLab feature flags client token", ["glffct-", ["b64url", 20, 64]]),
  t("gitlab-feed", "gitlab", "api_token", "GitLab feed token", ["glft-", ["b64url", 20, 64]]),
  t("gitlab-runner-registration", "gitlab", "api_token", "GitLab runner registration token", ["GR1348941", ["b64url", 20, 64]]),
  t("npm-token", "npm", "api_token", "npm access token", ["npm_", ["b62", 36]], CRC),
  t("pypi-token", "pypi", "api_token", "PyPI upload token", ["pypi-AgEIcHlwaS5vcmc", ["b64url", 50, 300]]),
  t("pypi-test-token", "pypi", "api_token", "TestPyPI upload token", ["pypi-AgENdGVzdC5weXBpLm9yZw", ["b64url", 50, 300]]),
  t("dockerhub-pat", "docker", "pat", "Docker Hub personal access token", ["dckr_pat_", ["b64url", 27, 32]]),
  t("dockerhub-oat", "docker", "api_token", "Docker Hub organization access token", ["dckr_oat_", ["b64url", 27, 32]]),
  t("rubygems-key", "rubygems", "api_token", "RubyGems API key", ["rubygems_", ["hex", 48]]),
  t("nuget-key", "nuget", "api_token", "NuGet API key", ["oy2", ["lowNum", 43]]),
  t("artifactory-key", "jfrog", "api_token", "JFrog Artifactory API key", ["AKCp", ["b62", 69]]),
  t("clojars-token", "clojars", "api_token", "Clojars deploy token", ["CLOJARS_", ["lowNum", 60]]),
  t("terraform-cloud", "hashicorp", "api_token", "Terraform Cloud API token", [["b62", 14], ".atlasv1.", ["b64url", 60, 70]], {
    keywords: [".atlasv1."],
  }),
  t("vault-service", "hashicorp", "api_token", "HashiCorp Vault service token", ["hvs.", ["b64url", 24, 200]]),
  t("vault-batch", "hashicorp", "api_token", "HashiCorp Vault batch token", ["hvb.", ["b64url", 24, 300]]),
  t("vault-legacy-token", "hashicorp", "api_token", "HashiCorp Vault token (legacy)", ["s.", ["b62", 24]], { context: ["vault_token", "vault token", "x-vault-token"] }),
  t("vault-recovery", "hashicorp", "api_token", "HashiCorp Vault recovery token", ["hvr.", ["b64url", 24, 200]]),
  t("pulumi-token", "pulumi", "api_token", "Pulumi access token", ["pul-", ["hex", 40]]),
  t("buildkite-token", "buildkite", "api_token", "Buildkite API access token", ["bkua_", ["hex", 40]]),
  ...["sqp_", "squ_", "sqa_"].map((p) => t(`sonar-${p.slice(0, 3)}-token`, "sonarqube", "api_token", "SonarQube token", [p, ["hex", 40]])),
  ...["pt", "st", "sa", "ct", "scim", "audit"].map((k) =>
    t(`doppler-${k}-token`, "doppler", "api_token", `Doppler ${k} token`, [`dp.${k}.`, ["b62", 40, 44]]),
  ),
  // Service tokens name their config: `dp.st.<config>.<random>` (`dp.st.prd.…`).
  t("doppler-st-config-token", "doppler", "api_token", "Doppler st token", ["dp.st.", ["b64url", 2, 35], ".", ["b62", 40, 44]]),
  t("onepassword-service", "1password", "api_token", "1Password service account token", ["ops_eyJ", ["b64any", 100, 1000]]),
  t("databricks-token", "databricks", "api_token", "Databricks personal access token", ["dapi", ["hex", 32]]),
  t("prefect-key", "prefect", "api_token", "Prefect API key", ["pnu_", ["b62", 36]]),
  // PostHog: `phx_` personal API keys and `phs_` project secret keys are base62 of 32-35 random bytes. Project keys
  // (`phc_`) ship in every page's JavaScript and are public by design (see isPublicByDesign).
  t("posthog-personal-key", "posthog", "api_token", "PostHog personal API key", ["phx_", ["b62", 42, 48]]),
  t("posthog-project-secret", "posthog", "api_token", "PostHog project secret API key", ["phs_", ["b62", 42, 48]]),
  t("postman-key", "postman", "api_token", "Postman API key", ["PMAK-", ["hex", 24], "-", ["hex", 34]]),
  t("age-secret-key", "age", "private_key", "age secret key", ["AGE-SECRET-KEY-1", ["upNum", 58]]),
  t("circleci-token", "circleci", "api_token", "CircleCI token", ["CCIPAT_", ["b62", 22], "_", ["hex", 40]]),
  t("grafana-service-account", "grafana", "api_token", "Grafana service account token", ["glsa_", ["b62", 32], "_", ["hex", 8]]),
  t("grafana-cloud", "grafana", "api_token", "Grafana Cloud API token", ["glc_", ["b64any", 32, 400]]),
  t("newrelic-user-key", "newrelic", "api_token", "New Relic user API key", ["NRAK-", ["upNum", 27]]),
  t("newrelic-insert-key", "newrelic", "api_token", "New Relic insights insert key", ["NRII-", ["b64url", 32]]),
  t("dynatrace-token", "dynatrace", "api_token", "Dynatrace API token", ["dt0c01.", ["upNum", 24], ".", ["upNum", 64]]),
  t("sentry-org-token", "sentry", "api_token", "Sentry organization auth token", ["sntrys_eyJ", ["b64any", 60, 400]]),
  t("sentry-user-token", "sentry", "api_token", "Sentry user auth token", ["sntryu_", ["hex", 64]]),
  t("figma-token", "figma", "pat", "Figma personal access token", ["figd_", ["b64url", 40]]),
  t("contentful-token", "contentful", "pat", "Contentful personal access token", ["CFPAT-", ["b64url", 43]]),
  t("typeform-token", "typeform", "pat", "Typeform personal access token", ["tfp_", ["b64url", 44, 59]]),
  t("frameio-token", "frameio", "api_token", "Frame.io developer token", ["fio-u-", ["b64url", 64]]),
  t("linear-api-key", "linear", "api_token", "Linear API key", ["lin_api_", ["b62", 40]]),
  t("linear-oauth", "linear", "api_token", "Linear OAuth token", ["lin_oauth_", ["hex", 64]]),
  t("airtable-pat", "airtable", "api_token", "Airtable personal access token", ["pat", ["b62", 14], ".", ["hex", 64]], {
    // "pat" alone would wake the detector at every "path" and "pattern": the provider's name must be near.
    context: ["airtable"],
  }),
  t("notion-integration", "notion", "api_token", "Notion integration token", ["ntn_", ["b62", 46]]),
  t("notion-legacy", "notion", "api_token", "Notion integration token (legacy)", ["secret_", ["b62", 43]]),
  // Atlassian tokens end in `=` and a CRC32 in upper-case hex: the whole string, checksum included, is the credential.
  t("atlassian-api-token", "atlassian", "api_token", "Atlassian API token", ["ATATT", ["b64url", 150, 260], "=", ["HEX", 8]]),
  t("atlassian-confluence-token", "atlassian", "api_token", "Atlassian access token (Bitbucket repository/workspace, organization admin)", [
    "ATCTT", ["b64url", 150, 260], "=", ["HEX", 8],
  ]),
  t("bitbucket-app-password", "atlassian", "api_token", "Bitbucket app password", ["ATBB", ["b62", 24], ["HEX", 8]]),
  t("shopify-access", "shopify", "api_token", "Shopify access token", ["shpat_", ["hexAny", 32]]),
  t("shopify-custom-app", "shopify", "api_token", "Shopify custom app token", ["shpca_", ["hexAny", 32]]),
  t("shopify-private-app", "shopify", "api_token", "Shopify private app token", ["shppa_", ["hexAny", 32]]),
  t("shopify-shared-secret", "shopify", "webhook_secret", "Shopify shared secret", ["shpss_", ["hexAny", 32]]),
  // Leash's own API tokens (lib/server/tokens.ts): `leash_` and 32 random bytes in base64url. A found one matches the
  // credential Leash keeps for the token in its inventory.
  t("leash-api-token", "leash", "api_token", "Leash API token", ["leash_", ["b64url", 43]]),
];
