import { Card, cn } from "@glow/ui";
import { Navigate, NavLink, Route, Routes } from "react-router";
import { CategoriesPanel } from "./CategoriesPanel.tsx";
import { CreatorsPanel } from "./CreatorsPanel.tsx";
import { VideosPanel } from "./VideosPanel.tsx";

const TABS = [
  { path: "categories", label: "Categories" },
  { path: "creators", label: "Creators" },
  { path: "videos", label: "Videos" },
] as const;

/** The reset module's catalog: categories, creators (curated or flagged toxic) and curated videos. */
export function CurationScreen() {
  return (
    <Card
      title="Curation"
      description="Edit a cell with its Edit link; select rows to archive or restore them together. Archiving hides a row from people and keeps its history."
    >
      <nav aria-label="Catalog" className="mb-4 flex gap-1 border-b border-slate-200">
        {TABS.map((tab) => (
          <NavLink
            key={tab.path}
            to={`/curation/${tab.path}`}
            className={({ isActive }) =>
              cn(
                "-mb-px border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-glow-500",
                isActive ? "border-glow-600 text-glow-700" : "border-transparent text-slate-600 hover:text-slate-900",
              )
            }
          >
            {tab.label}
          </NavLink>
        ))}
      </nav>
      <Routes>
        <Route path="categories" element={<CategoriesPanel />} />
        <Route path="creators" element={<CreatorsPanel />} />
        <Route path="videos" element={<VideosPanel />} />
        <Route path="*" element={<Navigate to="/curation/categories" replace />} />
      </Routes>
    </Card>
  );
}
