import type { ProductCardProps } from "@glow/ui";

/** A product of Glow as the front page shows it; a live one has a way in for visitors. */
export type Product = Omit<ProductCardProps, "action" | "className" | "status"> &
  ({ status: "live"; start: { label: string; to: string }; tryIt?: { label: string; to: string } } | { status: "coming-soon" });

/**
 * Glow's five products, in the order the front page lists them. Each module switches its
 * entry to live (with its way in) when it lands. Coming ones stay listed, marked "Coming
 * soon" and without a link: the page says five products share one account, so a visitor
 * sees what that account will hold, and nothing promises more than a label.
 */
export const PRODUCTS: readonly Product[] = [
  {
    id: "reset",
    name: "Reset",
    tagline: "A 7-day plan to reset your TikTok For You feed",
    description:
      "Pick what you want more of. Each day Glow gives you a plan of three short steps, and a 7-day challenge keeps you going until your feed shows what you came for.",
    steps: [
      { name: "Clear", description: "Block the creators who drag your feed down." },
      { name: "Watch", description: "Watch curated videos you want more of." },
      { name: "Reinforce", description: "Rewatch a favorite so the feed learns it." },
    ],
    status: "live",
    start: { label: "Start the 7-day reset", to: "/sign-up" },
  },
  {
    id: "coach",
    name: "Coach",
    tagline: "Training with your gym or coach",
    description: "Answer an assessment, get a workout program made for you, follow exercise videos and track your progress.",
    steps: [
      { name: "Invite", description: "A gym or coach creates its business and invites you by email." },
      { name: "Assess", description: "Answer a short assessment: it is scored and a program is made for you." },
      { name: "Train", description: "Follow the program with exercise videos and log each workout." },
    ],
    status: "live",
    // A business starts here; its clients come in through their invitation link.
    start: { label: "Start coaching", to: "/sign-up?next=/orgs/new" },
  },
  {
    id: "publish",
    name: "Publish",
    tagline: "Your social accounts in one place",
    description: "Write a post once, schedule it to several platforms, answer every message from one inbox, with help on captions.",
    steps: [
      { name: "Connect", description: "Connect your social accounts to a workspace." },
      { name: "Compose", description: "Write once, adapt per platform, with a preview and its limits." },
      { name: "Schedule", description: "Pick a time or a weekly slot: Glow publishes it then, everywhere." },
    ],
    status: "live",
    start: { label: "Start publishing", to: "/sign-up?next=/publish" },
    tryIt: { label: "Try the demo", to: "/publish/demo" },
  },
  {
    id: "shop",
    name: "Shop",
    tagline: "Beauty products and the artists who use them",
    description: "Browse products and reels, chat with sellers and artists, book an artist and check out with one cart.",
    status: "coming-soon",
  },
  {
    id: "community",
    name: "Community",
    tagline: "Talk with people who share your interests",
    description: "Post, comment and follow conversations with the rest of Glow's community.",
    status: "coming-soon",
  },
];
