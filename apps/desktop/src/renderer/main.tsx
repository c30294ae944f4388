import "@glow/ui/styles.css";
import { ErrorMessage } from "@glow/ui";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.tsx";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

createRoot(root).render(
  <StrictMode>
    {window.glow ? (
      <App bridge={window.glow} />
    ) : (
      <ErrorMessage message="The desktop bridge is missing: open this page in the Glow app (its preload script did not run)." />
    )}
  </StrictMode>,
);
