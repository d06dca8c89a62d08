import { redirect } from "next/navigation";

/** The dashboard layout decides whether the visitor must sign in first. */
export default function HomePage() {
  redirect("/overview");
}
