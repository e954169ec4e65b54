// Platforms cap message length (Discord 2,000 characters; Slack truncates long text).
// Adapters split longer text into several messages in order, at paragraph, line or word
// boundaries where possible: never truncated, never lost.
export function splitText(text: string, limit: number): string[] {
  if (limit < 1) throw new Error('limit must be positive');
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const window = rest.slice(0, limit);
    let cut = Math.max(window.lastIndexOf('\n\n'), window.lastIndexOf('\n'));
    if (cut < limit / 2) cut = window.lastIndexOf(' ');
    if (cut < limit / 2) cut = limit;
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^\s+/, '');
  }
  if (rest.length > 0 || parts.length === 0) parts.push(rest);
  return parts;
}
