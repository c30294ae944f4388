import { linkClassName } from "@glow/ui";
import { Link } from "react-router";
import { usePageTitle } from "../forms.ts";

export function NotFoundPage() {
  usePageTitle("Page not found");
  return (
    <div className="flex flex-col gap-2">
      <h1 className="text-2xl font-bold text-slate-900">Page not found</h1>
      <p className="text-slate-600">
        There is nothing at this address.{" "}
        <Link to="/" className={linkClassName}>
          Go to the home page
        </Link>
      </p>
    </div>
  );
}
