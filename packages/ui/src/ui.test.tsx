import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Button } from "./Button.tsx";
import { SystemStatus } from "./SystemStatus.tsx";

afterEach(cleanup);

describe("Button", () => {
  it("calls onClick, and blocks clicks while busy", () => {
    const onClick = vi.fn<() => void>();
    const { rerender } = render(<Button onClick={onClick}>Save</Button>);
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(onClick).toHaveBeenCalledTimes(1);

    rerender(
      <Button onClick={onClick} busy>
        Save
      </Button>,
    );
    const button = screen.getByRole("button", { name: "Save" });
    expect(button).toHaveProperty("disabled", true);
    expect(button.getAttribute("aria-busy")).toBe("true");
    fireEvent.click(button);
    expect(onClick).toHaveBeenCalledTimes(1);
  });
});

describe("SystemStatus", () => {
  it("shows a loading state", () => {
    render(<SystemStatus info={undefined} loading error={null} />);
    expect(screen.getByRole("status").textContent).toContain("Connecting to the server");
  });

  it("shows the version and a readable uptime", () => {
    render(
      <SystemStatus info={{ name: "Glow", version: "1.2.3", uptimeSeconds: 3725, startedAt: new Date() }} loading={false} error={null} />,
    );
    expect(screen.getByText("1.2.3")).toBeTruthy();
    expect(screen.getByText("1 h 2 min")).toBeTruthy();
  });

  it("shows only that the server is up when it says nothing more (signed out)", () => {
    render(<SystemStatus info={{ name: "Glow" }} loading={false} error={null} />);
    expect(screen.getByText("Up")).toBeTruthy();
    expect(screen.queryByText("Version")).toBeNull();
  });

  it("shows an error as an alert with a retry", () => {
    const onRetry = vi.fn<() => void>();
    render(<SystemStatus info={undefined} loading={false} error="Server unreachable" onRetry={onRetry} />);
    expect(screen.getByRole("alert").textContent).toContain("Server unreachable");
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(onRetry).toHaveBeenCalled();
  });
});
