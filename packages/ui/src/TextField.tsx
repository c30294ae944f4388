import type { InputHTMLAttributes } from "react";
import { Field, type FieldProps } from "./Field.tsx";

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "className">, FieldProps {}

/** A labelled input with its hint and error tied to it for assistive technology. */
export function TextField({ label, hint, error, id, className, type = "text", ...rest }: TextFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} id={id} className={className}>
      {(control) => <input type={type} {...rest} {...control} />}
    </Field>
  );
}
