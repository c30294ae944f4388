import type { ReactNode, SelectHTMLAttributes } from "react";
import { Field, type FieldProps } from "./Field.tsx";

export interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "className">, FieldProps {
  children: ReactNode;
}

/** A labelled select with its hint and error tied to it, like `TextField`. */
export function SelectField({ label, hint, error, id, className, children, ...rest }: SelectFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} id={id} className={className}>
      {(control) => (
        <select {...rest} {...control}>
          {children}
        </select>
      )}
    </Field>
  );
}
