/**
 * Credential importers (issue #3): pure, streaming parsers from uploaded bytes to credential records or
 * row errors. The lead's import runs, API and CLI use this module; nothing here touches the database.
 */
export { DEFAULT_MAX_RECORD_CHARS, type CredentialImporter, type ImportItem, type ImportOptions } from "./types";
export { CREDENTIAL_FORMATS, type CredentialFormat, credentialImporters, isCredentialFormat } from "./registry";
export { LEASH_COLUMNS, type LeashColumn, leashCsvTemplate } from "./leash-columns";
export { parseLeashCsv } from "./leash-csv";
export { parseLeashJson } from "./leash-json";
export { parseAwsCredentialReport } from "./aws-credential-report";
export { parseAwsAccessKeys } from "./aws-access-keys";
export { parseGcpServiceAccountKeys } from "./gcp-sa-keys";
export { parseGithubFineGrainedPats } from "./github-fine-grained-pats";
export { parseVaultTokenLookup } from "./vault-token-lookup";
export { parseK8sSecrets } from "./k8s-secrets";
