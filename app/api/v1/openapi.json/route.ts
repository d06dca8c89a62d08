import { NextResponse } from "next/server";
import { openApiDocument } from "@/lib/server/openapi";
import packageJson from "@/package.json";

// Public like any API description: it documents routes and permissions, never data.
export function GET(): Response {
  return NextResponse.json(openApiDocument(packageJson.version));
}
