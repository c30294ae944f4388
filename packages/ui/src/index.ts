export { AppShell } from "./AppShell.tsx";
export { Button, type ButtonProps } from "./Button.tsx";
export { Card } from "./Card.tsx";
export { cn } from "./cn.ts";
export { ErrorMessage } from "./ErrorMessage.tsx";
export { Spinner } from "./Spinner.tsx";
export { Stat } from "./Stat.tsx";
export { SystemStatus, type SystemStatusInfo } from "./SystemStatus.tsx";
