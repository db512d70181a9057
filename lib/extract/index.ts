/**
 * Extraction: raw article text → clean text, parties, geocoded locations and attributed claims.
 * Deterministic and offline; the only I/O is the lazily loaded gazetteer.
 *
 * Pipeline: clean → sentences → mentions (rules + lexicons) → parties (merge, resolve
 * references) → attribution (cue patterns) → dates, quantities, kinds, places → geocode.
 */
import { foldName } from '../names.js';
import type { ArticleMeta, ExtractedClaim, ExtractedLocation, Extraction, Span } from './types.js';
import { cleanText } from './clean.js';
import { splitSentences, type Sentence } from './sentences.js';
import { findMentions, type PlaceMention } from './mentions.js';
import { PartyRegistry } from './parties.js';
import { findAttributions, type RawClaim, type ResolvedMention } from './attribution.js';
import { findDates, resolveRelative, type DateExpr } from './dates.js';
import { findQuantities } from './quantities.js';
import { claimKind, linkRestatements, mostSpecific } from './claims.js';
import { geocode } from './geocode.js';
import { KNOWN_PARTIES } from './lexicon/parties.js';

/** Bump on any change that alters output: stored claims record it so a corpus can be re-extracted. */
export const EXTRACTOR_VERSION = '0.1.0';

export { cleanText };

interface PendingClaim {
  raw: RawClaim;
  dates: DateExpr[];
  sentence: Sentence;
}

/** How far back (in sentences) "he" looks for a person, and any pronoun for the last speaker. */
const PERSON_PRONOUN_REACH = 1;
const SPEAKER_PRONOUN_REACH = 2;

function parsePublished(meta: ArticleMeta | undefined): Date | null {
  if (!meta?.publishedAt) return null;
  const t = Date.parse(meta.publishedAt);
  return Number.isNaN(t) ? null : new Date(t);
}

export function extract(raw: string, meta?: ArticleMeta): Extraction {
  const text = cleanText(raw);
  const published = parsePublished(meta);
  const sentences = splitSentences(text);
  const registry = new PartyRegistry();
  const ctx = { surnames: new Map<string, string>() };
  const places: PlaceMention[] = [];
  const pending: PendingClaim[] = [];
  let lastSpeaker: { key: string; sentence: number } | null = null;
  const publisherKey = meta?.publisher ? publisherParty(registry, meta.publisher) : null;

  for (const sentence of sentences) {
    const resolved: ResolvedMention[] = [];
    for (const m of findMentions(sentence, text, ctx)) {
      if (m.type === 'place') {
        places.push(m);
        continue;
      }
      const key = registry.add(m, text);
      resolved.push({ from: m.from, to: m.to, start: m.start, end: m.end, key, kind: m.kind });
    }
    const sentenceClaims: RawClaim[] = [];
    const dates = findDates(sentence.tokens, published);
    resolveRelative(dates, published);
    for (const claim of findAttributions({ sentence, text, mentions: resolved, dates })) {
      if (claim.pronoun && claim.claimantMention) {
        claim.claimantKey = resolvePronoun(claim.pronoun, claim.claimantMention, sentence.index);
        if (claim.claimantKey) registry.addClaimantMention(claim.claimantKey, claim.claimantMention, sentence.index);
      }
      if (claim.claimantKey) lastSpeaker = { key: claim.claimantKey, sentence: sentence.index };
      pending.push({ raw: claim, dates, sentence });
      sentenceClaims.push(claim);
    }
    addPronounMentions(sentence, resolved, sentenceClaims);
  }

  const locations = geocode(groupPlaces(places, text), text);
  const locationAt = new Map<number, ExtractedLocation>();
  for (const loc of locations) for (const m of loc.mentions) locationAt.set(m.start, loc);

  const claims: ExtractedClaim[] = pending.map(({ raw, dates, sentence }) => {
    const quantities = findQuantities(raw.content.text, raw.content.start, dates);
    const about = places
      .filter((p) => p.start >= raw.content.start && p.end <= raw.content.end)
      .map((p) => locationAt.get(p.start))
      .filter((l): l is ExtractedLocation => !!l);
    return {
      claimantKey: raw.claimantKey,
      claimantMention: raw.claimantMention,
      cue: raw.cue,
      content: raw.content,
      evidence: { start: sentence.start, end: sentence.end, text: text.slice(sentence.start, sentence.end) },
      mode: raw.mode,
      kind: claimKind(raw.lemma, raw.content.text, quantities),
      locationKeys: mostSpecific(about),
      eventDate: claimDate(raw, dates),
      quantities,
      restates: null,
    };
  });
  linkRestatements(claims);

  return {
    extractorVersion: EXTRACTOR_VERSION,
    cleanText: text,
    parties: registry.parties(),
    locations,
    claims,
  };

  /**
   * Pronouns as mentions of the party they refer to: "he"/"his" the last person named nearby,
   * "we"/"our" the speaker of the quote they stand in, or else the publisher.
   */
  function addPronounMentions(sentence: Sentence, resolved: ResolvedMention[], sentenceClaims: RawClaim[]): void {
    for (const t of sentence.tokens) {
      if (t.kind !== 'word' || resolved.some((m) => t.start >= m.start && t.end <= m.end)) continue;
      if (sentenceClaims.some((c) => c.claimantMention && c.claimantMention.start === t.start)) continue;
      const span = { start: t.start, end: t.end, text: t.text };
      let key: string | null = null;
      if (FIRST_PERSON.has(t.lower)) {
        const quoted = sentenceClaims.find((c) => c.mode === 'DIRECT' && c.content.start <= t.start && c.content.end >= t.end);
        key = quoted ? quoted.claimantKey : publisherKey;
      } else if (THIRD_PERSON.has(t.lower)) {
        key = registry.lastPerson(sentence.index, t.start, PERSON_PRONOUN_REACH + 1);
      }
      if (key) registry.addClaimantMention(key, span, sentence.index);
    }
  }

  function resolvePronoun(pronoun: string, mention: Span, sentenceIndex: number): string | null {
    if (pronoun === 'we' || pronoun === 'i') return null;
    if (pronoun === 'he' || pronoun === 'she') {
      const person = registry.lastPerson(sentenceIndex, mention.start, PERSON_PRONOUN_REACH);
      if (person) return person;
    }
    // An unnamed spokesman ("He noted ...") speaks for the last source quoted.
    if (lastSpeaker && sentenceIndex - lastSpeaker.sentence <= SPEAKER_PRONOUN_REACH) return lastSpeaker.key;
    return null;
  }
}

const FIRST_PERSON = new Set(['we', 'us', 'our', 'ours', 'i', 'me', 'my']);
const THIRD_PERSON = new Set(['he', 'him', 'his', 'she', 'her']);

/** The publisher as a party: a known one by name or alias ("CENTCOM"), else an organisation. */
function publisherParty(registry: PartyRegistry, publisher: string): string {
  const key = foldName(publisher);
  const known = KNOWN_PARTIES.find((p) => [p.name, ...p.aliases].some((n) => foldName(n) === key));
  return known
    ? registry.ensure(known.name, known.kind, known.affiliation, [...known.aliases, publisher])
    : registry.ensure(publisher, 'MEDIA', null, []);
}

function groupPlaces(places: PlaceMention[], text: string): { name: string; mentions: Span[] }[] {
  const groups = new Map<string, { name: string; mentions: Span[] }>();
  for (const p of places) {
    const key = foldName(p.name);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { name: p.name, mentions: [] }));
    g.mentions.push({ start: p.start, end: p.end, text: text.slice(p.start, p.end) });
  }
  return [...groups.values()];
}

/**
 * The event date: a date in the content ("shelled ... on Monday"), else a relative link before
 * the source ("a day after X announced"), else the date the statement was made ("announced on
 * Monday that ...").
 */
function claimDate(c: RawClaim, dates: DateExpr[]): string | null {
  const usable = dates.filter((d) => d.date && !d.since);
  const inContent = usable.find((d) => d.shiftDays === null && d.from >= c.contentFrom && d.to <= c.contentTo);
  if (inContent) return inContent.date;
  const sourceAt = c.claimantFrom ?? c.cueFrom;
  const link = [...usable].reverse().find((d) => d.shiftDays !== null && d.to <= sourceAt && !(d.from >= c.contentFrom && d.to <= c.contentTo));
  if (link) return link.date;
  const statement = usable.find(
    (d) =>
      d.shiftDays === null &&
      !(d.from >= c.contentFrom && d.to <= c.contentTo) &&
      ((d.from >= c.cueTo && (d.to <= c.contentFrom || c.contentTo <= c.cueFrom)) || (d.to <= c.cueFrom && d.from >= sourceAt) || (d.from <= 1 && d.to <= sourceAt)),
  );
  return statement?.date ?? null;
}
