/**
 * Leash secret scanner: detectors, prefilter, readers, redaction and output. Pure library: no Next.js, React or
 * database; the CLI, workers and (later) the server import it unchanged.
 */
export { DETECTORS, detectorById, type Detector } from "./detectors";
export { ScanEngine } from "./engine";
export { fingerprintSecret } from "./fingerprint";
export { applyIgnore, parseIgnore, type IgnoreRules } from "./ignore";
export { detectFormat, readSegments, type Format } from "./readers";
export { redactPreview } from "./redact";
export { failingFindings, groupExposures, toJson, toSarif, toTable, type Exposure } from "./report";
export { scanPaths, type ScanOptions, type ScanProgress, type ScanResult } from "./scan";
export { scanContent, scanFile } from "./scan-file";
export { scanGitHistory } from "./git";
export { scanZip, ZIP_LIMITS } from "./zip";
export type { Confidence, Finding, FindingContext, ScanStats, SecretKind, Segment, Severity } from "./types";
