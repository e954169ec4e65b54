// Recurring issues: tickets in the same category whose summaries say much the same
// thing ("stream keeps buffering", "buffering on the stream again"). Works on decrypted
// summaries in memory; nothing here is stored. Pure.

export interface RecurringInput {
  ref: string;
  category: string;
  summary: string;
}

export interface RecurringIssue {
  category: string;
  /** The words most of the group's summaries share, most common first. */
  words: string[];
  tickets: string[];
}

const STOPWORDS = new Set(
  `the and for with from that this there their they them then than have has had not but are was were
  been being can cannot cant could would should will just again still when what which while into onto
  out off our ours you your yours his her its it's it’s i'm im ive i've me my mine who whom why how all any
  some very too also only after before during about above below over under more most other same such
  own each few both here where does did doing done get got gets getting keep keeps kept won't wont
  doesnt doesn't didnt didn't isnt isn't arent aren't wasnt wasn't dont don't please help issue problem`
    .split(/\s+/)
    .filter(Boolean),
);

/** Content words of a summary, lightly normalised ("logging in" and "login" meet). */
export function summaryWords(summary: string): Set<string> {
  const text = summary
    .toLowerCase()
    .replace(/\b(log|sign)(?:ging|ed)?\s+(in|on)\b/g, 'login')
    .replace(/\b(log|sign)[\s-]?in\b/g, 'login');
  const words = new Set<string>();
  for (const raw of text.split(/[^\p{L}\p{N}']+/u)) {
    const word = raw.replace(/^'+|'+$/g, '');
    if (word.length < 3 || STOPWORDS.has(word) || /^\d+$/.test(word)) continue;
    // Plurals meet their singular: links → link, videos → video.
    words.add(word.length > 4 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word);
  }
  return words;
}

function similar(a: Set<string>, b: Set<string>): boolean {
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  if (shared >= 2) return true;
  const union = a.size + b.size - shared;
  return union > 0 && shared / union >= 0.5;
}

/** Groups of at least `minSize` similar tickets, largest first. */
export function recurringIssues(items: readonly RecurringInput[], minSize = 2, maxGroups = 5): RecurringIssue[] {
  const groups: RecurringIssue[] = [];
  const byCategory = new Map<string, RecurringInput[]>();
  for (const item of items) byCategory.set(item.category, [...(byCategory.get(item.category) ?? []), item]);
  for (const [category, list] of byCategory) {
    // Cap the pairwise comparison: the newest tickets matter most in a report.
    const recent = list.slice(-2000);
    const words = recent.map((i) => summaryWords(i.summary));
    const parent = recent.map((_, i) => i);
    const find = (i: number): number => {
      while (parent[i] !== i) {
        parent[i] = parent[parent[i]!]!;
        i = parent[i]!;
      }
      return i;
    };
    for (let i = 0; i < recent.length; i++) {
      for (let j = i + 1; j < recent.length; j++) {
        if (words[i]!.size && words[j]!.size && similar(words[i]!, words[j]!)) parent[find(j)] = find(i);
      }
    }
    const clusters = new Map<number, number[]>();
    for (let i = 0; i < recent.length; i++) clusters.set(find(i), [...(clusters.get(find(i)) ?? []), i]);
    for (const members of clusters.values()) {
      if (members.length < minSize) continue;
      const counts = new Map<string, number>();
      for (const i of members) for (const w of words[i]!) counts.set(w, (counts.get(w) ?? 0) + 1);
      const common = [...counts.entries()]
        .filter(([, n]) => n >= Math.max(2, Math.ceil(members.length / 2)))
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, 3)
        .map(([w]) => w);
      groups.push({ category, words: common, tickets: members.map((i) => recent[i]!.ref) });
    }
  }
  return groups
    .sort((a, b) => b.tickets.length - a.tickets.length || a.category.localeCompare(b.category))
    .slice(0, maxGroups);
}
