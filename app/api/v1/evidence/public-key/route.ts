import { NextResponse } from "next/server";
import { publicKeys } from "@/lib/server/evidence-keys";

// Public by design: anyone holding a package must be able to check who signed it. Current and retired keys.
export async function GET(): Promise<Response> {
  const keys = await publicKeys();
  return NextResponse.json({ current: keys.find((k) => k.current)?.keyId ?? null, keys });
}
