"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime } from "@/lib/client/format";
import { credentialQuery } from "../../_lib/queries";
import { EditCredentialDialog } from "./edit-credential-dialog";
import { FieldList } from "./field-list";
import { ReviewSignOff } from "./review-sign-off";
import { TtlCountdown } from "./ttl-countdown";

type CredentialDetailProps = { id: string; canWrite: boolean; serverNow: number };

/** Without credential:write no edit or review control is rendered at all (auditors). */
export function CredentialDetail({ id, canWrite, serverNow }: CredentialDetailProps) {
  const { data: credential } = useSuspenseQuery(credentialQuery(id));
  const [editing, setEditing] = useState(false);
  const name = (credential.fields.name as string | undefined) ?? credential.externalId;
  return (
    <>
      <PageHeader
        title={name}
        description={
          <>
            {String(credential.fields.provider ?? "unknown provider")} · from source <strong>{credential.source.name}</strong> (id{" "}
            {credential.externalId}) · version {credential.version}, updated {formatDateTime(credential.updatedAt)}
          </>
        }
        actions={canWrite ? <Button onClick={() => setEditing(true)}>Edit</Button> : null}
      />
      {credential.missingFromSourceAt ? (
        <p className="mb-4">
          <Badge tone="warning">missing from source since {formatDateTime(credential.missingFromSourceAt)}</Badge>
        </p>
      ) : null}
      <div className="mb-6 grid gap-4 md:grid-cols-[1fr_auto] md:items-start">
        <TtlCountdown fields={credential.fields} serverNow={serverNow} />
        {canWrite ? <ReviewSignOff credentialId={credential.id} signOff={credential.reviewSignOff} /> : null}
      </div>
      <FieldList credential={credential} />
      {editing ? <EditCredentialDialog credential={credential} onClose={() => setEditing(false)} /> : null}
    </>
  );
}
