import { linkClassName } from "@glow/ui";
import { hasPermission, type Account } from "../account.ts";
import { NoAccess } from "../components/NoAccess.tsx";
import { RequireAccount } from "../components/RequireAccount.tsx";
import { usePageTitle } from "../forms.ts";
import { CategoriesSection } from "./curation/CategoriesSection.tsx";
import { CreatorsSection } from "./curation/CreatorsSection.tsx";
import { VideosSection } from "./curation/VideosSection.tsx";

function Curation() {
  return (
    <>
      <div>
        <h1 className="text-2xl font-bold text-slate-900">Curation</h1>
        <p className="mt-1 text-slate-600">
          The feed reset's catalog. Archiving hides a row from people but keeps their history; restore it any time.
        </p>
        <nav aria-label="Sections" className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm">
          <a href="#categories" className={linkClassName}>
            Categories
          </a>
          <a href="#creators" className={linkClassName}>
            Creators
          </a>
          <a href="#videos" className={linkClassName}>
            Videos
          </a>
        </nav>
      </div>
      <div id="categories" className="scroll-mt-4">
        <CategoriesSection />
      </div>
      <div id="creators" className="scroll-mt-4">
        <CreatorsSection />
      </div>
      <div id="videos" className="scroll-mt-4">
        <VideosSection />
      </div>
    </>
  );
}

function AdminCuration({ account }: { account: Account }) {
  if (!hasPermission(account, { action: "write", entity: "content" })) return <NoAccess screen="Curation" />;
  return <Curation />;
}

export function AdminCurationPage() {
  usePageTitle("Curation");
  return <RequireAccount>{(account) => <AdminCuration account={account} />}</RequireAccount>;
}
