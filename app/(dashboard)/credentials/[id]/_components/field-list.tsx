import { Badge } from "@/components/ui/badge";
import { SectionHeader } from "@/components/ui/page-header";
import { CREDENTIAL_FIELDS, effectiveStatus, type CredentialFieldName } from "@/lib/domain/credential";
import type { CredentialDto, FieldOrigin } from "@/lib/domain/credential-query";
import { NotStated } from "../../_components/cells";
import { FIELD_LABELS } from "../../_lib/field-labels";
import { FieldValue } from "./field-value";

function OriginBadge({ origin, sourceName }: { origin: FieldOrigin; sourceName: string }) {
  if (origin.provenance === "mapping_rule") return <Badge tone="accent">mapping rule {origin.mappedBy ?? "?"}</Badge>;
  if (origin.provenance === "person") return <Badge tone="success">set by a person</Badge>;
  return <Badge>source: {sourceName}</Badge>;
}

/** A stated `active` that a passed expiry or revocation has overtaken: what the rules and the lists go by. */
function StatusNow({ fields }: { fields: CredentialDto["fields"] }) {
  const date = (v: unknown) => (typeof v === "string" ? new Date(v) : null);
  const now = effectiveStatus({ status: fields.status as string | null, expiresAt: date(fields.expires_at), revokedAt: date(fields.revoked_at) }, new Date());
  return now && now !== fields.status ? <Badge tone="danger">{now} now</Badge> : null;
}

/** Every field with where its value came from; fields the inventory does not state are listed as gaps. */
export function FieldList({ credential }: { credential: CredentialDto }) {
  const stated = CREDENTIAL_FIELDS.filter((f) => f in credential.fields);
  const missing = CREDENTIAL_FIELDS.filter((f) => !(f in credential.fields));
  return (
    <section aria-labelledby="fields-heading" className="rounded-lg border border-zinc-200 bg-white p-5">
      <h2 id="fields-heading" className="sr-only">
        Fields
      </h2>
      <SectionHeader title="Stated fields" description="Each value names where it came from: the source file, a mapping rule, or a person's edit." />
      <dl className="divide-y divide-zinc-100" data-testid="stated-fields">
        {stated.map((field) => (
          <Row key={field} field={field}>
            <FieldValue field={field} value={credential.fields[field]} />
            {field === "status" ? <StatusNow fields={credential.fields} /> : null}
            <OriginBadge origin={credential.origins[field] ?? { provenance: "source" }} sourceName={credential.source.name} />
          </Row>
        ))}
      </dl>
      {missing.length > 0 ? (
        <>
          <h3 className="mt-6 text-sm font-semibold text-zinc-900">Not stated</h3>
          <p className="text-sm text-zinc-600">The inventory says nothing about these; rules treat them as unknown, not as “no”.</p>
          <ul className="mt-2 flex flex-wrap gap-2" data-testid="not-stated-fields">
            {missing.map((field) => (
              <li key={field} className="flex items-center gap-1.5 text-sm text-zinc-700">
                {FIELD_LABELS[field]} <NotStated />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function Row({ field, children }: { field: CredentialFieldName; children: React.ReactNode }) {
  return (
    <div className="grid gap-1 py-2 sm:grid-cols-[12rem_1fr]" data-field={field}>
      <dt className="text-sm font-medium text-zinc-600">{FIELD_LABELS[field]}</dt>
      <dd className="flex flex-wrap items-center justify-between gap-2 text-sm text-zinc-900">{children}</dd>
    </div>
  );
}
