/**
 * The command palette's matching: every typed word must appear in the entry's label or
 * hint (cmdk's default fuzzy match lets "audit" match half the list). Entries whose label
 * holds the whole query rank first.
 */
export function paletteFilter(value: string, search: string, keywords: readonly string[] = []): number {
  const query = search.trim().toLowerCase();
  if (!query) return 1;
  const label = value.toLowerCase();
  const haystack = `${label} ${keywords.join(" ").toLowerCase()}`;
  if (!query.split(/\s+/).every((word) => haystack.includes(word))) return 0;
  return label.includes(query) ? 1 : 0.5;
}
