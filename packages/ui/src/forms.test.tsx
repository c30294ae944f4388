import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Badge } from "./Badge.tsx";
import { buttonClassName } from "./Button.tsx";
import { Card } from "./Card.tsx";
import { EmptyState } from "./EmptyState.tsx";
import { FormError } from "./FormError.tsx";
import { LinkButton } from "./LinkButton.tsx";
import { Notice } from "./Notice.tsx";
import { TextField } from "./TextField.tsx";

afterEach(cleanup);

describe("TextField", () => {
  it("labels its input and ties the hint to it", () => {
    render(<TextField label="Password" type="password" hint="At least 10 characters" />);
    const input = screen.getByLabelText("Password");
    expect(input.getAttribute("type")).toBe("password");
    expect(input.getAttribute("aria-invalid")).toBeNull();
    const hintId = input.getAttribute("aria-describedby")!;
    expect(document.getElementById(hintId)?.textContent).toBe("At least 10 characters");
  });

  it("marks the input invalid and describes it with the error as well as the hint", () => {
    render(<TextField label="Password" hint="At least 10 characters" error="This password is too easy to guess" />);
    const input = screen.getByLabelText("Password");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    const described = input
      .getAttribute("aria-describedby")!
      .split(" ")
      .map((id) => document.getElementById(id)?.textContent);
    expect(described).toEqual(["At least 10 characters", "This password is too easy to guess"]);
  });

  it("passes input props through", () => {
    const onChange = vi.fn<() => void>();
    render(<TextField label="Email" name="email" defaultValue="ana@example.com" onChange={onChange} />);
    const input = screen.getByLabelText("Email") as HTMLInputElement;
    expect(input.name).toBe("email");
    expect(input.value).toBe("ana@example.com");
    fireEvent.change(input, { target: { value: "bo@example.com" } });
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it("gives two fields with the same label their own ids", () => {
    render(
      <>
        <TextField label="Name" />
        <TextField label="Name" />
      </>,
    );
    const [first, second] = screen.getAllByLabelText("Name");
    expect(first!.id).not.toBe(second!.id);
  });
});

describe("FormError", () => {
  it("renders nothing without a message", () => {
    const { container } = render(<FormError message={null} />);
    expect(container.innerHTML).toBe("");
  });

  it("shows the message, and anything after it, as an alert", () => {
    render(
      <FormError message="This reset link has expired">
        <a href="/forgot-password">Ask for a new link</a>
      </FormError>,
    );
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain("This reset link has expired");
    expect(screen.getByRole("link", { name: "Ask for a new link" })).toBeTruthy();
  });
});

describe("LinkButton", () => {
  it("is a button that calls onClick, and blocks clicks while busy", () => {
    const onClick = vi.fn<() => void>();
    const { rerender } = render(<LinkButton onClick={onClick}>Resend verification email</LinkButton>);
    const button = screen.getByRole("button", { name: "Resend verification email" });
    expect(button.getAttribute("type")).toBe("button");
    fireEvent.click(button);
    expect(onClick).toHaveBeenCalledTimes(1);

    rerender(
      <LinkButton onClick={onClick} busy>
        Resend verification email
      </LinkButton>,
    );
    expect(button).toHaveProperty("disabled", true);
    expect(button.getAttribute("aria-busy")).toBe("true");
    fireEvent.click(button);
    expect(onClick).toHaveBeenCalledTimes(1);
  });
});

describe("Notice, Badge, EmptyState, Card", () => {
  it("announces a notice politely", () => {
    render(<Notice tone="success">Your name is saved</Notice>);
    expect(screen.getByRole("status").textContent).toBe("Your name is saved");
  });

  it("shows a badge's text", () => {
    render(<Badge tone="glow">This device</Badge>);
    expect(screen.getByText("This device")).toBeTruthy();
  });

  it("shows an empty state's title and guidance", () => {
    render(<EmptyState title="No emails yet">Sign up to send one.</EmptyState>);
    expect(screen.getByText("No emails yet")).toBeTruthy();
    expect(screen.getByText("Sign up to send one.")).toBeTruthy();
  });

  it("names a card's region by its title and shows its description", () => {
    render(
      <Card title="Sessions" description="Where you are signed in">
        <p>list</p>
      </Card>,
    );
    expect(screen.getByRole("region", { name: "Sessions" }).textContent).toContain("Where you are signed in");
  });
});

describe("buttonClassName", () => {
  it("gives a link the look of a button of the chosen variant", () => {
    expect(buttonClassName("secondary", "w-full")).toContain("ring-slate-300");
    expect(buttonClassName("secondary", "w-full")).toContain("w-full");
    expect(buttonClassName()).toContain("bg-glow-600");
  });
});
