import { awsAccessKeysImporter } from "./aws-access-keys";
import { awsCredentialReportImporter } from "./aws-credential-report";
import { gcpServiceAccountKeysImporter } from "./gcp-sa-keys";
import { githubFineGrainedPatsImporter } from "./github-fine-grained-pats";
import { k8sSecretsImporter } from "./k8s-secrets";
import { leashCsvImporter } from "./leash-csv";
import { leashJsonImporter } from "./leash-json";
import type { CredentialImporter } from "./types";
import { vaultTokenLookupImporter } from "./vault-token-lookup";

/** Every credential import format, keyed by the name the API, CLI and upload form use. */
export const credentialImporters = {
  "leash-csv": leashCsvImporter,
  "leash-json": leashJsonImporter,
  "aws-credential-report": awsCredentialReportImporter,
  "aws-access-keys": awsAccessKeysImporter,
  "gcp-sa-keys": gcpServiceAccountKeysImporter,
  "github-fine-grained-pats": githubFineGrainedPatsImporter,
  "vault-token-lookup": vaultTokenLookupImporter,
  "k8s-secrets": k8sSecretsImporter,
} as const satisfies Record<string, CredentialImporter>;

export type CredentialFormat = keyof typeof credentialImporters;
export const CREDENTIAL_FORMATS = Object.keys(credentialImporters) as CredentialFormat[];

export function isCredentialFormat(name: string): name is CredentialFormat {
  return Object.hasOwn(credentialImporters, name);
}
