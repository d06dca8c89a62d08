import { NextResponse } from "next/server";
import { databaseAnswers } from "@/lib/server/db";

// Unauthenticated liveness for load balancers: says only whether the database answers.
export async function GET(): Promise<Response> {
  const ok = await databaseAnswers();
  return NextResponse.json({ ok }, { status: ok ? 200 : 503 });
}
