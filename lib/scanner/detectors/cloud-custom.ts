import { charClasses, shannonEntropy } from "../entropy";
import type { Detector } from "./spec";

const AWS_ID = /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Z0-9])/g;
// Not preceded by `.`/`_`/`-`: 40 characters inside another token (`dp.sa.…`) are not an AWS secret.
const AWS_SECRET = /(?<![A-Za-z0-9/+._-])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=._-])/g;

function looksLikeAwsSecret(value: string): boolean {
  return shannonEntropy(value) >= 4 && charClasses(value) >= 3 && !/^[a-f0-9]+$/i.test(value);
}

/** Nearest secret-shaped value after an access key id, within the same record (CSV row, INI block, JSON). */
function secretNear(window: string, from: number): RegExpExecArray | undefined {
  const tail = window.slice(from, from + 300);
  AWS_SECRET.lastIndex = 0;
  for (let m = AWS_SECRET.exec(tail); m; m = AWS_SECRET.exec(tail)) {
    if (looksLikeAwsSecret(m[0])) {
      m.index += from;
      return m;
    }
  }
  return undefined;
}

/** An access key id alone is an identifier; beside its secret it names the credential (publicId). */
export const awsAccessKeyDetector: Detector = {
  id: "aws-access-key",
  provider: "aws",
  kind: "access_key",
  title: "AWS access key",
  severity: "critical",
  keywords: ["akia", "asia", "abia", "acca"],
  scope: "token",
  before: 4,
  after: 330,
  patterns: [AWS_ID, AWS_SECRET],
  *find(window) {
    AWS_ID.lastIndex = 0;
    for (let m = AWS_ID.exec(window); m; m = AWS_ID.exec(window)) {
      const id = m[0];
      if (shannonEntropy(id.slice(4)) < 2.5 || /EXAMPLE/.test(id)) continue;
      const secret = secretNear(window, m.index + id.length);
      if (secret) {
        yield { start: secret.index, end: secret.index + 40, secret: secret[0], confidence: "high", publicId: id, preview: `${id.slice(0, 8)}…/…${secret[0].slice(-4)}` };
        AWS_ID.lastIndex = secret.index + 40;
      } else {
        yield { start: m.index, end: m.index + id.length, secret: id, confidence: "medium", publicId: id, detector: "aws-access-key-id", details: { secretNearby: false } };
      }
    }
  },
};

export const awsSecretKeyDetector: Detector = {
  id: "aws-secret-key",
  provider: "aws",
  kind: "access_key",
  title: "AWS secret access key",
  severity: "critical",
  keywords: ["aws_secret", "secret_access_key", "secretaccesskey", "aws secret", "secret-access-key"],
  scope: "line",
  before: 0,
  after: 0,
  patterns: [AWS_SECRET],
  *find(window) {
    AWS_SECRET.lastIndex = 0;
    for (let m = AWS_SECRET.exec(window); m; m = AWS_SECRET.exec(window)) {
      if (looksLikeAwsSecret(m[0])) yield { start: m.index, end: m.index + 40, secret: m[0], confidence: "high" };
    }
  },
};

const AZURE_ACCOUNT_KEY = /AccountKey=([A-Za-z0-9+/]{86}==)/g;
const AZURE_SHARED_KEY = /SharedAccessKey=([A-Za-z0-9+/]{42,43}=)/g;
const AZURE_SAS = /[?&]sig=([A-Za-z0-9%+/]{40,100}(?:%3D|=){0,2})/g;

function captureDetector(base: Omit<Detector, "find" | "patterns">, pattern: RegExp, minEntropy: number): Detector {
  return {
    ...base,
    patterns: [pattern],
    *find(window) {
      pattern.lastIndex = 0;
      for (let m = pattern.exec(window); m; m = pattern.exec(window)) {
        const secret = m[1] ?? "";
        if (shannonEntropy(secret) < minEntropy) continue;
        const start = m.index + m[0].length - secret.length;
        yield { start, end: start + secret.length, secret, confidence: "high" };
      }
    },
  };
}

export const azureStorageKeyDetector = captureDetector(
  { id: "azure-storage-key", provider: "azure", kind: "access_key", title: "Azure storage account key", severity: "critical", keywords: ["accountkey="], scope: "token", before: 0, after: 110 },
  AZURE_ACCOUNT_KEY,
  4,
);

export const azureSharedAccessKeyDetector = captureDetector(
  { id: "azure-shared-access-key", provider: "azure", kind: "access_key", title: "Azure Service Bus / Event Hubs shared access key", severity: "high", keywords: ["sharedaccesskey="], scope: "token", before: 0, after: 64 },
  AZURE_SHARED_KEY,
  3.8,
);

export const azureSasDetector = captureDetector(
  { id: "azure-sas-token", provider: "azure", kind: "api_token", title: "Azure shared access signature", severity: "high", keywords: ["sig="], scope: "token", before: 2, after: 110 },
  AZURE_SAS,
  3.8,
);

const AZURE_COSMOS = /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{86}==(?![A-Za-z0-9+/=])/g;

/** Cosmos DB and storage keys are 64 random bytes in base64; named context tells them from other blobs. */
export const azureKeyByNameDetector = captureDetector(
  { id: "azure-key-by-name", provider: "azure", kind: "access_key", title: "Azure account key", severity: "critical", keywords: ["cosmos", "azure_storage_key", "azure_storage_account_key", "storage_account_key", "primarykey", "primary_key"], scope: "line", before: 0, after: 0 },
  new RegExp(`(${AZURE_COSMOS.source})`, "g"),
  4,
);
