// Glow's shared coach library (org_id NULL: every business reads it, none can change it): the
// exercises with their bundled test videos and the starter assessment template. Every name is
// made up; ids are derived from stable keys, so seeding twice changes nothing. The rules that
// read these fields are in packages/api/src/modules/coach (scoring.ts, program-rules.ts).
import { fileURLToPath } from "node:url";
import type { Db } from "./client.ts";
import { stableUuid } from "./seed-reset.ts";

/** Where the bundled exercise videos are (320x180 H.264 test patterns; make-videos.sh made them). */
export const COACH_VIDEOS_DIR = fileURLToPath(new URL("../assets/coach-videos", import.meta.url));

/** The bundled videos and their lengths; each exercise points at one by category. */
export const COACH_LIBRARY_VIDEOS = [
  { file: "legs.mp4", seconds: 5 },
  { file: "hinge.mp4", seconds: 4 },
  { file: "push.mp4", seconds: 6 },
  { file: "pull.mp4", seconds: 5 },
  { file: "core.mp4", seconds: 4 },
  { file: "mobility.mp4", seconds: 6 },
  { file: "cardio.mp4", seconds: 5 },
  { file: "carry.mp4", seconds: 4 },
] as const satisfies ReadonlyArray<{ file: string; seconds: number }>;

type VideoFile = (typeof COACH_LIBRARY_VIDEOS)[number]["file"];

/** The storage key a library video is served under. */
export function coachLibraryVideoKey(file: string): string {
  return `library/exercises/${file}`;
}

export interface CoachLibraryExercise {
  /** Stable key the id is derived from. */
  key: string;
  name: string;
  description: string;
  /** The first one that names a movement pattern decides where the program puts it. */
  muscleGroups: string[];
  /** Everything it needs; "bodyweight" when nothing. */
  equipment: string[];
  difficulty: 1 | 2 | 3;
  /** Limitation codes it must never be given to. */
  contraindications: string[];
  measure: "reps" | "time";
  video: VideoFile;
}

type Row = [
  key: string,
  name: string,
  description: string,
  muscles: string,
  equipment: string,
  difficulty: 1 | 2 | 3,
  contra: string,
  measure: "reps" | "time",
];

// Grouped by video; lists are space-separated to keep one exercise on one line.
// prettier-ignore
const GROUPS: Array<[VideoFile, Row[]]> = [
  [
    "legs.mp4",
    [
      ["harbor-squat", "Harbor Squat", "Sit the hips back and down between the heels, chest tall, then stand.", "quads glutes", "bodyweight", 1, "knee", "reps"],
      ["lighthouse-wall-sit", "Lighthouse Wall Sit", "Slide down a wall until the thighs are near level and hold still.", "quads glutes", "bodyweight", 1, "knee hypertension", "time"],
      ["pebble-box-squat", "Pebble Box Squat", "Squat back to touch a bench with control, then drive up through the heels.", "quads glutes", "bench", 1, "knee", "reps"],
      ["meadow-reverse-lunge", "Meadow Reverse Lunge", "Step back into a lunge, lower the back knee softly, return to standing.", "quads glutes", "bodyweight", 1, "knee", "reps"],
      ["orchard-calf-raise", "Orchard Calf Raise", "Rise onto the balls of the feet, pause at the top, lower slowly.", "calves", "bodyweight", 1, "ankle", "reps"],
      ["goblet-tide-squat", "Goblet Tide Squat", "Hold a dumbbell at the chest and squat deep with an upright torso.", "quads glutes core", "dumbbell", 2, "knee lower_back", "reps"],
      ["summit-split-squat", "Summit Split Squat", "With dumbbells in hand, lower straight down in a split stance and press back up.", "quads glutes", "dumbbell", 2, "knee ankle", "reps"],
      ["ridge-step-up", "Ridge Step-Up", "Step onto a bench with one foot and stand tall without pushing off the back leg.", "quads glutes", "bench", 2, "knee ankle", "reps"],
      ["lantern-lateral-lunge", "Lantern Lateral Lunge", "Step wide to one side, sit into that hip with the other leg straight, push back.", "adductors glutes quads", "bodyweight", 2, "knee hip", "reps"],
      ["delta-single-calf-raise", "Delta Single-Leg Calf Raise", "On one foot, rise as high as you can and lower over three seconds.", "calves", "bodyweight", 2, "ankle", "reps"],
      ["canyon-back-squat", "Canyon Back Squat", "With a barbell across the upper back, squat to depth and stand with a braced trunk.", "quads glutes core", "barbell", 3, "knee lower_back hypertension", "reps"],
      ["cliffside-jump-squat", "Cliffside Jump Squat", "Squat, jump explosively, land softly and sink straight into the next rep.", "quads glutes calves", "bodyweight", 3, "knee ankle pregnancy", "reps"],
    ],
  ],
  [
    "hinge.mp4",
    [
      ["willow-glute-bridge", "Willow Glute Bridge", "Lying on your back, drive through the heels to lift the hips, squeeze, lower.", "glutes hamstrings", "bodyweight", 1, "pregnancy", "reps"],
      ["falcon-hip-hinge", "Falcon Hip Hinge", "Push the hips back with a long flat spine until the hamstrings stretch, then stand.", "hamstrings glutes", "bodyweight", 1, "lower_back", "reps"],
      ["ember-band-pull-through", "Ember Band Pull-Through", "Facing away from a low band anchor, hinge back and snap the hips forward.", "glutes hamstrings", "band", 1, "", "reps"],
      ["stillwater-side-leg-raise", "Stillwater Side-Lying Leg Raise", "Lying on one side, lift the top leg slightly behind you and lower with control.", "glutes hips", "bodyweight", 1, "", "reps"],
      ["marsh-single-leg-bridge", "Marsh Single-Leg Bridge", "A glute bridge on one leg, the other knee pulled in, hips level.", "glutes hamstrings", "bodyweight", 2, "pregnancy", "reps"],
      ["timber-romanian-deadlift", "Timber Romanian Deadlift", "Dumbbells slide down the thighs as the hips go back; stand by squeezing the glutes.", "hamstrings glutes back", "dumbbell", 2, "lower_back", "reps"],
      ["bell-tower-swing", "Bell Tower Swing", "Hike the kettlebell back and snap the hips to float it to chest height.", "glutes hamstrings core", "kettlebell", 2, "lower_back pregnancy", "reps"],
      ["sandbar-hip-thrust", "Sandbar Hip Thrust", "Shoulders on a bench and a dumbbell on the hips, drive the hips up to level.", "glutes hamstrings", "dumbbell bench", 2, "", "reps"],
      ["quarry-deadlift", "Quarry Deadlift", "Pull a barbell from the floor with a flat back and lock out with the hips.", "hamstrings glutes back", "barbell", 3, "lower_back hypertension", "reps"],
      ["ridgeback-nordic-curl", "Ridgeback Nordic Curl", "Kneeling with the heels anchored, lower the body forward as slowly as you can.", "hamstrings", "bodyweight", 3, "knee", "reps"],
    ],
  ],
  [
    "push.mp4",
    [
      ["beacon-wall-push-up", "Beacon Wall Push-Up", "Hands on a wall at shoulder height, lower the chest to the wall and press away.", "chest triceps", "bodyweight", 1, "", "reps"],
      ["harbor-incline-push-up", "Harbor Incline Push-Up", "Hands on a sturdy counter or table, body straight, lower and press.", "chest triceps shoulders", "bodyweight", 1, "wrist", "reps"],
      ["prayer-press-hold", "Prayer Press Hold", "Press the palms together hard in front of the chest and breathe steadily.", "chest shoulders", "bodyweight", 1, "hypertension", "time"],
      ["sunrise-band-press", "Sunrise Band Press", "With a band behind the back, press both hands forward to full reach.", "chest shoulders triceps", "band", 1, "", "reps"],
      ["dune-floor-press", "Dune Floor Press", "Lying on the floor, press dumbbells up from elbows resting on the ground.", "chest triceps", "dumbbell", 1, "pregnancy", "reps"],
      ["lighthouse-lateral-raise", "Lighthouse Lateral Raise", "Raise light dumbbells out to the sides to shoulder height, lower slowly.", "shoulders", "dumbbell", 1, "shoulder", "reps"],
      ["tidewater-push-up", "Tidewater Push-Up", "A full push-up: body in one line, chest to a fist's height from the floor.", "chest triceps core", "bodyweight", 2, "wrist shoulder", "reps"],
      ["kestrel-dumbbell-press", "Kestrel Dumbbell Press", "On a bench, press dumbbells from the chest to straight arms.", "chest triceps", "dumbbell bench", 2, "shoulder", "reps"],
      ["skylight-overhead-press", "Skylight Overhead Press", "Standing tall, press dumbbells from the shoulders overhead without arching.", "shoulders triceps", "dumbbell", 2, "shoulder neck", "reps"],
      ["cove-bench-dip", "Cove Bench Dip", "Hands on a bench behind you, bend the elbows to lower the hips and press up.", "triceps chest", "bench", 2, "shoulder wrist", "reps"],
      ["granite-decline-push-up", "Granite Decline Push-Up", "Feet on a bench, hands on the floor, lower the chest and press.", "chest shoulders triceps", "bench", 3, "wrist shoulder hypertension", "reps"],
      ["forge-barbell-press", "Forge Barbell Press", "Lying on a bench, lower a barbell to the chest and press it to lockout.", "chest triceps shoulders", "barbell bench", 3, "shoulder hypertension", "reps"],
      ["pike-peak-press", "Pike Peak Press", "Hips high in a pike, bend the elbows to bring the head toward the floor, press.", "shoulders triceps", "bodyweight", 3, "shoulder wrist neck hypertension", "reps"],
    ],
  ],
  [
    "pull.mp4",
    [
      ["towel-doorway-row", "Towel Doorway Row", "Loop a towel round a door handle, lean back and row your chest to your hands.", "back biceps", "bodyweight", 1, "", "reps"],
      ["current-band-row", "Current Band Row", "Pull a band anchored at chest height to the ribs, elbows close.", "back biceps", "band", 1, "", "reps"],
      ["cascade-band-pull-apart", "Cascade Band Pull-Apart", "Arms straight in front, pull a band apart to the chest, shoulder blades together.", "rear_delts upper_back", "band", 1, "", "reps"],
      ["prone-kite-raise", "Prone Kite Raise", "Lying face down, lift the arms in a Y, then a T, thumbs up, without shrugging.", "upper_back rear_delts", "bodyweight", 1, "pregnancy", "reps"],
      ["scapula-wall-slide", "Scapula Wall Slide", "Back and forearms on a wall, slide the arms up and down keeping contact.", "upper_back shoulders", "bodyweight", 1, "shoulder", "reps"],
      ["skyline-band-pulldown", "Skyline Band Pulldown", "Pull a band anchored overhead down to the chest, leading with the elbows.", "lats biceps", "band", 1, "", "reps"],
      ["trawler-dumbbell-row", "Trawler Dumbbell Row", "One hand and knee on a bench, row a dumbbell to the hip.", "back biceps", "dumbbell bench", 1, "", "reps"],
      ["rope-harbor-curl", "Rope Harbor Curl", "Curl dumbbells with the palms facing in, elbows pinned to the sides.", "biceps", "dumbbell", 1, "", "reps"],
      ["seabird-back-extension", "Seabird Back Extension", "Lying face down, lift the chest and arms a little and hold for a breath.", "back glutes", "bodyweight", 1, "lower_back pregnancy", "reps"],
      ["anchor-inverted-row", "Anchor Inverted Row", "Hanging under a low bar with the body straight, pull the chest to the bar.", "back biceps", "pull_up_bar", 2, "shoulder", "reps"],
      ["keel-bent-over-row", "Keel Bent-Over Row", "Hinged forward with a flat back, row a barbell to the lower ribs.", "back biceps", "barbell", 3, "lower_back", "reps"],
      ["summit-pull-up", "Summit Pull-Up", "From a dead hang, pull the chin over the bar and lower all the way.", "lats back biceps", "pull_up_bar", 3, "shoulder", "reps"],
      ["crest-chin-up", "Crest Chin-Up", "Palms facing you, pull up until the chin clears the bar.", "biceps lats back", "pull_up_bar", 3, "shoulder wrist", "reps"],
      ["ledge-high-pull", "Ledge Kettlebell High Pull", "Drive the hips to pull a kettlebell to chest height, elbows high.", "upper_back shoulders", "kettlebell", 3, "shoulder lower_back", "reps"],
    ],
  ],
  [
    "core.mp4",
    [
      ["driftwood-dead-bug", "Driftwood Dead Bug", "On your back, lower the opposite arm and leg while the lower back stays down.", "core", "bodyweight", 1, "pregnancy", "reps"],
      ["meadow-bird-dog", "Meadow Bird Dog", "On hands and knees, reach the opposite arm and leg long, pause, return.", "core glutes", "bodyweight", 1, "", "reps"],
      ["pier-plank", "Pier Plank", "On the forearms, body in one straight line from head to heels; hold.", "core shoulders", "bodyweight", 1, "wrist", "time"],
      ["compass-band-press", "Compass Band Press", "Side-on to a band anchor, press the band straight out and resist the twist.", "core obliques", "band", 1, "", "reps"],
      ["tidal-breath-brace", "Tidal Breath Brace", "Standing tall, brace the belly as if for a cough and keep breathing behind it.", "core", "bodyweight", 1, "", "time"],
      ["seated-torso-twist", "Seated Torso Twist", "Sitting tall on a chair, rotate slowly to each side from the ribs.", "obliques core", "bodyweight", 1, "", "reps"],
      ["reef-side-plank", "Reef Side Plank", "On one forearm and the side of the feet, lift the hips into a straight line.", "obliques core", "bodyweight", 2, "shoulder wrist", "time"],
      ["gale-woodchopper", "Gale Woodchopper", "Rotate a dumbbell from one hip up across the body to the opposite shoulder.", "obliques core shoulders", "dumbbell", 2, "lower_back", "reps"],
      ["grizzly-hold", "Grizzly Hold", "On hands and toes with the knees an inch off the floor, hold still.", "core shoulders quads", "bodyweight", 2, "wrist", "time"],
      ["hollow-rapids", "Hollow Rapids", "Lying on your back in a hollow shape, rock gently while keeping it.", "core", "bodyweight", 3, "lower_back pregnancy neck", "reps"],
      ["summit-long-plank", "Summit Long-Lever Plank", "A plank with the hands far ahead of the shoulders; hold without sagging.", "core shoulders", "bodyweight", 3, "wrist shoulder lower_back hypertension", "time"],
    ],
  ],
  [
    "mobility.mp4",
    [
      ["ripple-cat-cow", "Ripple Cat-Cow", "On hands and knees, round the back up, then let it sink, one vertebra at a time.", "spine", "bodyweight", 1, "", "reps"],
      ["loom-rotation", "Loom Rotation", "On hands and knees, thread one arm under the body, then open it to the ceiling.", "thoracic shoulders", "bodyweight", 1, "", "reps"],
      ["horizon-lunge-stretch", "Horizon Lunge Stretch", "In a long lunge, sink the hips and reach the inside arm up and round.", "hips thoracic", "bodyweight", 1, "knee", "time"],
      ["pivot-hips", "Pivot Hips", "Seated with both knees bent to one side, rotate them over to the other side.", "hips", "bodyweight", 1, "hip knee", "reps"],
      ["shoreline-rest", "Shoreline Rest", "Kneel, sit the hips to the heels and walk the hands forward; breathe.", "spine hips", "bodyweight", 1, "knee", "time"],
      ["gateway-chest-stretch", "Gateway Chest Stretch", "Forearm on a door frame, step through gently until the chest opens.", "thoracic chest", "bodyweight", 1, "shoulder", "time"],
      ["reed-hamstring-sway", "Reed Hamstring Sway", "Standing, one heel forward, hinge gently over the straight leg and hold.", "hips hamstrings", "bodyweight", 1, "", "time"],
      ["quiet-neck-release", "Quiet Neck Release", "Sitting tall, tilt one ear toward the shoulder and breathe into the stretch.", "spine", "bodyweight", 1, "neck", "time"],
      ["tidepool-ankle-rock", "Tidepool Ankle Rock", "In a half-kneel, rock the front knee over the toes with the heel down.", "mobility calves", "bodyweight", 1, "knee ankle", "reps"],
      ["arc-band-pass", "Arc Band Pass", "Holding a band wide, sweep it overhead and behind you with straight arms.", "thoracic shoulders", "band", 2, "shoulder", "reps"],
      ["valley-deep-squat-hold", "Valley Deep Squat Hold", "Sink into your deepest comfortable squat, elbows nudging the knees out.", "hips quads", "bodyweight", 2, "knee hip", "time"],
    ],
  ],
  [
    "cardio.mp4",
    [
      ["drum-march", "Drum March", "March on the spot, knees to hip height, arms pumping.", "cardio", "bodyweight", 1, "", "time"],
      ["low-tide-step-jack", "Low Tide Step Jack", "Step one foot out as the arms rise, step back; alternate sides, no jumping.", "cardio full_body", "bodyweight", 1, "", "time"],
      ["sparrow-shadow-boxing", "Sparrow Shadow Boxing", "Light on the feet, throw quick straight punches and keep the guard up.", "cardio shoulders", "bodyweight", 1, "", "time"],
      ["seated-punch-rally", "Seated Punch Rally", "Sitting tall on a chair, punch forward and up at a brisk pace.", "cardio shoulders", "bodyweight", 1, "", "time"],
      ["starburst-jacks", "Starburst Jacks", "Jump the feet wide as the arms sweep overhead, jump back together.", "cardio full_body", "bodyweight", 1, "knee ankle pregnancy", "time"],
      ["slope-climber", "Slope Climber", "From a high plank, drive the knees to the chest one after the other.", "cardio core", "bodyweight", 2, "wrist shoulder", "time"],
      ["glacier-skater", "Glacier Skater", "Bound sideways from one foot to the other, landing softly.", "cardio glutes", "bodyweight", 2, "knee ankle", "time"],
      ["pistonburst-high-knees", "Pistonburst High Knees", "Run on the spot bringing the knees above the hips.", "cardio", "bodyweight", 2, "knee hip ankle pregnancy", "time"],
      ["thunderhead-burpee", "Thunderhead Burpee", "Squat, kick back to a plank, return and jump up with the arms overhead.", "full_body cardio", "bodyweight", 3, "knee wrist shoulder lower_back pregnancy hypertension", "reps"],
      ["kettle-drum-swing-burst", "Kettle Drum Swing Burst", "Fast, light kettlebell swings for the whole interval.", "cardio glutes", "kettlebell", 3, "lower_back pregnancy", "time"],
    ],
  ],
  [
    "carry.mp4",
    [
      ["heron-stand", "Heron Stand", "Balance on one foot, standing tall, near a wall for safety.", "calves core", "bodyweight", 1, "ankle", "time"],
      ["caravan-carry", "Caravan Carry", "Walk tall with a heavy dumbbell in each hand, shoulders down.", "core upper_back glutes", "dumbbell", 2, "", "time"],
      ["lone-satchel-carry", "Lone Satchel Carry", "Walk with a kettlebell in one hand without leaning toward it.", "obliques core", "kettlebell", 2, "lower_back", "time"],
      ["lantern-overhead-carry", "Lantern Overhead Carry", "Walk slowly with a kettlebell locked out overhead.", "shoulders core", "kettlebell", 3, "shoulder neck", "time"],
    ],
  ],
];

const words = (list: string) => list.split(" ").filter(Boolean);

export const COACH_LIBRARY_EXERCISES: CoachLibraryExercise[] = GROUPS.flatMap(([video, rows]) =>
  rows.map(([key, name, description, muscles, equipment, difficulty, contra, measure]) => ({
    key,
    name,
    description,
    muscleGroups: words(muscles),
    equipment: words(equipment),
    difficulty,
    contraindications: words(contra),
    measure,
    video,
  })),
);

const yesNo = (id: string, prompt: string) => ({ id, kind: "yes_no", prompt, required: true, section: "screening", stopIfYes: true });

/**
 * The starter assessment (PAR-Q-style screening, profile, fitness, goals, limitations,
 * equipment). Its questions follow packages/api's templateQuestionsSchema, which a test there
 * checks; the scoring hints (points, bands, goal, limitation, equipment) are read by scoring.ts.
 */
export const COACH_DEFAULT_TEMPLATE = {
  name: "Starter assessment",
  description:
    "A short health screening, then your activity, fitness, goals, limitations and equipment, so your first program fits you. About five minutes.",
  questions: [
    yesNo("parq_heart", "Has a doctor ever said you have a heart condition?"),
    yesNo("parq_chest_pain", "Do you feel pain in your chest at rest, during daily activities or when you are active?"),
    yesNo("parq_dizziness", "Do you lose your balance because of dizziness, or have you lost consciousness in the last 12 months?"),
    yesNo(
      "parq_condition",
      "Do you have a chronic medical condition, other than controlled high blood pressure, that is not under control?",
    ),
    yesNo("parq_medication", "Are you taking medication for a condition that your doctor has not cleared you to exercise with?"),
    yesNo("parq_joint", "Has a doctor told you not to exercise because of a bone, joint or soft-tissue problem?"),
    yesNo("parq_supervised", "Has a doctor ever said you should only do medically supervised physical activity?"),
    {
      id: "age",
      kind: "number",
      prompt: "How old are you?",
      required: true,
      section: "profile",
      unit: "years",
      min: 16,
      max: 100,
      integer: true,
      reads: "age",
    },
    {
      id: "weight",
      kind: "number",
      prompt: "What do you weigh?",
      help: "Optional. It helps your coach suggest starting loads.",
      required: false,
      section: "profile",
      unit: "kg",
      min: 30,
      max: 300,
      integer: false,
      reads: "weight",
    },
    {
      id: "training_days",
      kind: "single",
      prompt: "How many days a week can you train?",
      required: true,
      section: "profile",
      options: [
        { id: "two", label: "2 days", sessionsPerWeek: 2 },
        { id: "three", label: "3 days", sessionsPerWeek: 3 },
        { id: "four", label: "4 days", sessionsPerWeek: 4 },
        { id: "five", label: "5 days or more", sessionsPerWeek: 5 },
      ],
    },
    {
      id: "equipment",
      kind: "multi",
      prompt: "What equipment do you have where you train?",
      help: "Bodyweight exercises are always included.",
      required: true,
      section: "profile",
      options: [
        { id: "dumbbell", label: "Dumbbells", equipment: "dumbbell" },
        { id: "kettlebell", label: "Kettlebell", equipment: "kettlebell" },
        { id: "band", label: "Resistance band", equipment: "band" },
        { id: "barbell", label: "Barbell and plates", equipment: "barbell" },
        { id: "bench", label: "Bench or sturdy box", equipment: "bench" },
        { id: "pull_up_bar", label: "Pull-up bar", equipment: "pull_up_bar" },
        { id: "mat", label: "Exercise mat", equipment: "mat" },
        { id: "nothing", label: "Nothing: bodyweight only", exclusive: true },
      ],
    },
    {
      id: "activity_level",
      kind: "single",
      prompt: "How active are you on a typical week?",
      required: true,
      section: "fitness",
      options: [
        { id: "sedentary", label: "Mostly sitting, little exercise", points: 0 },
        { id: "light", label: "Light activity: walks, occasional exercise", points: 8 },
        { id: "moderate", label: "Exercise 2–3 times a week", points: 16 },
        { id: "very", label: "Hard training 4 or more times a week", points: 25 },
      ],
    },
    {
      id: "pushups",
      kind: "number",
      prompt: "How many push-ups can you do in one minute?",
      help: "Full push-ups with good form; knee push-ups count half. 0 is a fine answer.",
      required: true,
      section: "fitness",
      unit: "reps",
      min: 0,
      max: 150,
      integer: true,
      bands: [
        { atLeast: 5, points: 5 },
        { atLeast: 10, points: 10 },
        { atLeast: 20, points: 15 },
        { atLeast: 30, points: 20 },
        { atLeast: 40, points: 25 },
      ],
    },
    {
      id: "weekly_minutes",
      kind: "number",
      prompt: "How many minutes of exercise do you do in a week?",
      required: true,
      section: "fitness",
      unit: "min",
      min: 0,
      max: 2000,
      integer: true,
      bands: [
        { atLeast: 30, points: 5 },
        { atLeast: 90, points: 10 },
        { atLeast: 150, points: 15 },
        { atLeast: 225, points: 20 },
        { atLeast: 300, points: 25 },
      ],
    },
    {
      id: "fitness_rating",
      kind: "scale",
      prompt: "How fit do you feel today?",
      required: true,
      section: "fitness",
      min: 1,
      max: 5,
      minLabel: "Just starting",
      maxLabel: "Very fit",
      points: 25,
    },
    {
      id: "goals",
      kind: "multi",
      prompt: "What do you want from your training?",
      help: "Pick up to three; the first you pick in this list leads your program.",
      required: true,
      section: "goals",
      minChoices: 1,
      maxChoices: 3,
      options: [
        { id: "strength", label: "Get stronger", goal: "strength" },
        { id: "fat_loss", label: "Lose fat", goal: "fat_loss" },
        { id: "endurance", label: "Build stamina", goal: "endurance" },
        { id: "mobility", label: "Move more freely", goal: "mobility" },
        { id: "general", label: "Feel fitter overall", goal: "general" },
      ],
    },
    {
      id: "limitations",
      kind: "multi",
      prompt: "Do any of these apply to you?",
      help: "Exercises that could aggravate them are left out of your program.",
      required: true,
      section: "limitations",
      options: [
        { id: "knee", label: "Knee injury or pain", limitation: "knee" },
        { id: "lower_back", label: "Lower back pain", limitation: "lower_back" },
        { id: "shoulder", label: "Shoulder injury or pain", limitation: "shoulder" },
        { id: "wrist", label: "Wrist pain", limitation: "wrist" },
        { id: "hip", label: "Hip injury or pain", limitation: "hip" },
        { id: "ankle", label: "Ankle injury or instability", limitation: "ankle" },
        { id: "neck", label: "Neck pain", limitation: "neck" },
        { id: "pregnancy", label: "I am pregnant", limitation: "pregnancy" },
        { id: "none", label: "None of these", exclusive: true },
      ],
    },
    {
      id: "blood_pressure",
      kind: "yes_no",
      prompt: "Do you have high blood pressure that is controlled with treatment?",
      help: "Long breath-holding holds and heavy straining lifts are then left out.",
      required: true,
      section: "limitations",
      limitationIfYes: "hypertension",
    },
  ],
};

/** The starter template's id (stable, so a server can point at it). */
export const COACH_DEFAULT_TEMPLATE_ID = stableUuid("coach-template:starter");

export function coachExerciseId(key: string): string {
  return stableUuid(`coach-exercise:${key}`);
}

/**
 * Inserts the shared library (org_id NULL) on the owner connection: the exercises with their
 * video keys and lengths, and the starter template. Idempotent: what exists is left alone.
 */
export async function seedCoachLibrary(db: Db): Promise<void> {
  const seconds = new Map<string, number>(COACH_LIBRARY_VIDEOS.map((v) => [v.file, v.seconds]));
  await db.coachExercise.createMany({
    data: COACH_LIBRARY_EXERCISES.map((exercise) => ({
      id: coachExerciseId(exercise.key),
      orgId: null,
      name: exercise.name,
      description: exercise.description,
      muscleGroups: exercise.muscleGroups,
      equipment: exercise.equipment,
      difficulty: exercise.difficulty,
      contraindications: exercise.contraindications,
      measure: exercise.measure,
      videoKey: coachLibraryVideoKey(exercise.video),
      videoSeconds: seconds.get(exercise.video)!,
    })),
    skipDuplicates: true,
  });
  await db.coachTemplate.createMany({
    data: [
      {
        id: COACH_DEFAULT_TEMPLATE_ID,
        orgId: null,
        name: COACH_DEFAULT_TEMPLATE.name,
        description: COACH_DEFAULT_TEMPLATE.description,
        questions: COACH_DEFAULT_TEMPLATE.questions,
      },
    ],
    skipDuplicates: true,
  });
}
