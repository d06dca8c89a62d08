import { redirect } from "next/navigation";
import { frameworkById } from "@/lib/rules/frameworks";
import { controlsHref, pathSegment, readAsOf } from "../_lib/params";

type PageProps = {
  params: Promise<{ framework: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/**
 * /controls/soc2, the address above a control's (/controls/soc2/CC6.1) that people reach by trimming one: the
 * framework's controls, which the Controls page keeps in its query, under the framework's id also when the address
 * used its short key (/controls/pci). An unknown framework is said so there.
 */
export default async function FrameworkAddress({ params, searchParams }: PageProps) {
  const [{ framework }, search] = await Promise.all([params, searchParams]);
  const typed = pathSegment(framework);
  redirect(controlsHref(frameworkById(typed)?.id ?? typed, readAsOf(search)));
}
