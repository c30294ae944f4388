// Development catalog for the reset module: 10 categories, 60 creators (20 of them
// flagged toxic) and 200 curated videos. Every name is made up; ids are derived from the
// names, so seeding twice changes nothing.
import { createHash } from "node:crypto";
import type { Db } from "./client.ts";

interface CategorySeed {
  slug: string;
  name: string;
  emoji: string;
  description: string;
  /** Words the made-up creator handles and video titles are built from. */
  nouns: string[];
  topics: string[];
}

export const RESET_CATEGORIES: CategorySeed[] = [
  {
    slug: "fitness",
    name: "Fitness & movement",
    emoji: "🏃",
    description: "Workouts, mobility and everyday movement",
    nouns: ["stride", "kettle", "stretch", "sprint", "core", "tempo"],
    topics: [
      "a 10-minute mobility flow",
      "kettlebell basics",
      "desk-break stretches",
      "beginner running form",
      "core without crunches",
      "recovery days that work",
    ],
  },
  {
    slug: "cooking",
    name: "Cooking",
    emoji: "🍳",
    description: "Simple recipes and kitchen skills",
    nouns: ["skillet", "saffron", "crumb", "simmer", "pantry", "zest"],
    topics: [
      "one-pan weeknight dinners",
      "knife skills in five minutes",
      "bread with four ingredients",
      "meal prep for lazy people",
      "spice blends from scratch",
      "soups that freeze well",
    ],
  },
  {
    slug: "science",
    name: "Science & nature",
    emoji: "🔭",
    description: "How the world works, explained well",
    nouns: ["quark", "fern", "tide", "orbit", "lichen", "prism"],
    topics: [
      "why the sky is blue",
      "how tides really work",
      "the secret life of moss",
      "a tour of the night sky",
      "what clouds are made of",
      "tiny animals in pond water",
    ],
  },
  {
    slug: "books",
    name: "Books & writing",
    emoji: "📚",
    description: "Reading lists and writing craft",
    nouns: ["margin", "quill", "chapter", "inkwell", "folio", "verse"],
    topics: [
      "five novels that hook fast",
      "how to keep a reading habit",
      "writing your first short story",
      "poetry for people who hate poetry",
      "annotating without guilt",
      "libraries worth visiting",
    ],
  },
  {
    slug: "music",
    name: "Music practice",
    emoji: "🎸",
    description: "Learning instruments and theory",
    nouns: ["chord", "metronome", "riff", "octave", "fret", "groove"],
    topics: [
      "three chords, fifty songs",
      "practising with a metronome",
      "ear training in the car",
      "reading rhythm made simple",
      "warm-ups for singers",
      "home recording on a budget",
    ],
  },
  {
    slug: "mindfulness",
    name: "Mindfulness",
    emoji: "🧘",
    description: "Calm, focus and better sleep",
    nouns: ["breath", "stillness", "lantern", "meadow", "pause", "ember"],
    topics: [
      "a two-minute breathing reset",
      "winding down for sleep",
      "walking meditation",
      "journaling prompts for busy days",
      "noticing without judging",
      "a calmer morning routine",
    ],
  },
  {
    slug: "money",
    name: "Personal finance",
    emoji: "💶",
    description: "Budgeting and saving without the hype",
    nouns: ["ledger", "piggy", "budget", "compound", "coin", "tally"],
    topics: [
      "a budget you can keep",
      "what an index fund is",
      "building an emergency fund",
      "cutting subscriptions painlessly",
      "reading a payslip",
      "saving for a first home",
    ],
  },
  {
    slug: "art",
    name: "Art & design",
    emoji: "🎨",
    description: "Drawing, painting and making things",
    nouns: ["canvas", "gouache", "sketch", "palette", "charcoal", "linework"],
    topics: [
      "drawing hands without fear",
      "watercolour washes",
      "colour theory in one minute",
      "sketchbook habits",
      "lettering basics",
      "designing a simple logo",
    ],
  },
  {
    slug: "languages",
    name: "Language learning",
    emoji: "🗣️",
    description: "Picking up a new language, bit by bit",
    nouns: ["lingo", "phrase", "accent", "syllable", "grammar", "idiom"],
    topics: [
      "ten phrases for travel",
      "shadowing for pronunciation",
      "spaced repetition explained",
      "idioms that make no sense",
      "thinking in another language",
      "learning with podcasts",
    ],
  },
  {
    slug: "comedy",
    name: "Wholesome comedy",
    emoji: "😄",
    description: "Laughs without the cruelty",
    nouns: ["giggle", "pun", "sitcom", "banana", "whimsy", "doodle"],
    topics: [
      "office life sketches",
      "dad jokes, rated",
      "pets with opinions",
      "impressions of household objects",
      "improv games",
      "tiny stand-up sets",
    ],
  },
];

const TOXICITY_REASONS = [
  "Rage bait: stages fights for views",
  "Health misinformation",
  "Get-rich-quick schemes",
  "Body shaming",
  "Engagement farming with fake giveaways",
  "Harassment of other creators",
];

const FIRST_NAMES = [
  "Ari",
  "Bea",
  "Cal",
  "Dev",
  "Eli",
  "Fen",
  "Gus",
  "Hal",
  "Ida",
  "Jo",
  "Kit",
  "Lou",
  "Mae",
  "Nia",
  "Oz",
  "Pip",
  "Quin",
  "Rue",
  "Sol",
  "Tam",
];

/** A UUID derived from a name, so re-seeding finds the same rows. */
export function stableUuid(name: string): string {
  const hex = createHash("sha256").update(`glow-reset:${name}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function stableNumber(name: string, modulo: number): number {
  return Number.parseInt(createHash("sha256").update(name).digest("hex").slice(0, 8), 16) % modulo;
}

export interface ResetCatalog {
  categories: Array<{ id: string; slug: string; name: string; emoji: string; description: string }>;
  creators: Array<{ id: string; handle: string; displayName: string; categoryId: string; isToxic: boolean; toxicityReason: string | null }>;
  videos: Array<{
    id: string;
    url: string;
    title: string;
    creatorId: string;
    categoryId: string;
    durationSeconds: number;
    thumbnailUrl: string;
  }>;
}

export function buildResetCatalog(): ResetCatalog {
  const catalog: ResetCatalog = { categories: [], creators: [], videos: [] };
  RESET_CATEGORIES.forEach((category, c) => {
    const categoryId = stableUuid(`category:${category.slug}`);
    catalog.categories.push({
      id: categoryId,
      slug: category.slug,
      name: category.name,
      emoji: category.emoji,
      description: category.description,
    });
    for (let k = 0; k < 6; k++) {
      const isToxic = k >= 4; // two of six per category
      const person = FIRST_NAMES[(c * 6 + k) % FIRST_NAMES.length]!;
      const noun = category.nouns[k]!;
      const handle = `${noun}.${person.toLowerCase()}${isToxic ? "_official" : ""}`;
      const creatorId = stableUuid(`creator:${handle}`);
      catalog.creators.push({
        id: creatorId,
        handle,
        displayName: `${person} ${noun[0]!.toUpperCase()}${noun.slice(1)}`,
        categoryId,
        isToxic,
        toxicityReason: isToxic ? TOXICITY_REASONS[(c + k) % TOXICITY_REASONS.length]! : null,
      });
      if (isToxic) continue;
      for (let v = 0; v < 5; v++) {
        const topic = category.topics[(k + v) % category.topics.length]!;
        const key = `video:${handle}:${v}`;
        const tiktokId = `7${String(stableNumber(key, 1e9)).padStart(9, "0")}${String(stableNumber(`${key}#`, 1e9)).padStart(9, "0")}`;
        catalog.videos.push({
          id: stableUuid(key),
          url: `https://www.tiktok.com/@${handle}/video/${tiktokId}`,
          title: `${topic[0]!.toUpperCase()}${topic.slice(1)}${v > 2 ? ` (part ${v - 1})` : ""}`,
          creatorId,
          categoryId,
          durationSeconds: 15 + stableNumber(key, 166),
          thumbnailUrl: `/thumbnails/${category.slug}.svg`,
        });
      }
    }
  });
  return catalog;
}

/** Inserts the catalog; rows that exist (same derived id) are left as they are. */
export async function seedResetCatalog(db: Db): Promise<void> {
  const catalog = buildResetCatalog();
  await db.category.createMany({ data: catalog.categories, skipDuplicates: true });
  await db.curatedCreator.createMany({ data: catalog.creators, skipDuplicates: true });
  await db.curatedVideo.createMany({ data: catalog.videos, skipDuplicates: true });
}
