"use client";

import { Checkbox } from "@/components/ui/checkbox";
import type { TeamDto } from "@/lib/domain/identity";

type TeamCheckboxesProps = {
  teams: TeamDto[];
  value: string[];
  onChange: (teamIds: string[]) => void;
  error?: string;
};

/** A fieldset of team checkboxes; engineers see exactly the teams ticked here. */
export function TeamCheckboxes({ teams, value, onChange, error }: TeamCheckboxesProps) {
  return (
    <fieldset className="space-y-1.5">
      <legend className="text-sm font-medium text-zinc-800">Teams</legend>
      {teams.length === 0 ? (
        <p className="text-xs text-zinc-500">No teams yet. Create one under Teams first.</p>
      ) : (
        <div className="grid max-h-40 grid-cols-2 gap-1.5 overflow-y-auto rounded-md border border-zinc-200 p-2">
          {teams.map((team) => (
            <Checkbox
              key={team.id}
              label={team.name}
              checked={value.includes(team.id)}
              onChange={(event) =>
                onChange(event.target.checked ? [...value, team.id] : value.filter((id) => id !== team.id))
              }
            />
          ))}
        </div>
      )}
      {error ? <p className="text-xs font-medium text-red-700">{error}</p> : null}
    </fieldset>
  );
}
