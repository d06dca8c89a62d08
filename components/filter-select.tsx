import { Field } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

export type FilterOption = readonly [value: string, label: string];
export type FilterSelectSpec = { name: string; label: string; anyOption: boolean; options: readonly FilterOption[] };

/** One labelled select of a filter form; "Any" (an empty value) drops the filter from the URL. */
export function FilterSelect({ spec, defaultValue }: { spec: FilterSelectSpec; defaultValue: string }) {
  return (
    <Field label={spec.label}>
      {({ id }) => (
        <Select id={id} name={spec.name} defaultValue={defaultValue}>
          {spec.anyOption ? <option value="">Any</option> : null}
          {spec.options.map(([v, label]) => (
            <option key={v} value={v}>
              {label}
            </option>
          ))}
        </Select>
      )}
    </Field>
  );
}
