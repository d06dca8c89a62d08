import { NextResponse } from "next/server";
import { leashEventJsonSchema } from "@/lib/domain/activity-event-input";

// Public: the documented format of one Leash NDJSON line.
export function GET(): Response {
  return NextResponse.json(leashEventJsonSchema(), { headers: { "content-type": "application/schema+json" } });
}
