/** Public surface of the rules engine: callers (server, CLI, workers) import from here, not from rule files. */
export { RULES, RULES_VERSION, evaluateRule, ruleById, rulesFor } from "./registry";
export { destructiveOperationsOf } from "./rules/agent-scope";
export { FRAMEWORKS, frameworkById, frameworkKeysText, type Framework, type FrameworkControl } from "./frameworks";
export {
  CONTROL_STATUS_LABELS, SEVERITY_WEIGHTS, emptyCounts, meanScore, scoreControl, scoreFramework, scorePercentage, scoreTallies,
  type ControlScore, type ControlStatus, type FrameworkScore, type RuleTally, type ScoredEvaluation, type ScoredStatus,
} from "./scoring";
export type * from "./types";
export { SEVERITIES, SUBJECT_KINDS } from "./types";
export { RuleParameterError, addToTallies, evaluateSubject, mergeTallies, prepareRules, resultsOf, type PreparedRules, type RuleCounts, type RuleParameterSet, type SubjectVerdicts, type Tallies } from "./evaluate";
