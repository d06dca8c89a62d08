import { t } from "./providers-dev";
import type { TokenSpec } from "./spec";

const UUID = [["hex", 8], "-", ["hex", 4], "-", ["hex", 4], "-", ["hex", 4], "-", ["hex", 12]] as const;

/** Messaging, email, observability. */
export const COMMS_SPECS: TokenSpec[] = [
  t("slack-bot-token", "slack", "api_token", "Slack bot token", ["xoxb-", ["digits", 10, 13], "-", ["digits", 10, 13], "-", ["b62", 24]]),
  t("slack-user-token", "slack", "api_token", "Slack user token", [
    "xoxp-", ["digits", 10, 13], "-", ["digits", 10, 13], "-", ["digits", 10, 13], "-", ["hex", 32],
  ]),
  t("slack-app-token", "slack", "api_token", "Slack app-level token", ["xapp-", ["digits", 1], "-", ["upNum", 9, 12], "-", ["digits", 10, 13], "-", ["hex", 64]]),
  t("slack-config-token", "slack", "api_token", "Slack configuration token", ["xoxe.xox", ["lower", 1], "-", ["digits", 1], "-", ["upNum", 100, 180]], {
    keywords: ["xoxe.xox"],
  }),
  t("slack-refresh-token", "slack", "api_token", "Slack configuration refresh token", ["xoxe-", ["digits", 1], "-", ["upNum", 100, 180]]),
  // Workspace-app tokens: `xoxa-2-` then three numeric ids and 32 hex, like a user token.
  t("slack-workspace-token", "slack", "api_token", "Slack workspace app token", [
    "xoxa-2-", ["digits", 10, 13], "-", ["digits", 10, 13], "-", ["digits", 10, 13], "-", ["hex", 32],
  ]),
  ...["xoxa-", "xoxr-", "xoxs-"].map((p) =>
    t(`slack-legacy-${p.slice(3, 4)}-token`, "slack", "api_token", "Slack legacy workspace token", [p, ["digits", 10, 13], "-", ["digits", 10, 13], "-", ["b62", 24, 34]]),
  ),
  t("slack-webhook", "slack", "webhook_secret", "Slack incoming webhook", [
    "https://hooks.slack.com/services/T", ["upNum", 8, 12], "/B", ["upNum", 8, 12], "/", ["b62", 24],
  ], { keywords: ["hooks.slack.com/services"], prefix: "https://hooks.slack.com/services/" }),
  // Workflow Builder webhooks: `/workflows/T…/A…/<id>/` + 24 characters, as incoming webhooks end; next-generation
  // workflow triggers: `/triggers/T…/<id>/` + 32 hex, with no app segment.
  t("slack-workflows-webhook", "slack", "webhook_secret", "Slack workflows webhook", [
    "https://hooks.slack.com/workflows/T", ["upNum", 8, 12], "/A", ["upNum", 8, 12], "/", ["digits", 15, 20], "/", ["b62", 24],
  ], { prefix: "https://hooks.slack.com/" }),
  t("slack-triggers-webhook", "slack", "webhook_secret", "Slack triggers webhook", [
    "https://hooks.slack.com/triggers/T", ["upNum", 8, 12], "/", ["digits", 10, 16], "/", ["hex", 32],
  ], { prefix: "https://hooks.slack.com/" }),
  t("discord-webhook", "discord", "webhook_secret", "Discord webhook", [
    "https://discord.com/api/webhooks/", ["digits", 17, 20], "/", ["b64url", 60, 68],
  ], { keywords: ["discord.com/api/webhooks"], prefix: "https://discord.com/api/webhooks/" }),
  t("discord-bot-token", "discord", "api_token", "Discord bot token", [["b64url", 24, 26], ".", ["b64url", 6], ".", ["b64url", 27, 38]], {
    context: ["discord"],
  }),
  // The Bot API puts the token in the path, glued to `bot`: `https://api.telegram.org/bot<token>/getMe`.
  t("telegram-bot-token", "telegram", "api_token", "Telegram bot token", [["digits", 8, 10], ":AA", ["b64url", 33]], { keywords: [":aa"], after: "/bot" }),
  t("teams-webhook", "microsoft", "webhook_secret", "Microsoft Teams incoming webhook", [
    "https://", ["lowNum", 1, 40], ".webhook.office.com/webhookb2/", ["dotted", 36, 80], "@", ["dotted", 36, 40], "/IncomingWebhook/", ["b62", 32], "/", ["dotted", 36, 40],
  ], { keywords: [".webhook.office.com/webhookb2/"], prefix: "https://" }),
  t("twilio-api-key", "twilio", "api_token", "Twilio API key secret", [["b62", 32]], { context: ["twilio_api_secret", "twilio_secret"] }),
  t("twilio-auth-token", "twilio", "api_token", "Twilio auth token", [["hex", 32]], { context: ["twilio"] }),
  t("sendgrid-key", "sendgrid", "api_token", "SendGrid API key", ["SG.", ["b64url", 22], ".", ["b64url", 43]]),
  t("mailgun-key", "mailgun", "api_token", "Mailgun API key", ["key-", ["hex", 32]], { context: ["mailgun"] }),
  // Keys issued since the `key-` prefix was dropped: 32 hex, then two 8-hex groups.
  t("mailgun-api-key", "mailgun", "api_token", "Mailgun API key", [["hex", 32], "-", ["hex", 8], "-", ["hex", 8]], { context: ["mailgun"] }),
  t("mailchimp-key", "mailchimp", "api_token", "Mailchimp API key", [["hex", 32], "-us", ["digits", 1, 2]], { keywords: ["-us"] }),
  t("postmark-token", "postmark", "api_token", "Postmark server token", UUID, { context: ["postmark"] }),
  t("brevo-key", "brevo", "api_token", "Brevo (Sendinblue) API key", ["xkeysib-", ["hex", 64], "-", ["b62", 16]]),
  t("resend-key", "resend", "api_token", "Resend API key", ["re_", ["b62", 8], "_", ["b62", 24, 32]]),
  t("datadog-api-key", "datadog", "api_token", "Datadog API key", [["hex", 32]], { context: ["datadog", "dd_api_key", "dd-api-key"] }),
  t("datadog-app-key", "datadog", "api_token", "Datadog application key", [["hex", 40]], {
    context: ["datadog", "dd_app_key", "dd_application_key", "dd-application-key"],
  }),
  t("pusher-secret", "pusher", "api_token", "Pusher Channels app secret", [["hex", 20]], { context: ["pusher_app_secret", "pusher_secret", "pusher secret"] }),
  t("pagerduty-key", "pagerduty", "api_token", "PagerDuty API key", [["b64url", 20]], { context: ["pagerduty"] }),
  t("sentry-legacy-token", "sentry", "api_token", "Sentry auth token (legacy)", [["hex", 64]], { context: ["sentry_auth_token", "sentry auth"] }),
  t("newrelic-license-key", "newrelic", "api_token", "New Relic license key", [["hexAny", 36, 40]], { context: ["new_relic_license", "newrelic_license"] }),
  t("atlassian-legacy-token", "atlassian", "api_token", "Atlassian API token (legacy)", [["b62", 24]], {
    context: ["jira_api_token", "confluence_api_token", "atlassian_api_token", "jira_token"],
  }),
  // base64 of `tok:<uuid>:…`: `dG9rO` then `j` or `m` as the uuid starts with a digit or a letter; the `=` padding
  // is part of the token.
  t("intercom-token", "intercom", "api_token", "Intercom access token", ["dG9rO", ["b64any", 41, 81]], { context: ["intercom"] }),
  t("zendesk-token", "zendesk", "api_token", "Zendesk API token", [["b62", 40]], { context: ["zendesk"] }),
];
