import { SelectField } from "../SelectField.tsx";

/** The viewer's own IANA time zone, as the browser (or the desktop's Chromium) knows it. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

let zones: string[] | null = null;
/** Every IANA zone the browser knows (UTC first), computed once. */
function timeZones(): string[] {
  zones ??= ["UTC", ...Intl.supportedValuesOf("timeZone").filter((zone) => zone !== "UTC")];
  return zones;
}

/** A select of IANA time zones; the current value is kept even when the browser's list lacks it. */
export function TimeZoneSelect({
  value,
  onChange,
  label = "Time zone",
  error,
  className,
  name,
}: {
  value: string;
  onChange: (timeZone: string) => void;
  label?: string;
  error?: string | null | undefined;
  className?: string;
  name?: string;
}) {
  const all = timeZones();
  const options = all.includes(value) ? all : [value, ...all];
  return (
    <SelectField
      label={label}
      name={name}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      error={error}
      className={className}
    >
      {options.map((zone) => (
        <option key={zone} value={zone}>
          {zone.replaceAll("_", " ")}
        </option>
      ))}
    </SelectField>
  );
}
