import { t } from "./providers-dev";
import type { TokenSpec } from "./spec";

const UUID = [["hex", 8], "-", ["hex", 4], "-", ["hex", 4], "-", ["hex", 4], "-", ["hex", 12]] as const;

/** Cloud platforms, hosting, databases-as-a-service, AI APIs. */
export const CLOUD_SPECS: TokenSpec[] = [
  t("openai-project-key", "openai", "api_token", "OpenAI project API key", ["sk-proj-", ["b64url", 40, 250]]),
  t("openai-service-account-key", "openai", "api_token", "OpenAI service account key", ["sk-svcacct-", ["b64url", 40, 250]]),
  t("openai-admin-key", "openai", "api_token", "OpenAI admin key", ["sk-admin-", ["b64url", 40, 250]]),
  t("openai-legacy-key", "openai", "api_token", "OpenAI API key (legacy)", ["sk-", ["b62", 20], "T3BlbkFJ", ["b62", 20]], {
    keywords: ["t3blbkfj"],
  }),
  t("anthropic-api-key", "anthropic", "api_token", "Anthropic API key", ["sk-ant-api", ["digits", 2], "-", ["b64url", 80, 120]], {
    keywords: ["sk-ant-"],
  }),
  t("anthropic-admin-key", "anthropic", "api_token", "Anthropic admin key", ["sk-ant-admin", ["digits", 2], "-", ["b64url", 80, 120]], {
    keywords: ["sk-ant-"],
  }),
  t("anthropic-oauth-token", "anthropic", "api_token", "Anthropic OAuth token", ["sk-ant-oat", ["digits", 2], "-", ["b64url", 80, 120]], {
    keywords: ["sk-ant-"],
  }),
  t("openai-key-by-name", "openai", "api_token", "OpenAI API key", ["sk-", ["b62", 48]], { context: ["openai"] }),
  t("openrouter-key", "openrouter", "api_token", "OpenRouter API key", ["sk-or-v1-", ["hex", 64]]),
  t("groq-key", "groq", "api_token", "Groq API key", ["gsk_", ["b62", 52]]),
  t("perplexity-key", "perplexity", "api_token", "Perplexity API key", ["pplx-", ["b62", 48]]),
  t("xai-key", "xai", "api_token", "xAI API key", ["xai-", ["b62", 80]]),
  t("replicate-token", "replicate", "api_token", "Replicate API token", ["r8_", ["b62", 37]]),
  t("huggingface-token", "huggingface", "api_token", "Hugging Face access token", ["hf_", ["alpha", 34]]),
  t("huggingface-org-token", "huggingface", "api_token", "Hugging Face organization token", ["api_org_", ["alpha", 34]]),
  t("langsmith-key", "langchain", "api_token", "LangSmith API key", ["lsv2_", ["lower", 2], "_", ["hex", 32], "_", ["hex", 10]]),
  t("pinecone-key", "pinecone", "api_token", "Pinecone API key", ["pcsk_", ["b62", 5, 6], "_", ["b62", 60, 70]]),
  t("tavily-key", "tavily", "api_token", "Tavily API key", ["tvly-", ["b62", 32, 40]]),
  // Tavily's keys since 2025 name their environment: `tvly-dev-…`, `tvly-prod-…`.
  t("tavily-dev-key", "tavily", "api_token", "Tavily API key (development)", ["tvly-dev-", ["b62", 32, 40]]),
  t("tavily-prod-key", "tavily", "api_token", "Tavily API key (production)", ["tvly-prod-", ["b62", 32, 40]]),
  t("firecrawl-key", "firecrawl", "api_token", "Firecrawl API key", ["fc-", ["hex", 32]]),
  t("elevenlabs-key", "elevenlabs", "api_token", "ElevenLabs API key", ["sk_", ["hex", 48]], { keywords: ["sk_"] }),
  t("cohere-key", "cohere", "api_token", "Cohere API key", [["b62", 40]], { context: ["cohere", "co_api_key"] }),
  t("mistral-key", "mistral", "api_token", "Mistral API key", [["b62", 32]], { context: ["mistral"] }),
  t("deepseek-key", "deepseek", "api_token", "DeepSeek API key", ["sk-", ["hex", 32]], { context: ["deepseek"] }),
  t("aws-bedrock-key", "aws", "api_token", "Amazon Bedrock API key", ["ABSKQmVkcm9ja0FQSUtleS", ["b64", 60, 200]]),
  t("gcp-api-key", "gcp", "api_token", "Google API key", ["AIza", ["b64url", 35]]),
  t("gcp-oauth-client-secret", "gcp", "oauth_client_secret", "Google OAuth client secret", ["GOCSPX-", ["b64url", 28]]),
  t("gcp-oauth-access-token", "gcp", "api_token", "Google OAuth access token", ["ya29.", ["b64url", 60, 400]]),
  // Google OAuth refresh tokens (`firebase login:ci`'s FIREBASE_TOKEN, gcloud's and every installed app's).
  t("gcp-oauth-refresh-token", "gcp", "api_token", "Google OAuth refresh token", ["1//0", ["b64url", 60, 200]]),
  // Firebase Cloud Messaging legacy server key: `AAAA` + 7, `:APA91b` + 134 (the sender's key in `key=` headers).
  t("firebase-fcm-server-key", "firebase", "api_token", "Firebase Cloud Messaging server key", ["AAAA", ["b64url", 7], ":APA91b", ["b64url", 130, 140]], {
    keywords: [":apa91b"],
  }),
  t("azure-ad-client-secret", "azure", "oauth_client_secret", "Microsoft Entra ID client secret", [
    ["azure", 3], ["digits", 1], "Q~", ["azure", 31, 34],
  ], { keywords: ["q~"] }),
  t("azure-devops-pat", "azure", "pat", "Azure DevOps personal access token", [["lowNum", 52]], {
    context: ["azure_devops", "ado_pat", "azure devops", "azdo", "system_accesstoken"],
  }),
  t("azure-openai-key", "azure", "api_token", "Azure OpenAI key", [["hex", 32]], { context: ["azure_openai", "azure openai"] }),
  t("stripe-live-secret", "stripe", "api_token", "Stripe live secret key", ["sk_live_", ["b62", 24, 247]]),
  t("stripe-test-secret", "stripe", "api_token", "Stripe test secret key", ["sk_test_", ["b62", 24, 247]], { severity: "low" }),
  t("stripe-live-restricted", "stripe", "api_token", "Stripe live restricted key", ["rk_live_", ["b62", 24, 247]]),
  t("stripe-test-restricted", "stripe", "api_token", "Stripe test restricted key", ["rk_test_", ["b62", 24, 247]], {
    severity: "low",
  }),
  t("stripe-webhook-secret", "stripe", "webhook_secret", "Stripe webhook signing secret", ["whsec_", ["b64", 32, 64]]),
  t("square-access-token", "square", "api_token", "Square access token", ["EAAA", ["b64url", 60]]),
  t("square-oauth-secret", "square", "oauth_client_secret", "Square OAuth secret", ["sq0csp-", ["b64url", 43]]),
  t("square-legacy-token", "square", "api_token", "Square access token (legacy)", ["sq0atp-", ["b64url", 22]]),
  t("braintree-token", "paypal", "api_token", "PayPal Braintree access token", [
    "access_token$production$", ["lowNum", 16], "$", ["hex", 32],
  ]),
  t("flutterwave-secret", "flutterwave", "api_token", "Flutterwave secret key", ["FLWSECK", ["upper", 0, 5], "-", ["hex", 32], "-X"], {
    keywords: ["flwseck"],
  }),
  t("shippo-token", "shippo", "api_token", "Shippo API token", ["shippo_live_", ["hex", 40]]),
  t("heroku-api-key-v2", "heroku", "api_token", "Heroku API key", ["HRKU-", ["b64url", 40, 80]]),
  t("heroku-api-key", "heroku", "api_token", "Heroku API key (UUID)", UUID, { context: ["heroku"] }),
  t("railway-token", "railway", "api_token", "Railway API token", UUID, { context: ["railway"] }),
  t("digitalocean-pat", "digitalocean", "pat", "DigitalOcean personal access token", ["dop_v1_", ["hex", 64]]),
  t("digitalocean-oauth", "digitalocean", "api_token", "DigitalOcean OAuth token", ["doo_v1_", ["hex", 64]]),
  t("digitalocean-refresh", "digitalocean", "api_token", "DigitalOcean refresh token", ["dor_v1_", ["hex", 64]]),
  t("cloudflare-origin-ca", "cloudflare", "api_token", "Cloudflare Origin CA key", ["v1.0-", ["hex", 24], "-", ["hex", 146]]),
  t("cloudflare-api-token", "cloudflare", "api_token", "Cloudflare API token", [["b64url", 40]], {
    context: ["cloudflare", "cf_api_token", "cf_token"],
  }),
  // The global key travels in Cloudflare's own `X-Auth-Key` header, before the URL names the provider.
  t("cloudflare-global-key", "cloudflare", "api_token", "Cloudflare global API key", [["hex", 37]], {
    context: ["cloudflare", "cf_api_key", "x-auth-key"],
  }),
  // Scannable formats (2026, developers.cloudflare.com/fundamentals/api/get-started/token-formats): prefix, 40
  // characters, an 8-hex checksum. cfast_ is an Access service token's client secret.
  ...["cfut_", "cfat_", "cfk_", "cfast_"].map((p) =>
    t(`cloudflare-${p.slice(0, -1)}-token`, "cloudflare", p === "cfast_" ? "oauth_client_secret" : "api_token", "Cloudflare API credential", [p, ["b62", 40], ["hex", 8]]),
  ),
  ...["vcp_", "vci_", "vca_", "vcr_", "vck_"].map((p) => t(`vercel-${p.slice(0, 3)}-token`, "vercel", "api_token", "Vercel access token", [p, ["b62", 24, 80]])),
  t("vercel-legacy-token", "vercel", "api_token", "Vercel access token (legacy)", [["b62", 24]], { context: ["vercel"] }),
  t("netlify-token", "netlify", "pat", "Netlify personal access token", ["nfp_", ["b62", 36]]),
  t("netlify-legacy-token", "netlify", "pat", "Netlify personal access token (legacy)", [["b64url", 43]], { context: ["netlify"] }),
  t("flyio-token", "flyio", "api_token", "Fly.io access token", ["fo1_", ["b64url", 43]]),
  t("flyio-macaroon", "flyio", "api_token", "Fly.io macaroon token", ["fm2_", ["b64any", 80, 800]], { joinedBy: "," }),
  t("render-key", "render", "api_token", "Render API key", ["rnd_", ["b62", 32]]),
  t("supabase-pat", "supabase", "pat", "Supabase personal access token", ["sbp_", ["hex", 40]]),
  t("supabase-secret-key", "supabase", "api_token", "Supabase secret API key", ["sb_secret_", ["b64url", 30, 64]]),
  t("neon-api-key", "neon", "api_token", "Neon API key", ["napi_", ["lowNum", 64]]),
  t("neon-password", "neon", "db_password", "Neon database password", ["npg_", ["b62", 12, 16]]),
  t("planetscale-token", "planetscale", "api_token", "PlanetScale service token", ["pscale_tkn_", ["dotted", 32, 64]]),
  t("planetscale-password", "planetscale", "db_password", "PlanetScale password", ["pscale_pw_", ["dotted", 32, 64]]),
  t("planetscale-oauth", "planetscale", "api_token", "PlanetScale OAuth token", ["pscale_oauth_", ["dotted", 32, 64]]),
  t("alibaba-access-key", "alibaba", "access_key", "Alibaba Cloud AccessKey ID", ["LTAI", ["b62", 20]]),
  t("yandex-api-key", "yandex", "api_token", "Yandex Cloud API key", ["AQVN", ["b64url", 35, 38]]),
  t("mapbox-secret-token", "mapbox", "api_token", "Mapbox secret token", ["sk.eyJ", ["b64url", 50, 300], ".", ["b64url", 20, 30]]),
  t("launchdarkly-key", "launchdarkly", "api_token", "LaunchDarkly SDK/API key", ["api-", ...UUID], { keywords: ["api-"], context: ["launchdarkly", "ld_"] }),
  t("databricks-dsn", "databricks", "api_token", "Databricks token in context", [["hex", 32]], { context: ["databricks_token"] }),
  t("hubspot-pat", "hubspot", "pat", "HubSpot private app token", ["pat-", ["lower", 2], ["digits", 1], "-", ...UUID]),
  // `Authorization: SSWS <token>` is Okta's own scheme: the header names the token where the domain comes after it.
  t("okta-token", "okta", "api_token", "Okta API token", ["00", ["b64url", 40]], { context: ["okta", "ssws"] }),
  // Asana PATs: `2/<user gid>/<app gid>:<32 hex>`, and the older `1/<user gid>:<32 hex>`.
  t("asana-pat", "asana", "pat", "Asana personal access token", ["2/", ["digits", 10, 20], "/", ["digits", 10, 20], ":", ["hex", 32]], { context: ["asana"] }),
  t("asana-pat-legacy", "asana", "pat", "Asana personal access token (legacy)", ["1/", ["digits", 10, 20], ":", ["hex", 32]], { context: ["asana"] }),
  t("algolia-admin-key", "algolia", "api_token", "Algolia admin API key", [["hex", 32]], { context: ["algolia_admin", "algolia_api_key"] }),
  t("snyk-token", "snyk", "api_token", "Snyk API token", UUID, { context: ["snyk_token", "snyk_api"] }),
  t("dropbox-token", "dropbox", "api_token", "Dropbox short-lived token", ["sl.", ["b64url", 130, 160]], { keywords: ["sl."], context: ["dropbox"] }),
  t("facebook-token", "meta", "api_token", "Facebook access token", ["EAACEdEose0cBA", ["b62", 20, 300]]),
  t("twitter-bearer", "twitter", "api_token", "Twitter/X bearer token", ["AAAAAAAAAAAAAAAAAAAAA", ["b62", 30, 120]], {
    minEntropy: 2.5,
  }),
];
