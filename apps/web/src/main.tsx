import { ApiProvider, createQueryClient, CurrentOrgProvider } from "@glow/react";
import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode, useState } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router/dom";
import "./index.css";
import { createRouter } from "./router.tsx";
import { createTrpcClient } from "./trpc.ts";

function Root() {
  const [queryClient] = useState(createQueryClient);
  const [trpcClient] = useState(createTrpcClient);
  const [router] = useState(createRouter);
  return (
    <QueryClientProvider client={queryClient}>
      <ApiProvider trpcClient={trpcClient} queryClient={queryClient}>
        <CurrentOrgProvider>
          <RouterProvider router={router} />
        </CurrentOrgProvider>
      </ApiProvider>
    </QueryClientProvider>
  );
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
