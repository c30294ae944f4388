import { errorData, errorMessage } from "@glow/react";
import { Button, FormError, linkClassName } from "@glow/ui";
import { Link } from "react-router";
import { useGeneratePlan } from "../reset.ts";

/** Makes today's plan; when no categories are picked yet, says so and links to picking them. */
export function StartPlanButton({ label = "Start today's plan" }: { label?: string }) {
  const generate = useGeneratePlan();
  const needsCategories = errorData(generate.error)?.code === "PRECONDITION_FAILED";
  return (
    <div className="flex flex-col items-center gap-3">
      <Button onClick={() => generate.mutate()} busy={generate.isPending}>
        {label}
      </Button>
      <FormError message={generate.error ? errorMessage(generate.error) : null}>
        {needsCategories && (
          <Link to="/onboarding" className={linkClassName}>
            Pick your categories
          </Link>
        )}
      </FormError>
    </div>
  );
}
