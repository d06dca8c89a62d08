"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";
import { SectionHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { notificationSettingsSchema, type NotificationSettings } from "@/lib/domain/posture";
import { api, ApiError, errorMessage } from "@/lib/client/api";
import { checkForm, serverFieldErrors, type FieldErrors } from "@/lib/client/form";
import { auditKeys, ruleParameterKeys } from "@/lib/client/query-keys";
import { notificationSettingsQuery } from "../_lib/queries";

type Draft = { webhookUrl: string; minSeverity: NotificationSettings["minSeverity"] };

const toDraft = (s: NotificationSettings): Draft => ({ webhookUrl: s.webhookUrl ?? "", minSeverity: s.minSeverity });

/** Where new findings are announced: a Slack-compatible incoming webhook, for findings at or above a severity. */
export function NotificationsSection({ canManage }: { canManage: boolean }) {
  const { data } = useSuspenseQuery(notificationSettingsQuery());
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => toDraft(data));
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useMutation({
    mutationFn: (input: NotificationSettings) => api.put<NotificationSettings>("/settings/notifications", input),
    onSuccess: (saved) => {
      queryClient.setQueryData(ruleParameterKeys.notifications(), saved);
      setDraft(toDraft(saved));
      return queryClient.invalidateQueries({ queryKey: auditKeys.all });
    },
  });
  const shown = { ...serverFieldErrors(save.error), ...errors };
  const dirty = JSON.stringify(draft) !== JSON.stringify(toDraft(data));

  function submit() {
    // An empty URL turns notifications off.
    const parsed = checkForm(notificationSettingsSchema, { webhookUrl: draft.webhookUrl.trim() || null, minSeverity: draft.minSeverity });
    if (!parsed.success) return setErrors(parsed.fields);
    setErrors({});
    save.mutate(parsed.data);
  }

  return (
    <section aria-label="Notifications" className="space-y-4">
      <SectionHeader
        title="Notifications"
        description="New findings are posted to a Slack-compatible incoming webhook. The message names the rule, the subject and why it fails — never a secret."
      />
      {save.isSuccess && !dirty ? <Alert tone="success">Notification settings saved.</Alert> : null}
      {save.isError && !(save.error instanceof ApiError && Object.keys(save.error.fields).length > 0) ? <Alert tone="danger">{errorMessage(save.error)}</Alert> : null}
      {canManage ? (
        <div className="space-y-4 rounded-lg border border-zinc-200 bg-white p-4">
          <div className="grid gap-4 sm:grid-cols-[1fr_12rem]">
            <Field label="Webhook URL" hint="Leave empty to send no notifications." error={shown.webhookUrl}>
              {({ id, describedBy, invalid }) => (
                <Input
                  id={id}
                  type="url"
                  className="font-mono text-xs"
                  placeholder="https://hooks.slack.com/services/…"
                  value={draft.webhookUrl}
                  aria-describedby={describedBy}
                  aria-invalid={invalid || undefined}
                  onChange={(e) => setDraft({ ...draft, webhookUrl: e.target.value })}
                />
              )}
            </Field>
            <Field label="Minimum severity" error={shown.minSeverity}>
              {({ id, describedBy, invalid }) => (
                <Select
                  id={id}
                  value={draft.minSeverity}
                  aria-describedby={describedBy}
                  aria-invalid={invalid || undefined}
                  onChange={(e) => setDraft({ ...draft, minSeverity: e.target.value as Draft["minSeverity"] })}
                >
                  <option value="critical">Critical only</option>
                  <option value="high">High and critical</option>
                </Select>
              )}
            </Field>
          </div>
          <div className="flex justify-end">
            <Button disabled={!dirty || save.isPending} onClick={submit}>
              {save.isPending ? "Saving…" : "Save notifications"}
            </Button>
          </div>
        </div>
      ) : (
        <dl className="grid gap-2 rounded-lg border border-zinc-200 bg-white p-4 text-sm sm:grid-cols-[10rem_1fr]">
          <dt className="text-zinc-600">Webhook</dt>
          {/* The URL itself is a bearer secret for the channel; auditors only learn whether one is set. */}
          <dd className="font-medium text-zinc-900">{data.webhookUrl ? "Configured" : "Not configured"}</dd>
          <dt className="text-zinc-600">Minimum severity</dt>
          <dd className="font-medium text-zinc-900">{data.minSeverity === "high" ? "High and critical" : "Critical only"}</dd>
        </dl>
      )}
    </section>
  );
}
