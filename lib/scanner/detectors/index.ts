import { awsAccessKeyDetector, awsSecretKeyDetector, azureKeyByNameDetector, azureSasDetector, azureSharedAccessKeyDetector, azureStorageKeyDetector } from "./cloud-custom";
import { genericAssignmentDetector } from "./assignment";
import { callArgumentPasswordDetector } from "./call-arguments";
import { commandLinePasswordDetector } from "./command-line";
import { authHeaderDetector, basicAuthUrlDetector, cliBasicAuthDetector, connectionUrlDetector, goDsnDetector, jwtDetector, loginPairDetector } from "./generic";
import { pgpPrivateKeyDetector, privateKeyDetector, puttyKeyDetector } from "./private-keys";
import { proseRoleDetector } from "./prose";
import { CLOUD_SPECS } from "./providers-cloud";
import { COMMS_SPECS } from "./providers-comms";
import { DEV_SPECS } from "./providers-dev";
import { razorpayKeyDetector } from "./razorpay";
import { type Detector, tokenDetector } from "./spec";
import { wordpressSaltDetector } from "./wordpress";

export type { Detector, FindContext, TokenSpec } from "./spec";

const shaped = [...DEV_SPECS, ...CLOUD_SPECS, ...COMMS_SPECS].map(tokenDetector);
// Prefixed shapes are the most specific; contextual shapes (bare hex/UUID beside a name) come after them.
const prefixed = shaped.filter((d) => d.scope === "token");
const contextual = shaped.filter((d) => d.scope === "line");

/**
 * Every detector in priority order: when two claim overlapping text, the earlier one wins, so provider formats
 * beat JWT/URL detectors, which beat the generic name = value detector.
 */
export const DETECTORS: readonly Detector[] = [
  privateKeyDetector,
  pgpPrivateKeyDetector,
  puttyKeyDetector,
  awsAccessKeyDetector,
  awsSecretKeyDetector,
  azureStorageKeyDetector,
  azureSharedAccessKeyDetector,
  azureSasDetector,
  ...prefixed,
  razorpayKeyDetector,
  jwtDetector,
  connectionUrlDetector,
  basicAuthUrlDetector,
  goDsnDetector,
  cliBasicAuthDetector,
  loginPairDetector,
  commandLinePasswordDetector,
  callArgumentPasswordDetector,
  wordpressSaltDetector,
  ...contextual,
  azureKeyByNameDetector,
  authHeaderDetector,
  proseRoleDetector,
  genericAssignmentDetector,
];

export function detectorById(id: string): Detector | undefined {
  return DETECTORS.find((d) => d.id === id);
}
