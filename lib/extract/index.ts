/**
 * Extraction: raw article text → clean text, parties, geocoded locations and attributed claims.
 * Deterministic and offline; the only I/O is the lazily loaded gazetteer.
 *
 * Pipeline: clean → sentences → mentions (rules + lexicons) → parties (merge, resolve
 * references) → attribution (cue patterns) → dates, quantities, kinds, places → geocode.
 */
import { foldName } from '../names.js';
import {
  EXTRACTION_LIMITS,
  type ArticleMeta,
  type ExtractedClaim,
  type ExtractedLocation,
  type Extraction,
  type ExtractionLimitName,
  type PlaceUse,
  type Span,
  type TracedMention,
} from './types.js';
import { cleanText } from './clean.js';
import { splitSentences, type Sentence } from './sentences.js';
import { findMentions, type PlaceMention } from './mentions/index.js';
import { PartyRegistry } from './parties.js';
import { findAttributions, type RawClaim, type ResolvedMention } from './attribution.js';
import { namedSource } from './parties-named.js';
import { findDates, resolveRelative, type DateExpr } from './dates.js';
import { findQuantities } from './quantities.js';
import { claimKind, EVENT_KINDS, inheritEventPlaces, linkRestatements, mostSpecific, narratedKind } from './claims.js';
import { geocode } from './geocode.js';
import { countryByCode, placeByGeonamesId } from './gazetteer.js';
import { KNOWN_PARTIES } from './lexicon/parties.js';
import { PERSON_ROLE_WORDS } from './lexicon/roles.js';
import { TYPE_BEFORE_PARENTS } from './lexicon/places.js';
import { countryCodeOfPlace, demonymOf, isKnownPlace, resolveDemonym } from './geo.js';
import { isCommonNoun, isCommonWord } from './wordclass.js';

/** Bump on any change that alters output: stored claims record it so a corpus can be re-extracted. */
export const EXTRACTOR_VERSION = '0.11.0';

export { cleanText };

interface PendingClaim {
  /** Null for narration: the sentence in the article's own voice. */
  raw: RawClaim | null;
  dates: DateExpr[];
  sentence: Sentence;
  /** Where narration ends when it is only the sentence's first clause ("A attacked B; the army said ..."). */
  end?: number;
  /** Where the evidence starts when it is earlier than the sentence: a quotation's cue sentence. */
  start?: number;
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
  let lastClaim: { raw: RawClaim; sentence: number; start: number } | null = null;
  const publisherKey = meta?.publisher ? publisherParty(registry, meta.publisher) : null;
  const traced: TracedMention[] | null = meta?.trace ? [] : null;

  for (const sentence of sentences) {
    const resolved: ResolvedMention[] = [];
    for (const m of findMentions(sentence, text, ctx)) {
      traced?.push({ start: m.start, end: m.end, type: m.type, rule: m.rule ?? '' });
      if (m.type === 'place') {
        places.push(m);
        continue;
      }
      const key = registry.add(m, text);
      resolved.push({ from: m.from, to: m.to, start: m.start, end: m.end, key, kind: m.kind });
    }
    const sentenceClaims: RawClaim[] = [];
    const firstClaim = pending.length;
    const dates = findDates(sentence.tokens, published);
    resolveRelative(dates, published);
    const previous = sentences[sentence.index - 1];
    for (const claim of findAttributions({ sentence, text, mentions: resolved, dates, previous })) {
      if (claim.pronoun && claim.claimantMention) {
        claim.claimantKey = resolvePronoun(claim.pronoun, claim.claimantMention, sentence.index);
        if (claim.claimantKey) registry.addClaimantMention(claim.claimantKey, claim.claimantMention, sentence.index);
      }
      // "Zelensky said", "Prigozhin wrote": a name no rule knew, speaking, is a person.
      if (!claim.claimantKey && claim.claimantMention && claim.rule?.endsWith('/noun-phrase')) {
        const span = claim.claimantMention;
        const local = placeOfficials(span.text);
        if (local) {
          claim.claimantKey = registry.ensure(local.name, 'GOVERNMENT_BODY', local.country, []);
          registry.addClaimantMention(claim.claimantKey, span, sentence.index);
        } else if (isBareName(span.text, span.start === sentence.tokens[0]?.start)) {
          claim.claimantKey = registry.ensure(span.text, 'PERSON', null, []);
          registry.addClaimantMention(claim.claimantKey, span, sentence.index);
        }
      }
      // "Itar-Tass news agency said": a source that names its outlet or body is that party.
      const named = !claim.claimantKey && claim.claimantMention ? namedSource(claim.claimantMention.text) : null;
      if (named && claim.claimantMention) {
        claim.claimantKey = registry.ensure(named.name, named.kind, named.affiliation, []);
        registry.addClaimantMention(claim.claimantKey, claim.claimantMention, sentence.index);
      }
      if (claim.claimantKey) lastSpeaker = { key: claim.claimantKey, sentence: sentence.index };
      // "“The situation is catastrophic. We have no water,” said X": a quote opened in the sentence
      // before, which no one speaks in, is the start of this claim's words (and no account of the outlet's).
      const opened = previous && claim.mode === 'DIRECT' ? quoteOpenedBefore(previous, sentence, claim, text) : null;
      if (opened !== null) {
        const own = pending.findIndex((p) => !p.raw && p.sentence === previous);
        if (own >= 0 && !sentenceClaims.length) {
          pending.splice(own, 1);
          claim.content = { start: opened, end: claim.content.end, text: text.slice(opened, claim.content.end) };
        }
      }
      pending.push({ raw: claim, dates, sentence });
      sentenceClaims.push(claim);
    }
    // "“We will not retreat,” the commander said. “The city is holding.”": a sentence that is one
    // quotation goes on with the words of the claim just before.
    const quote =
      sentenceClaims.length || lastClaim?.sentence !== sentence.index - 1 ? null : quotation(sentence, text);
    if (quote && lastClaim && (lastClaim.raw.claimantKey || lastClaim.raw.claimantMention)) {
      const continued: RawClaim = {
        ...lastClaim.raw,
        sentence: sentence.index,
        claimantFrom: null,
        contentFrom: 1,
        contentTo: sentence.tokens.length - 1,
        content: quote,
        mode: 'DIRECT',
        pronoun: null,
        rule: 'quotation-continued',
      };
      // Its evidence runs from the sentence of the cue it goes on from.
      pending.push({ raw: continued, dates, sentence, start: lastClaim.start });
      sentenceClaims.push(continued);
    }
    if (sentenceClaims.length) {
      const raw = sentenceClaims[sentenceClaims.length - 1]!;
      const start: number =
        raw.rule === 'quotation-continued' ? lastClaim!.start : Math.min(sentence.start, raw.content.start);
      lastClaim = { raw, sentence: sentence.index, start };
    }
    addPronounMentions(sentence, resolved, sentenceClaims);
    // A sentence no party speaks in is the outlet's own account: a candidate for a NARRATED claim.
    if (!sentenceClaims.length && !sentence.dateline && !sentence.heading) pending.push({ raw: null, dates, sentence });
    // So is a first clause before the one a party speaks in: "JNIM attacked a post in Djibo; the
    // army said 20 assailants were killed".
    const ownClause = sentenceClaims.length ? narratedClauseEnd(text, sentence, sentenceClaims) : null;
    if (ownClause !== null) pending.splice(firstClaim, 0, { raw: null, dates, sentence, end: ownClause });
  }

  const actorCountries = registry.parties().flatMap((p) => (p.affiliation ? [p.affiliation] : []));
  // Common nouns ("two bridges", "residential areas") are sites, not places: never a Location.
  const named = places.filter((p) => !p.common);
  const truncated: ExtractionLimitName[] = [];
  let groups = groupPlaces(named, text);
  // Names past the limit would be cut after geocoding anyway; cutting first keeps the
  // pairwise context work of geocoding bounded.
  if (groups.length > EXTRACTION_LIMITS.locations) {
    truncated.push('locations');
    groups = groups.slice(0, EXTRACTION_LIMITS.locations);
  }
  const locations = withUses(geocode(groups, text, actorCountries), named);
  const locationAt = new Map<number, ExtractedLocation>();
  for (const loc of locations) for (const m of loc.mentions) if (m.use === 'PLACE') locationAt.set(m.start, loc);
  resolvePlaceReferences(places, locations, locationAt, text);

  // A claim is about the places it names or refers back to ("the city"); not about landmarks
  // ("west of Goma"). Sorted once, so each claim looks up its own span: linear in the article.
  const placeStarts = places
    .filter((p) => p.common !== 'site' && locationAt.has(p.start) && !isLandmark(text, p.start))
    .map((p) => ({ start: p.start, end: p.end, loc: locationAt.get(p.start)!, parent: false }))
    .sort((a, b) => a.start - b.start);
  // "Boni (Douentza, Mopti)", "Kharwar district, Logar": the places written as where another
  // place lies are its address, not what the claim is about.
  // A place the gazetteer lacks, put at the point of a place written beside it.
  const standsIn = (loc: ExtractedLocation) => loc.precision === 'REGION' && loc.geonamesId === null;
  placeStarts.forEach((p, i) => {
    // "along the Kaduna-Abuja highway near Katari": a route's ends say where only when nothing else does.
    if (onRoute(text, p.start, p.end)) {
      p.parent = true;
      return;
    }
    const prev = placeStarts[i - 1];
    if (!prev) return;
    // "Paris, Texas": a qualifier inside the place's own span is where the place is.
    if (p.end <= prev.end) {
      p.parent = true;
      return;
    }
    const between = text.slice(prev.end, p.start);
    // After a comma only a region is an address ("Kharwar district, Logar"); "Agdam, Aghdra" is a list.
    const link = PARENT_LINK.exec(between);
    const wider = p.loc.precision === 'REGION' || p.loc.precision === 'COUNTRY';
    // "the village of Wad al-Noura in Al Managil locality", "the Gaza City neighbourhood of
    // Shejaiya": a place the gazetteer lacks stands at the point of the one written beside it,
    // which is then its address.
    const samePoint =
      between.length <= 40 &&
      !/[.;!?]/.test(between) &&
      prev.loc.key !== p.loc.key &&
      prev.loc.latitude !== null &&
      prev.loc.latitude === p.loc.latitude &&
      prev.loc.longitude === p.loc.longitude;
    if (samePoint && standsIn(p.loc) && !standsIn(prev.loc)) prev.parent = true;
    const holdsPrevious = samePoint && standsIn(prev.loc) && !standsIn(p.loc);
    p.parent =
      holdsPrevious || (!!link && (link[1]!.startsWith('(') || wider)) || (prev.parent && /^\s*,\s*$/.test(between));
  });
  const aboutPlaces = (content: Pick<Span, 'start' | 'end'>): string[] => {
    let lo = 0;
    let hi = placeStarts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (placeStarts[mid]!.start < content.start) lo = mid + 1;
      else hi = mid;
    }
    const inside: { loc: ExtractedLocation; parent: boolean }[] = [];
    for (let i = lo; i < placeStarts.length && placeStarts[i]!.start < content.end; i++) {
      if (placeStarts[i]!.end <= content.end) inside.push(placeStarts[i]!);
    }
    const subjects = inside.filter((p) => !p.parent);
    return mostSpecific((subjects.length ? subjects : inside).map((p) => p.loc));
  };
  const made: { claim: ExtractedClaim; sentence: number }[] = [];
  for (const { raw, dates, sentence, start: pendingStart, end: pendingEnd } of pending) {
    // A quote in the sentence before its cue ("“...” ¶ X said.") is part of the evidence.
    const from = raw ? Math.min(sentence.start, raw.content.start, pendingStart ?? sentence.start) : sentence.start;
    const to = raw ? sentence.end : (pendingEnd ?? sentence.end);
    const evidence = { start: from, end: to, text: text.slice(from, to) };
    if (!raw) {
      const claim = narratedClaim(evidence, dates, aboutPlaces);
      if (claim) made.push({ claim, sentence: sentence.index });
      continue;
    }
    const quantities = findQuantities(raw.content.text, raw.content.start, dates);
    made.push({
      sentence: sentence.index,
      claim: {
        claimantKey: raw.claimantKey,
        claimantMention: raw.claimantMention,
        cue: raw.cue,
        content: raw.content,
        evidence,
        mode: raw.mode,
        kind: claimKind(raw.lemma, raw.content.text, quantities),
        locationKeys: aboutPlaces(raw.content),
        eventDate: claimDate(raw, dates),
        quantities,
        restates: null,
        rule: raw.rule,
      },
    });
  }
  // Cut before the pairwise passes below, so a pathological article costs no more than a large one.
  if (made.length > EXTRACTION_LIMITS.claims) {
    truncated.push('claims');
    made.length = EXTRACTION_LIMITS.claims;
  }
  const claims = made.map((m) => m.claim);
  inheritEventPlaces(
    claims,
    made.map((m) => m.sentence),
  );
  // "MOGADISHU, Somalia (AP) — A car bomb exploded near a checkpoint, killing 8": an event the
  // text places nowhere happened where the story was filed, as far as the text tells.
  const dateline = sentences.find((s) => s.dateline);
  const filedAt = dateline ? aboutPlaces(dateline) : [];
  if (filedAt.length)
    for (const claim of claims)
      if (EVENT_KINDS.has(claim.kind) && !claim.locationKeys.length) claim.locationKeys = filedAt.slice(0, 1);
  unnamedSpeakers(
    claims,
    made.map((m) => m.sentence),
    locations,
    registry,
  );
  denialsOfEarlierClaims(
    claims,
    made.map((m) => m.sentence),
    text,
  );
  linkRestatements(claims);

  const sites = places
    .filter((p) => p.common === 'site')
    .map((p) => ({ start: p.start, end: p.end, text: text.slice(p.start, p.end) }));
  if (sites.length > EXTRACTION_LIMITS.sites) {
    truncated.push('sites');
    sites.length = EXTRACTION_LIMITS.sites;
  }
  const x = bounded({
    extractorVersion: EXTRACTOR_VERSION,
    cleanText: text,
    parties: registry.parties(),
    locations,
    claims,
    sites,
    truncated,
  });
  return traced ? { ...x, trace: { mentions: traced } } : x;

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
        const quoted = sentenceClaims.find(
          (c) => c.mode === 'DIRECT' && c.content.start <= t.start && c.content.end >= t.end,
        );
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

/**
 * The outlet's own report of an event or a figure ("... clashed in Saliboko, resulting in 9 rebels
 * killed"): a claim with no claimant. Sentences that report no event (background, quotes no one
 * is named for) make none.
 */
function narratedClaim(
  sentence: Span,
  dates: DateExpr[],
  aboutPlaces: (content: Span) => string[],
): ExtractedClaim | null {
  const quantities = findQuantities(sentence.text, sentence.start, dates);
  const kind = narratedKind(sentence.text, quantities);
  if (!kind) return null;
  const date = dates.find((d) => d.date && !d.since && !d.monthOnly && d.shiftDays === null);
  return {
    claimantKey: null,
    claimantMention: null,
    cue: null,
    content: sentence,
    evidence: sentence,
    mode: 'NARRATED',
    kind,
    locationKeys: aboutPlaces(sentence),
    eventDate: date?.date ?? null,
    quantities,
    restates: null,
    rule: 'narration',
  };
}

/**
 * Holds an extraction to `EXTRACTION_LIMITS`: the first parties and places in document order are
 * kept, claims about dropped ones lose those links (a claim whose claimant was dropped is
 * dropped), and `truncated` names every limit that was hit.
 */
function bounded(x: Extraction): Extraction {
  const truncated = new Set(x.truncated);
  let { parties, locations, claims } = x;
  if (parties.length > EXTRACTION_LIMITS.parties) {
    truncated.add('parties');
    parties = [...parties]
      .sort((a, b) => a.mentions[0]!.start - b.mentions[0]!.start)
      .slice(0, EXTRACTION_LIMITS.parties);
    const kept = new Set(parties.map((p) => p.key));
    parties = x.parties.filter((p) => kept.has(p.key));
  }
  if (locations.length > EXTRACTION_LIMITS.locations) {
    truncated.add('locations');
    const kept = new Set(
      [...locations]
        .sort((a, b) => a.mentions[0]!.start - b.mentions[0]!.start)
        .slice(0, EXTRACTION_LIMITS.locations)
        .map((l) => l.key),
    );
    locations = locations.filter((l) => kept.has(l.key));
  }
  if (truncated.has('parties') || truncated.has('locations')) {
    const partyKeys = new Set(parties.map((p) => p.key));
    const placeKeys = new Set(locations.map((l) => l.key));
    const newIndex = new Map<number, number>();
    claims = claims.flatMap((c, i) => {
      if (c.claimantKey && !partyKeys.has(c.claimantKey)) return [];
      newIndex.set(i, newIndex.size);
      return [{ ...c, locationKeys: c.locationKeys.filter((k) => placeKeys.has(k)) }];
    });
    for (const c of claims) c.restates = c.restates === null ? null : (newIndex.get(c.restates) ?? null);
  }
  return { ...x, parties, locations, claims, truncated: [...truncated] };
}

/**
 * One to three capitalised words that are a name and nothing else: no place, no people, no
 * English word (a sentence's first word may be one only capitalised there: "Officials").
 */
function isBareName(text: string, opensSentence: boolean): boolean {
  const words = text.split(/\s+/);
  if (words.length > 3 || !words.every((w) => /^\p{Lu}\p{Ll}[\p{L}'’-]*$/u.test(w))) return false;
  if (isKnownPlace(text) || resolveDemonym(text) || words.some((w) => isCommonWord(w))) return false;
  // "Prosecutors said": a role's plural, capitalised only because it opens the sentence.
  const plural = words.length === 1 && /s$/.test(text) && PERSON_ROLE_WORDS.has(text.slice(0, -1).toLowerCase());
  return !(opensSentence && (isCommonNoun(words[0]!) || plural));
}

/**
 * "Officials in Tigray", "authorities in Kherson": the officials of a place the gazetteer knows,
 * a body of that place ("Tigray officials"), of its country.
 */
function placeOfficials(text: string): { name: string; country: string | null } | null {
  const m =
    /^(?:local\s+|regional\s+)?(officials|authorities)\s+(?:in|of|from)\s+(?:the\s+)?(\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,2})$/iu.exec(
      text,
    );
  if (!m || !isKnownPlace(m[2]!)) return null;
  return { name: `${m[2]} ${m[1]!.toLowerCase()}`, country: countryCodeOfPlace(m[2]!) };
}

/**
 * Where the words of a quote start in `previous` when it opens there and closes in `sentence`,
 * whose DIRECT claim's content starts at the sentence's start; else null.
 */
function quoteOpenedBefore(previous: Sentence, sentence: Sentence, claim: RawClaim, text: string): number | null {
  const before = text.slice(previous.start, previous.end);
  const open = /^\s*(?:“|")\s*/.exec(before);
  if (!open || /[”"]/.test(before.slice(open[0].length))) return null;
  if (text.slice(sentence.start, claim.content.start).trim() !== '') return null;
  return previous.start + open[0].length;
}

/** The words of a sentence that is one quotation and nothing else ("“The city is holding.”"), or null. */
function quotation(sentence: Sentence, text: string): Span | null {
  const m = /^(\s*(?:“|"|'')\s*)([^“”"]*?)[\s.,!?]*(?:”|"|'')\s*$/.exec(text.slice(sentence.start, sentence.end));
  if (!m || m[2]!.includes("''") || m[2]!.split(/\s+/).length < 3) return null;
  const start = sentence.start + m[1]!.length;
  return { start, end: start + m[2]!.length, text: m[2]! };
}

/**
 * The end of a sentence's first clause, when a semicolon closes it before anything a party's
 * claim spans (its claimant, cue and content): that clause is the outlet's own.
 */
function narratedClauseEnd(text: string, sentence: Sentence, claims: RawClaim[]): number | null {
  const claimed = Math.min(
    ...claims.flatMap((c) => [
      c.content.start,
      ...(c.cue ? [c.cue.start] : []),
      ...(c.claimantMention ? [c.claimantMention.start] : []),
    ]),
  );
  const semicolon = text.lastIndexOf(';', claimed);
  if (semicolon <= sentence.start || semicolon >= sentence.end) return null;
  return text.slice(sentence.start, semicolon).trim().split(/\s+/).length >= 3 ? semicolon : null;
}

/**
 * Sources that are a country's own services and no more: "police", "the local police", "a police
 * spokesman", "prosecutors", "authorities", "rescue workers". The first group names the body.
 */
const DOMESTIC_SOURCE =
  /^(?:the\s+|a\s+|an\s+)?(?:local\s+|city\s+|district\s+|provincial\s+|regional\s+|state\s+|federal\s+)?(police|prosecutors?|prosecutor['’]s office|authorities|firefighters|fire officials|rescuers|rescue workers|civil defen[cs]e|emergency (?:officials|services|workers)|health (?:ministry|officials|authorities)|ministry of health|interior ministry|ministry of (?:the )?interior)(?:\s+(?:officials?|sources?|spokes(?:man|woman|person)|officers?|chief|statement))?$/i;

/** The body each DOMESTIC_SOURCE speaks for, where it is not the word itself. */
const DOMESTIC_BODY: Record<string, string> = {
  prosecutor: 'prosecutors',
  "prosecutor's office": 'prosecutors',
  'fire officials': 'firefighters',
  'rescue workers': 'rescuers',
  'civil defense': 'civil defence',
  'emergency officials': 'emergency services',
  'emergency workers': 'emergency services',
  'ministry of health': 'health ministry',
  'health officials': 'health authorities',
  'ministry of interior': 'interior ministry',
  'ministry of the interior': 'interior ministry',
};

/** A body named by its level alone: "local authorities", "provincial officials". */
const LEVEL_BODY =
  /^(?:the\s+)?(?:local|regional|provincial|district|municipal|city|state|county)\s+(?:officials|authorities|police|government|administration|council)$/i;

/** A name written as a first-level division ("Kherson region", "Kayin State"). */
const FIRST_LEVEL_NAME = /\b(?:region|oblast|province|state|governorate|krai|prefecture)$/i;

/** A source that is an office of a place and no name: "the regional governor", "the mayor". */
const OFFICE_SOURCE = /^(?:the\s+)?(?:(?:regional|provincial|state|local|city)\s+)?(governor|mayor)$/i;

/**
 * Claimants named by what they are, not by name. "..., police said", "prosecutors said": a
 * country's own services work in their country, so with no body named, the claim's places (else
 * the article's, when all lie in one country) say whose they are; so do they for a body named by
 * its level alone, and for an office with no name. A health or interior ministry is such a
 * service ("Israeli strikes killed 30 in Rafah, the health ministry said": the Palestinian one).
 * Armies, foreign and defence ministries and officials are left unresolved: they
 * speak as often about another country's ground.
 */
function unnamedSpeakers(
  claims: ExtractedClaim[],
  sentences: number[],
  locations: ExtractedLocation[],
  registry: PartyRegistry,
): void {
  const byKey = new Map(locations.map((l) => [l.key, l]));
  const oneCountry = (keys: Iterable<string>): string | null => {
    const codes = new Set([...keys].map((k) => byKey.get(k)?.countryCode ?? null));
    return codes.size === 1 ? [...codes][0]! : null;
  };
  const placed = locations.filter((l) => l.mentions.some((m) => m.use === 'PLACE')).map((l) => l.key);
  // The country of a claim: its places', else (when it names none) the article's, if one.
  const countryOf = (claim: ExtractedClaim) =>
    oneCountry(claim.locationKeys) ?? (claim.locationKeys.length ? null : oneCountry(placed));
  const nameOf = (code: string) => demonymOf(code) ?? countryByCode(code)?.name;

  // "Local authorities said ...": a body named by its level alone is of the one country all its claims are in.
  const byBody = new Map<string, Set<string | null>>();
  for (const claim of claims) {
    const party = claim.claimantKey ? registry.get(claim.claimantKey) : undefined;
    if (!party || party.affiliation || !LEVEL_BODY.test(party.name)) continue;
    byBody.set(party.key, (byBody.get(party.key) ?? new Set()).add(countryOf(claim)));
  }
  for (const [key, codes] of byBody) {
    const code = codes.size === 1 ? [...codes][0] : null;
    const country = code ? nameOf(code) : undefined;
    if (!code || !country) continue;
    const moved = registry.moveTo(key, `${country} ${registry.get(key)!.name.toLowerCase()}`, code);
    for (const claim of claims) if (claim.claimantKey === key) claim.claimantKey = moved;
  }

  // "..., police said": the service of the claim's country. "..., the regional governor said": the
  // holder of the one place of that kind the claim is about (a first-level division for a governor,
  // a town for a mayor), by the gazetteer's name of it, so one party per office.
  const speakerOf = (claim: ExtractedClaim, mention: string) => {
    const source = DOMESTIC_SOURCE.exec(mention);
    if (source) {
      const code = countryOf(claim);
      const country = code ? nameOf(code) : undefined;
      const head = source[1]!.toLowerCase().replace('’', "'");
      return code && country
        ? { name: `${country} ${DOMESTIC_BODY[head] ?? head}`, kind: 'GOVERNMENT_BODY' as const, code }
        : null;
    }
    const office = OFFICE_SOURCE.exec(mention);
    if (!office) return null;
    const title = office[1]!.toLowerCase();
    const seats = claim.locationKeys.flatMap((k) => {
      const l = byKey.get(k);
      if (!l?.countryCode) return [];
      const place = l.geonamesId ? placeByGeonamesId(l.geonamesId) : null;
      // A governor's is a first-level division: GeoNames' (ADM1), or one of ours written so ("Kherson region").
      const fits =
        title === 'mayor'
          ? l.precision === 'CITY'
          : place
            ? place.featureCode === 'ADM1'
            : l.precision === 'REGION' && FIRST_LEVEL_NAME.test(l.name);
      return fits ? [{ name: place?.name ?? l.name, code: l.countryCode }] : [];
    });
    if (seats.length !== 1) return null;
    return { name: `${seats[0]!.name} ${title}`, kind: 'PERSON' as const, code: seats[0]!.code };
  };
  claims.forEach((claim, i) => {
    if (claim.claimantKey || !claim.claimantMention) return;
    const speaker = speakerOf(claim, claim.claimantMention.text);
    if (!speaker) return;
    claim.claimantKey = registry.ensure(speaker.name, speaker.kind, speaker.code, []);
    registry.addClaimantMention(claim.claimantKey, claim.claimantMention, sentences[i]!);
  });
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

/**
 * Each location mention with the use its mention rule gave it. A span named both ways (a place
 * inside a body's name that is also its own mention) counts as a place.
 */
function withUses(locations: ExtractedLocation[], places: PlaceMention[]): ExtractedLocation[] {
  const useAt = new Map<string, PlaceUse>();
  for (const p of places) {
    const at = `${p.start}:${p.end}`;
    if (useAt.get(at) !== 'PLACE') useAt.set(at, p.use);
  }
  return locations.map((loc) => ({
    ...loc,
    mentions: loc.mentions.map((m) => ({ ...m, use: useAt.get(`${m.start}:${m.end}`) ?? 'PLACE' })),
  }));
}

/** Mentions by folded name, in order of first mention. */
function groupPlaces(places: PlaceMention[], text: string): { name: string; mentions: Span[]; common: boolean }[] {
  const groups = new Map<string, { name: string; mentions: Span[]; common: boolean }>();
  for (const p of places) {
    const key = foldName(p.name);
    let g = groups.get(key);
    if (!g) {
      g = { name: p.name, mentions: [], common: false };
      groups.set(key, g);
    }
    g.mentions.push({ start: p.start, end: p.end, text: text.slice(p.start, p.end) });
  }
  return [...groups.values()];
}

/** "the claim", "these reports", "the allegations as propaganda": a denial's object that points back. */
const POINTING_BACK =
  /^(?:the|this|that|these|those|such|its|their|his|her)\s+(?:\w+\s+)?(?:claims?|reports?|allegations?|accusations?|charges?|assertions?|statements?|version|account)\b/i;
/** How many sentences back "denied the claim" looks for the claim. */
const DENIAL_REACH = 2;

/**
 * "The army denied the claim": the denial's content is the claim it denies, the nearest earlier
 * claim by another source; its evidence then runs from that claim's sentence to its own.
 */
function denialsOfEarlierClaims(claims: ExtractedClaim[], sentenceOf: number[], text: string): void {
  claims.forEach((c, i) => {
    if (c.kind !== 'DENIAL' || !POINTING_BACK.test(c.content.text)) return;
    for (let j = i - 1; j >= 0; j--) {
      const earlier = claims[j]!;
      if (sentenceOf[i]! - sentenceOf[j]! > DENIAL_REACH) break;
      if (earlier.kind === 'DENIAL' || !earlier.claimantKey || earlier.claimantKey === c.claimantKey) continue;
      c.content = earlier.content;
      const start = Math.min(earlier.evidence.start, c.evidence.start);
      const end = Math.max(earlier.evidence.end, c.evidence.end);
      c.evidence = { start, end, text: text.slice(start, end) };
      c.locationKeys = earlier.locationKeys;
      c.quantities = earlier.quantities;
      c.eventDate = c.eventDate ?? earlier.eventDate;
      return;
    }
  });
}

/** A place used as a landmark ("west of Goma", "20 km north of X"): where something is measured from, not where it is. */
function isLandmark(text: string, start: number): boolean {
  return /\b(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west|km|kilometres|kilometers|miles)\s+of\s+(?:the\s+)?$/i.test(
    text.slice(Math.max(0, start - 30), start),
  );
}

/** A road named by the towns it joins: "the Kaduna-Abuja highway", "the Bakhmut-Kostiantynivka road". */
const ROUTE_AFTER =
  /^[\p{L}\p{N}'’.-]*\s+(?:highway|road|motorway|expressway|railway|railroad|rail line|route|corridor|axis|pipeline)\b/iu;

/** A place named only as an end of a route ("along the Kaduna-Abuja highway"): not where the claim is. */
function onRoute(text: string, start: number, end: number): boolean {
  let from = start;
  while (from > 0 && /[\p{L}\p{N}'’.-]/u.test(text[from - 1]!)) from--;
  const joined = text.slice(from, start).includes('-') || text[end] === '-';
  return joined && ROUTE_AFTER.test(text.slice(end, end + 60));
}

/** What stands between a place and the first of its parents: "Boni (Douentza", "Kharwar district, Logar", "Rafi LGA, Niger". */
// In parentheses other parts may come first: "Bint Jbeil (Bint Jbeil, Nabatieh)"; a region may follow "in"
// or "of" ("Lay Kay Kaw village in Kayin State", "Lubero territory of North Kivu province").
const PARENT_LINK = new RegExp(
  `^${TYPE_BEFORE_PARENTS}\\s*(\\((?:[^()\\n;]*,)?|,|,?\\s+(?:in|of)\\s+(?:the\\s+)?)\\s*$`,
  'i',
);

/** How far back (in characters) "the city" looks for the city it means. */
const PLACE_REFERENCE_REACH = 1500;

/**
 * "the city", "the country": a mention of the place named before it with a fitting precision (a
 * city for "the city", a country for "the country"); dropped when there is none.
 */
function resolvePlaceReferences(
  places: PlaceMention[],
  locations: ExtractedLocation[],
  locationAt: Map<number, ExtractedLocation>,
  text: string,
): void {
  const named = locations.flatMap((loc) =>
    loc.mentions
      .filter((m) => m.use === 'PLACE' && !isLandmark(text, m.start))
      .map((m) => ({ loc, start: m.start, end: m.end })),
  );
  for (const ref of places) {
    if (ref.common !== 'reference' || !ref.refersTo) continue;
    // "the camp" is first the place written as one ("the Abu Shouk camp", "the camp of X"), then
    // the nearest place the gazetteer knows, and only then a name it does not ("Saudi Hospital").
    const noun = text.slice(ref.start, ref.end).split(/\s+/).pop()!.toLowerCase();
    const typedAfter = new RegExp(`^\\s+${noun}\\b`, 'i');
    const typedBefore = new RegExp(`\\b${noun}\\s+of\\s+$`, 'i');
    const rank = (n: { loc: ExtractedLocation; start: number; end: number }): number =>
      typedAfter.test(text.slice(n.end, n.end + 30)) || typedBefore.test(text.slice(Math.max(0, n.start - 30), n.start))
        ? 2
        : n.loc.precision === 'UNRESOLVED'
          ? 0
          : 1;
    let best: { loc: ExtractedLocation; start: number; end: number; rank: number } | null = null;
    for (const n of named) {
      if (n.start >= ref.start || ref.start - n.start > PLACE_REFERENCE_REACH) continue;
      if (!ref.refersTo.includes(n.loc.precision)) continue;
      const r = rank(n);
      if (!best || r > best.rank || (r === best.rank && n.start > best.start)) best = { ...n, rank: r };
    }
    if (!best) continue;
    best.loc.mentions.push({ start: ref.start, end: ref.end, text: text.slice(ref.start, ref.end), use: 'PLACE' });
    best.loc.mentions.sort((a, b) => a.start - b.start);
    locationAt.set(ref.start, best.loc);
  }
}

/**
 * The event date: a date in the content ("shelled ... on Monday"), else a relative link before
 * the source ("a day after X announced"), else the date the statement was made ("announced on
 * Monday that ...").
 */
function claimDate(c: RawClaim, dates: DateExpr[]): string | null {
  const usable = dates.filter((d) => d.date && !d.since && !d.monthOnly);
  const inContent = usable.find((d) => d.shiftDays === null && d.from >= c.contentFrom && d.to <= c.contentTo);
  if (inContent) return inContent.date;
  const sourceAt = c.claimantFrom ?? c.cueFrom;
  const link = [...usable]
    .reverse()
    .find((d) => d.shiftDays !== null && d.to <= sourceAt && !(d.from >= c.contentFrom && d.to <= c.contentTo));
  if (link) return link.date;
  const statement = usable.find(
    (d) =>
      d.shiftDays === null &&
      !(d.from >= c.contentFrom && d.to <= c.contentTo) &&
      ((d.from >= c.cueTo && (d.to <= c.contentFrom || c.contentTo <= c.cueFrom)) ||
        (d.to <= c.cueFrom && d.from >= sourceAt) ||
        (d.from <= 1 && d.to <= sourceAt)),
  );
  return statement?.date ?? null;
}
