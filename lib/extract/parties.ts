/**
 * Merging party mentions into parties and resolving references back to them. One party per
 * canonical name (compared with foldName), so "Azeri forces" and "Azerbaijani forces" are one
 * party here and, because the canonical name is the same in every article, across articles too.
 */
import { foldName } from '../names.js';
import type { ExtractedParty, PartyKind, Span } from './types.js';
import type { PartyMention } from './mentions/index.js';
import { NAME_NORMALISATION } from './lexicon/parties.js';
import { GENERIC_ACTOR_HEADS, GENERIC_ACTOR_HEADS_MODIFIED } from './lexicon/mention-words.js';

/** The canonical spelling's other form, word by word ("Defense" → "Defence"), keeping capitals. */
const OTHER_SPELLING = new Map(
  Object.entries(NAME_NORMALISATION).map(([other, canonical]) => [canonical.toLowerCase(), other]),
);

/** "Russian Defense Ministry" → "Russian Defence Ministry"; null when no word has another spelling. */
export function otherSpelling(name: string): string | null {
  let changed = false;
  const out = name.replace(/\p{L}+/gu, (w) => {
    const other = OTHER_SPELLING.get(w.toLowerCase());
    if (!other) return w;
    changed = true;
    return w[0] === w[0]!.toUpperCase() ? other[0]!.toUpperCase() + other.slice(1) : other;
  });
  return changed ? out : null;
}

interface PartyEntry {
  party: ExtractedParty;
  head: string | null;
  /** Folded aliases, to avoid repeats. */
  aliasKeys: Set<string>;
}

/** A party mention in document order, for "the ministry" / "he" to look back over. */
export interface Seen {
  key: string;
  kind: PartyKind;
  head: string | null;
  sentence: number;
  start: number;
}

/** Words of a reference that a head must share ("the ministry" → a party whose head is a ministry). */
function compatible(refHead: string, refKind: PartyKind, entry: PartyEntry): boolean {
  const p = entry.party;
  const ref = refHead.toLowerCase();
  const last = ref.split(' ').pop()!;
  if (refKind === 'PERSON') {
    if (p.kind !== 'PERSON') return false;
    const head = (entry.head ?? '').toLowerCase();
    return head === ref || head.endsWith(` ${last}`) || head === last;
  }
  const name = p.name.toLowerCase();
  const head = (entry.head ?? '').toLowerCase();
  // "the army", "the military" are a state's: never an armed group's ("the Arakan Army", "Rapid
  // Support Forces"), which news calls "the group" or by name.
  if (STATE_ONLY_REFERENCES.has(last) && (p.kind !== 'ARMED_FORCE' || !STATE_FORCE_WORDS.test(name))) return false;
  if (head === ref || head.endsWith(` ${last}`) || head === last) return true;
  if (name.endsWith(` ${last}`)) return true;
  // "the army" / "the military" / "the forces" are one family; so are "the government" / "the authorities".
  const families = [
    ['army', 'military', 'forces', 'troops', 'armed forces'],
    ['government', 'authorities', 'administration', 'regime', 'cabinet', 'leadership'],
    ['group', 'movement', 'militants', 'rebels', 'organization', 'organisation'],
  ];
  if (
    families.some(
      (f) => f.includes(last) && (f.includes(head.split(' ').pop() ?? '') || f.some((w) => name.endsWith(` ${w}`))),
    )
  )
    return true;
  // "the group", "the militant organization": a group known by its own name ("Hamas", "Islamic State").
  if (GROUP_REFERENCES.has(last) && p.kind === 'GROUP' && !entry.head) return true;
  // "the group" is also a force that is no state's ("the Rapid Support Forces ... the group said").
  return last === 'group' && p.kind === 'ARMED_FORCE' && !STATE_FORCE_WORDS.test(name);
}

/** The name of a side that a common noun names on its own ("the insurgents" → "insurgents"), else null. */
function sideOfItsOwn(head: string): string | null {
  const h = head.toLowerCase();
  return GENERIC_ACTOR_HEADS.has(h) && !GENERIC_ACTOR_HEADS_MODIFIED.has(h) && h !== 'coalition' && h !== 'regime'
    ? h
    : null;
}

/** References to a group by what it is, not what it is called. */
const GROUP_REFERENCES = new Set(['group', 'organization', 'organisation', 'movement']);

/** References that mean a state's own forces only. */
const STATE_ONLY_REFERENCES = new Set(['army', 'military']);

/** Words that name a state's own forces, which news never calls "the group". */
const STATE_FORCE_WORDS =
  /\b(?:army|military|armed forces|defen[cs]e forces|navy|air force|troops|soldiers|police|guard)\b/;

export class PartyRegistry {
  private readonly entries = new Map<string, PartyEntry>();
  /** Folded alias → key of the (non-person) party that has it. */
  private readonly aliasOwner = new Map<string, string>();
  readonly seen: Seen[] = [];

  /** Adds a named mention, or resolves a reference; returns the party key, or null if unresolved. */
  add(m: PartyMention, text: string): string | null {
    const span: Span = { start: m.start, end: m.end, text: text.slice(m.start, m.end) };
    if (m.reference || !m.name) {
      // A named reference ("the Defense Ministry") means a party of that name, not any ministry.
      const named = m.name ? foldName(m.name) : null;
      const key = this.resolveReference(
        m.head ?? '',
        m.kind,
        m.sentence,
        m.start,
        undefined,
        named ? (p) => foldName(p.name).endsWith(named) : undefined,
      );
      if (key) {
        this.attach(key, span, m, null);
        return key;
      }
      // "repelled the insurgents" with no insurgents named before: a side of its own, as "insurgents" is.
      const side = m.head && !m.name ? sideOfItsOwn(m.head) : null;
      if (side) m = { ...m, name: side, kind: m.kind === 'ORGANIZATION' ? 'GROUP' : m.kind, reference: false };
      // A reference that finds nothing earlier but has a name of its own ("Defense Ministry") is a party.
      else if (!m.name) return null;
      else m = { ...m, reference: false };
    }
    let key = foldName(m.name);
    // A role ("the Azerbaijani President") is the person who holds it, when the article names them.
    // A mention with a name of its own ("Gen. Ali Bakr") is that person, whoever held the title before.
    if (m.kind === 'PERSON' && m.head && !this.entries.has(key) && foldName(m.name).endsWith(foldName(m.head))) {
      const holder = this.findHolder(m);
      if (holder) key = holder;
    }
    // A name seen before as another party's alias ("ELN" after "National Liberation Army (ELN)").
    if (!this.entries.has(key) && m.kind !== 'PERSON') {
      const owner = this.aliasOwner.get(key);
      if (owner) key = owner;
    }
    let entry = this.entries.get(key);
    if (!entry) {
      entry = {
        party: { key, name: m.name, aliases: [], kind: m.kind, affiliation: m.affiliation, mentions: [] },
        head: m.head,
        aliasKeys: new Set([key]),
      };
      // The other spelling of a canonical name is an alias ("Russian Defence Ministry").
      const other = m.kind === 'PERSON' ? null : otherSpelling(m.name);
      if (other) {
        entry.party.aliases.push(other);
        entry.aliasKeys.add(foldName(other));
      }
      this.entries.set(key, entry);
    }
    this.attach(key, span, m, m.knownAliases);
    return key;
  }

  private attach(key: string, span: Span, m: PartyMention, known: string[] | null): void {
    const entry = this.entries.get(key)!;
    entry.party.mentions.push(span);
    if (!entry.party.affiliation && m.affiliation) entry.party.affiliation = m.affiliation;
    if (!entry.head && m.head) entry.head = m.head;
    if (!m.reference) {
      for (const alias of [span.text.replace(/^the\s+/i, ''), ...(known ?? [])]) {
        const k = foldName(alias);
        if (!k || entry.aliasKeys.has(k)) continue;
        entry.aliasKeys.add(k);
        if (entry.party.kind !== 'PERSON' && !this.aliasOwner.has(k)) this.aliasOwner.set(k, key);
        entry.party.aliases.push(alias.replace(/^the\s+/i, ''));
      }
    }
    this.seen.push({ key, kind: entry.party.kind, head: entry.head, sentence: m.sentence, start: m.start });
  }

  private findHolder(m: PartyMention): string | null {
    for (const [key, e] of this.entries) {
      if (e.party.kind !== 'PERSON' || e.party.name.split(' ').length < 2) continue;
      if (
        e.head &&
        m.head &&
        e.head.toLowerCase() === m.head.toLowerCase() &&
        (!m.affiliation || e.party.affiliation === m.affiliation)
      )
        return key;
    }
    return null;
  }

  /** The nearest earlier party that a reference ("the ministry", "the president") can mean. */
  resolveReference(
    head: string,
    kind: PartyKind,
    sentence: number,
    before: number,
    maxBack = 6,
    accept?: (p: ExtractedParty) => boolean,
  ): string | null {
    for (let i = this.seen.length - 1; i >= 0; i--) {
      const s = this.seen[i]!;
      if (s.start >= before) continue;
      if (sentence - s.sentence > maxBack) break;
      const entry = this.entries.get(s.key)!;
      if (compatible(head, kind, entry) && (!accept || accept(entry.party))) return s.key;
    }
    return null;
  }

  /** The nearest earlier person within `maxBack` sentences ("he", "she"). */
  lastPerson(sentence: number, before: number, maxBack: number): string | null {
    for (let i = this.seen.length - 1; i >= 0; i--) {
      const s = this.seen[i]!;
      if (s.start >= before) continue;
      if (sentence - s.sentence > maxBack) break;
      if (s.kind === 'PERSON') return s.key;
    }
    return null;
  }

  /** A party known without a mention yet (the publisher); it is listed only once mentioned. */
  ensure(name: string, kind: PartyKind, affiliation: string | null, aliases: string[]): string {
    const key = foldName(name);
    if (!this.entries.has(key)) {
      const aliasKeys = new Set([key]);
      const kept = aliases.filter((a) => {
        const k = foldName(a);
        if (aliasKeys.has(k)) return false;
        aliasKeys.add(k);
        return true;
      });
      this.entries.set(key, {
        party: { key, name, aliases: kept, kind, affiliation, mentions: [] },
        head: null,
        aliasKeys,
      });
    }
    return key;
  }

  get(key: string): ExtractedParty | undefined {
    return this.entries.get(key)?.party;
  }

  /** Adds a claimant mention (a pronoun or anonymous reference) to its party's mentions. */
  addClaimantMention(key: string, span: Span, sentence: number): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    if (!entry.party.mentions.some((m) => m.start === span.start && m.end === span.end))
      entry.party.mentions.push(span);
    this.seen.push({ key, kind: entry.party.kind, head: entry.head, sentence, start: span.start });
  }

  /**
   * Gives a party's mentions to the party `name` (made if new) and returns its key: "Local
   * authorities" become "Afghan local authorities" once the article says whose they are. The old
   * party, left with no mention, is no longer listed.
   */
  moveTo(key: string, name: string, affiliation: string | null): string {
    const from = this.entries.get(key);
    if (!from) return key;
    const target = this.ensure(name, from.party.kind, affiliation, []);
    if (target === key) return key;
    const to = this.entries.get(target)!.party;
    for (const span of from.party.mentions)
      if (!to.mentions.some((m) => m.start === span.start && m.end === span.end)) to.mentions.push(span);
    from.party.mentions = [];
    return target;
  }

  parties(): ExtractedParty[] {
    return [...this.entries.values()]
      .filter((e) => e.party.mentions.length > 0)
      .map((e) => {
        e.party.mentions.sort((a, b) => a.start - b.start);
        return e.party;
      });
  }
}
