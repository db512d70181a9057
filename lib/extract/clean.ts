/**
 * Cleaning scraped article text. Only junk is removed; everything else is kept character for
 * character, so a junk-free text round-trips exactly and spans computed on the clean text are
 * valid for the caller's copy too.
 */

/** Lines that are scraper junk as a whole. */
const JUNK_LINE = new RegExp(
  [
    String.raw`\[\s*ad[_\s-]?\d*\s*\]`,
    String.raw`advertisement`,
    String.raw`advertisements?\s*[-–—:]?\s*(?:scroll|continue)[\w\s]*`,
    String.raw`(?:scroll|continue)\s+(?:down\s+)?to\s+(?:continue|read)[\w\s]*`,
    String.raw`sponsored(?:\s+content)?`,
    String.raw`(?:share|tweet|email|print)(?:\s+(?:this|the))?(?:\s+(?:article|story|post|page))?(?:\s+(?:on|via|with)\s+[\w\s,&|/]+)?`,
    String.raw`(?:share|follow us)\s*(?:on|:)?\s*(?:facebook|twitter|x|whatsapp|telegram|linkedin|reddit|email|instagram)(?:[\s,|/•·]+(?:facebook|twitter|x|whatsapp|telegram|linkedin|reddit|email|instagram))*`,
    String.raw`(?:facebook|twitter|whatsapp|telegram|linkedin|reddit|email|instagram)(?:[\s,|/•·]+(?:facebook|twitter|whatsapp|telegram|linkedin|reddit|email|instagram))+`,
    String.raw`(?:click here to |please )?(?:subscribe|sign up)\b.{0,80}`,
    String.raw`(?:get|receive) (?:our|the) .{0,40}newsletter.{0,40}`,
    String.raw`follow us on .{0,60}`,
    String.raw`(?:read|see) (?:more|also)\s*:?.{0,100}`,
    String.raw`related(?: articles?| stories| news| content)?\s*:?`,
    String.raw`(?:this )?article continues (?:below|after).{0,40}`,
    String.raw`(?:all rights reserved|copyright ©?).{0,80}`,
    String.raw`<[^>]*>(?:\s*<[^>]*>)*`,
  ]
    .map((p) => `(?:${p})`)
    .join('|')
    .replace(/^/, '^(?:')
    .concat(')$'),
  'i',
);

/** Inline junk: ad placeholders and HTML tags (with the few entities scrapers leave). */
const INLINE_AD = /[ \t]?\[\s*ad[_\s-]?\d*\s*\]/gi;
const HTML_TAG = /<\/?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?\/?>|<!--[\s\S]*?-->/g;
const BLOCK_TAG =
  /^<\/?(?:p|div|br|li|ul|ol|h[1-6]|section|article|header|footer|blockquote|tr|td|table|figure|figcaption)\b/i;
const ENTITIES: Record<string, string> = {
  '&nbsp;': ' ',
  '&amp;': '&',
  '&quot;': '"',
  '&#39;': "'",
  '&apos;': "'",
  '&lt;': '<',
  '&gt;': '>',
  '&rsquo;': '’',
  '&lsquo;': '‘',
  '&ldquo;': '“',
  '&rdquo;': '”',
  '&mdash;': '—',
  '&ndash;': '–',
};
const ENTITY = /&(?:nbsp|amp|quot|#39|apos|lt|gt|rsquo|lsquo|ldquo|rdquo|mdash|ndash);/g;

interface Line {
  text: string;
  /** The line break that ended it ('' for the last line). */
  eol: string;
  junk: boolean;
  edited: boolean;
}

function isBlank(text: string): boolean {
  return text.trim() === '';
}

function splitLines(raw: string): Line[] {
  const lines: Line[] = [];
  const re = /\r\n|\n|\r/g;
  let start = 0;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    lines.push({ text: raw.slice(start, m.index), eol: m[0], junk: false, edited: false });
    start = m.index + m[0].length;
  }
  lines.push({ text: raw.slice(start), eol: '', junk: false, edited: false });
  return lines;
}

function stripInline(text: string): string {
  const hadMarkup = /<[^>]+>|&[#\w]+;/.test(text);
  let out = text.replace(INLINE_AD, '');
  if (hadMarkup) {
    out = out
      .replace(HTML_TAG, (tag, offset: number, whole: string) => {
        // A block tag between two words separates them; an inline one just goes.
        const before = whole[offset - 1] ?? ' ';
        const after = whole[offset + tag.length] ?? ' ';
        return BLOCK_TAG.test(tag) && /\S/.test(before) && /\S/.test(after) ? ' ' : '';
      })
      .replace(ENTITY, (e) => ENTITIES[e] ?? e);
  }
  const indent = /^[ \t]*/.exec(text)?.[0] ?? '';
  return indent + out.trimStart().replace(/[ \t]+$/, '');
}

export function cleanText(raw: string): string {
  const lines = splitLines(raw);
  let changed = false;
  for (const line of lines) {
    const trimmed = line.text.trim();
    if (trimmed !== '' && trimmed.length <= 160 && JUNK_LINE.test(trimmed)) {
      line.junk = true;
      changed = true;
      continue;
    }
    if (/\[\s*ad|<[^>]+>|&[#\w]+;/i.test(line.text)) {
      const stripped = stripInline(line.text);
      if (stripped !== line.text) {
        changed = true;
        if (isBlank(stripped)) line.junk = true;
        else {
          line.text = stripped;
          line.edited = true;
        }
      }
    }
  }
  if (!changed) return raw;
  return joinKept(lines);
}

/**
 * Drops junk lines and the blank lines their removal leaves: where junk sat between two runs of
 * blank lines, the runs merge into the longer of the two; at the start and end of the text the
 * blank lines next to removed junk go too.
 */
function joinKept(lines: Line[]): string {
  const kept: Line[] = [];
  let blankRun: Line[] = [];
  let removedSinceText = false;
  let previousBlankRun: Line[] = [];
  for (const line of lines) {
    if (line.junk) {
      removedSinceText = true;
      previousBlankRun = longer(previousBlankRun, blankRun);
      blankRun = [];
      continue;
    }
    if (isBlank(line.text)) {
      blankRun.push(line);
      continue;
    }
    const run = removedSinceText ? longer(previousBlankRun, blankRun) : blankRun;
    if (kept.length > 0) kept.push(...run);
    else if (!removedSinceText) kept.push(...run);
    kept.push(line);
    blankRun = [];
    previousBlankRun = [];
    removedSinceText = false;
  }
  if (!removedSinceText) kept.push(...blankRun);
  let out = '';
  kept.forEach((line, i) => {
    out += line.text + (i < kept.length - 1 ? line.eol || '\n' : removedSinceText ? '' : line.eol);
  });
  return out;
}

function longer(a: Line[], b: Line[]): Line[] {
  return b.length > a.length ? b : a;
}
