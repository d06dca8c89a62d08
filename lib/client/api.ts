import type { ApiErrorBody } from "@/lib/domain/identity";
import type { JobDto } from "@/lib/domain/jobs";

/** Error thrown for any non-2xx answer from /api/v1; carries what the server chose to tell us, nothing more. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId: string | null;
  readonly fields: Record<string, string>;

  constructor(status: number, body: Partial<ApiErrorBody["error"]>) {
    super(body.message ?? `Request failed (${status})`);
    this.name = "ApiError";
    this.status = status;
    this.code = body.code ?? "unknown";
    this.requestId = body.requestId ?? null;
    this.fields = body.fields ?? {};
  }
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * `answers`: statuses past 2xx whose body is still the answer, as the CLI's callApi takes them (a refused import run
 * or an ingest with every line rejected comes back 422 carrying its report, which the page shows).
 */
async function request<T>(method: Method, path: string, body?: unknown, answers: readonly number[] = [], headers: Record<string, string> = {}): Promise<T> {
  const init: RequestInit = {
    method,
    credentials: "same-origin",
    headers: { Accept: "application/json", ...headers },
    cache: "no-store",
  };
  // Uploads go as multipart: the browser sets the type with its boundary, so it must not be set here.
  if (body instanceof FormData) {
    init.body = body;
  } else if (body instanceof Blob) {
    // Raw uploads (log files): the bytes are the body, so the server can stream them without a multipart parser.
    init.headers = { ...init.headers, "Content-Type": body.type || "application/octet-stream" };
    init.body = body;
  } else if (method !== "GET") {
    // The server accepts browser mutations only as same-origin JSON (a CSRF defence), so always send the type.
    init.headers = { ...init.headers, "Content-Type": "application/json" };
    init.body = JSON.stringify(body ?? {});
  }
  const response = await fetch(`/api/v1${path}`, init);
  const text = await response.text();
  const data: unknown = text ? safeJson(text) : null;
  if (!response.ok && !(answers.includes(response.status) && data !== null)) {
    const error = (data as Partial<ApiErrorBody> | null)?.error ?? {};
    throw new ApiError(response.status, error);
  }
  return data as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Builds a query string, leaving out empty values so the server sees only the filters in use. */
export function toSearch(params: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

export const api = {
  get: <T>(path: string) => request<T>("GET", path),
  post: <T>(path: string, body: unknown) => request<T>("POST", path, body),
  /** POST that queues the work as a job and answers 202 with it, for the page to follow its progress. */
  postJob: (path: string, body: unknown) => request<JobDto>("POST", path, body, [], { Prefer: "respond-async" }),
  put: <T>(path: string, body: unknown) => request<T>("PUT", path, body),
  patch: <T>(path: string, body: unknown) => request<T>("PATCH", path, body),
  /** multipart/form-data POST; append fields before the file, the server streams the file part. */
  upload: <T>(path: string, form: FormData, answers?: readonly number[]) => request<T>("POST", path, form, answers),
  /** POST of a file's raw bytes as the request body (no multipart). */
  postRaw: <T>(path: string, file: Blob, answers?: readonly number[]) => request<T>("POST", path, file, answers),
  delete: <T>(path: string) => request<T>("DELETE", path),
};

/** A message fit for the UI, with the request id so support can find the server log line. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    return error.requestId ? `${error.message} (request ${error.requestId})` : error.message;
  }
  return "Something went wrong. Please try again.";
}
