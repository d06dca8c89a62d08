import type { Operation } from "../../domain/activity-event";
import { sqlStatementWords } from "./sql-words";

export type Classification = { operation: Operation; destructive: boolean; reason: string };

/** Worst first: when a batch holds several statements, the most dangerous one names the batch. */
const SEVERITY: readonly Operation[] = ["drop", "truncate", "delete", "admin", "deploy", "write", "read", "other"];

/** Classifies SQL text: DELETE, DROP, TRUNCATE and ALTER … DROP are destructive. */
export function classifySql(statement: string): Classification {
  const found = sqlStatementWords(statement).map(classifyStatementWords);
  if (found.length === 0) return { operation: "other", destructive: false, reason: "no SQL statement found" };
  found.sort((a, b) => SEVERITY.indexOf(a.operation) - SEVERITY.indexOf(b.operation));
  const destructive = found.find((f) => f.destructive);
  return destructive ?? (found[0] as Classification);
}

const SQL_READ = new Set(["SELECT", "SHOW", "EXPLAIN", "VALUES", "TABLE", "FETCH", "DECLARE", "LISTEN"]);
const SQL_WRITE = new Set(["INSERT", "UPDATE", "MERGE", "COPY", "CALL", "DO", "REFRESH", "LOCK", "NOTIFY", "UPSERT", "REPLACE"]);
const SQL_ADMIN = new Set(["CREATE", "ALTER", "GRANT", "REVOKE", "COMMENT", "REINDEX", "VACUUM", "CLUSTER", "REASSIGN", "SET", "RESET"]);

function classifyStatementWords(words: string[]): Classification {
  const first = words[0] ?? "";
  if (first === "DROP") return { operation: "drop", destructive: true, reason: `SQL ${words.slice(0, 2).join(" ")} removes an object` };
  if (first === "TRUNCATE") return { operation: "truncate", destructive: true, reason: "SQL TRUNCATE empties a table" };
  if (first === "DELETE") return { operation: "delete", destructive: true, reason: "SQL DELETE removes rows" };
  if (first === "ALTER" && dropsPartOfObject(words)) {
    return { operation: "drop", destructive: true, reason: `SQL ${words.slice(0, 2).join(" ")} … DROP removes part of an object` };
  }
  // `MERGE … WHEN MATCHED THEN DELETE` deletes the matched rows.
  if (first === "MERGE" && words.some((w, i) => w === "DELETE" && words[i - 1] === "THEN")) {
    return { operation: "delete", destructive: true, reason: "SQL MERGE … THEN DELETE removes rows" };
  }
  // A data-modifying CTE (`WITH gone AS (DELETE …) SELECT …`) deletes whatever its final verb is.
  if (first === "WITH") {
    for (const verb of ["DELETE", "TRUNCATE", "DROP"] as const) {
      if (words.includes(verb)) return classifyStatementWords([verb]);
    }
    return words.some((w) => SQL_WRITE.has(w) && w !== "SET") ? sqlResult("write", "WITH … (data-modifying)") : sqlResult("read", "WITH … SELECT");
  }
  if (first === "EXPLAIN" && words.includes("ANALYZE")) {
    // EXPLAIN ANALYZE executes the statement it explains.
    const inner = words.findIndex((w) => w !== "EXPLAIN" && w !== "ANALYZE" && w !== "VERBOSE");
    if (inner > 0) return classifyStatementWords(words.slice(inner));
  }
  if (SQL_READ.has(first)) return sqlResult("read", first);
  if (first === "COPY") return words.includes("FROM") ? sqlResult("write", "COPY … FROM") : sqlResult("read", "COPY … TO");
  if (SQL_WRITE.has(first)) return sqlResult("write", first);
  if (SQL_ADMIN.has(first)) return sqlResult("admin", first);
  return sqlResult("other", first);
}

/** Dropping a column's default, NOT NULL, identity or generation expression removes a rule, not data. */
const DROPS_A_RULE = new Set(["NOT", "DEFAULT", "IDENTITY", "EXPRESSION"]);

function dropsPartOfObject(words: string[]): boolean {
  return words.some((w, i) => w === "DROP" && !DROPS_A_RULE.has(words[i + 1] ?? ""));
}

function sqlResult(operation: Operation, what: string): Classification {
  return { operation, destructive: false, reason: `SQL ${what} is a ${operation} operation` };
}
