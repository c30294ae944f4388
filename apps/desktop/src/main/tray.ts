// The tray (menu bar on macOS) icon: a Glow dot, with a red mark and a count in its
// tooltip and menu while changes wait to be sent.
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions, type NativeImage } from "electron";

const GLOW = [0xd9, 0x46, 0xef] as const; // glow-500 as RGB
const ALERT = [0xdc, 0x26, 0x26] as const; // red-600

/** A square BGRA bitmap: a filled dot, plus a red mark at the top right when `alert`. */
export function drawTrayIcon(size: number, alert: boolean): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  const paint = (cx: number, cy: number, radius: number, [r, g, b]: readonly [number, number, number]) => {
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        // Coverage of the pixel's centre, softened over one pixel for a smooth edge.
        const distance = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
        const coverage = Math.max(0, Math.min(1, radius - distance + 0.5));
        if (coverage === 0) continue;
        const offset = (y * size + x) * 4;
        pixels[offset] = b;
        pixels[offset + 1] = g;
        pixels[offset + 2] = r;
        pixels[offset + 3] = Math.max(pixels[offset + 3]!, Math.round(coverage * 255));
      }
    }
  };
  paint(size / 2, size / 2, size * 0.38, GLOW);
  if (alert) paint(size * 0.78, size * 0.22, size * 0.22, ALERT);
  return pixels;
}

export function trayIcon(alert: boolean): NativeImage {
  const size = 32;
  return nativeImage.createFromBitmap(drawTrayIcon(size, alert), { width: size, height: size, scaleFactor: 2 });
}

export function trayTooltip(alertCount: number): string {
  if (alertCount === 0) return "Glow";
  return `Glow: ${alertCount} ${alertCount === 1 ? "change waits" : "changes wait"} to be sent`;
}

export interface TrayActions {
  open(): void;
  showQueue(): void;
  quit(): void;
}

export function trayMenuTemplate(alertCount: number, actions: TrayActions): MenuItemConstructorOptions[] {
  return [
    { label: "Open Glow", click: actions.open },
    {
      label: alertCount === 0 ? "No Queued Changes" : `Queued Changes (${alertCount})…`,
      enabled: alertCount > 0,
      click: actions.showQueue,
    },
    { type: "separator" },
    { label: "Quit Glow", click: actions.quit },
  ];
}

export interface GlowTray {
  setAlertCount(count: number): void;
}

export function createTray(actions: TrayActions): GlowTray {
  const tray = new Tray(trayIcon(false));
  let shown = -1;
  const setAlertCount = (count: number) => {
    if (count === shown) return;
    shown = count;
    tray.setImage(trayIcon(count > 0));
    tray.setToolTip(trayTooltip(count));
    // macOS shows text beside the menu bar icon.
    if (process.platform === "darwin") tray.setTitle(count > 0 ? String(count) : "");
    tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(count, actions)));
  };
  tray.on("click", actions.open);
  setAlertCount(0);
  return { setAlertCount };
}
