/**
 * When a country's name is a state acting rather than a place: the subject of a verb ("Israel
 * has launched"), the object of support or attack ("support Iraq"), three countries in a row,
 * an owner ("Russia's Defence Ministry", "the government of Iraq"). Used by the place rule.
 */
import { CUE_FORMS } from '../cues.js';
import { WEEKDAYS } from '../dates.js';
import type { Country } from '../geo.js';
import { demonymOf } from '../geo.js';
import { CUE_AUXILIARIES } from '../lexicon/cues.js';
import { ACTOR_AUXILIARIES, SEAT_VERBS, VERB_NOUN_FOLLOWERS } from '../lexicon/mention-words.js';
import {
  DIRECTIONS,
  NON_ACTOR_HEADS,
  PLACE_PREPOSITIONS,
  POSSESSIVE_PLACE_ADJECTIVES,
  POSSESSIVE_PLACE_NOUNS,
  STATE_APPOSITION_NOUNS,
  STATE_COMPANION_PREPOSITIONS,
  STATE_OBJECT_VERBS,
} from '../lexicon/roles.js';
import type { Token } from '../tokens.js';
import { countryOfName } from '../geo.js';
import { isCommonNoun, isVerbForm } from '../wordclass.js';
import type { Scan } from './scan.js';
import { canonicalHead, headKind, isNameToken, LOWER_HEAD_TRIE, longest, tokenKey } from './shared.js';

/**
 * "Russia's ...": the state owns what follows. A party after it ("Russia's Defence Ministry",
 * "Israel's Foreign Minister Israel Katz") takes it as owner; a place noun makes it a place
 * ("Russia's Kursk region", "Ukraine's east"); anything else makes it the acting state
 * ("Iraq's efforts", "Turkey's constitution").
 */
export function possessiveState(s: Scan, from: number, to: number, placeName: string, country: Country): void {
  const { tokens, used } = s;
  const k = to + 1;
  const next = s.chunkList.find(([a]) => a === k);
  if (next && !used[k]) {
    const before = s.out.length;
    s.classifyChunk(next[0], next[1], {
      from,
      code: country.code,
      demonym: demonymOf(country.code) ?? country.name,
    });
    s.rule = 'chunk/possessive-state';
    const added = s.out.slice(before);
    if (added.some((m) => m.type === 'party' && m.from <= from)) return;
    if (added.some((m) => m.type === 'place')) {
      s.addPlace(from, to, placeName, false);
      return;
    }
  }
  s.rule = 'chunk/possessive-state';
  let j = k;
  while (j < tokens.length && j < k + 3 && !tokens[j]!.cap && POSSESSIVE_PLACE_ADJECTIVES.has(tokens[j]!.lower)) j++;
  const noun = tokens[j];
  if (noun && !noun.cap && POSSESSIVE_PLACE_NOUNS.has(noun.lower)) {
    s.addPlace(from, to, placeName, false);
    return;
  }
  s.addParty(from, to, {
    kind: 'STATE',
    name: country.name,
    affiliation: country.code,
    head: null,
    knownAliases: [],
    reference: false,
  });
}

/** "the people of Iraq", "the government of Iraq": the country's own body or people ("Iraqi government"). */
export function stateOwned(s: Scan, from: number, to: number, country: Country): boolean {
  const { tokens, used } = s;
  let k = from - 1;
  if (tokens[k]?.lower === 'the') k--;
  if (tokens[k]?.lower !== 'of' || used[k]) return false;
  const headAt = k - 1;
  const head = tokens[headAt];
  if (!head || head.cap || used[headAt] || !LOWER_HEAD_TRIE.next.has(tokenKey(head))) return false;
  const hit = longest(LOWER_HEAD_TRIE, tokens, headAt, k);
  if (!hit || hit[0] !== k || NON_ACTOR_HEADS.has(hit[1])) return false;
  const start = tokens[headAt - 1]?.lower === 'the' && !used[headAt - 1] ? headAt - 1 : headAt;
  const demonym = demonymOf(country.code) ?? country.name;
  s.addParty(start, to, {
    kind: headKind(hit[1]),
    name: `${demonym} ${canonicalHead(hit[1])}`,
    affiliation: country.code,
    head: hit[1],
    knownAliases: [],
    reference: false,
  });
  return true;
}

/** Three or more countries in a row act together ("Australia, Canada, France and Jordan conducted ..."). */
export function inCountryList(s: Scan, from: number, to: number): boolean {
  const { tokens } = s;
  const isCountry = (a: number, b: number) => b > a && isNameToken(tokens[a]!) && !!countryOfName(s.slice(a, b));
  const isSep = (t: Token | undefined) => !!t && (t.text === ',' || t.lower === 'and');
  let count = 1;
  // Forward: ", B", ", and the C".
  for (let k = to; isSep(tokens[k]); ) {
    let a = k + 1;
    if (tokens[a]?.lower === 'and') a++;
    if (tokens[a]?.lower === 'the') a++;
    let b = a;
    while (tokens[b] && isNameToken(tokens[b]!)) b++;
    if (!isCountry(a, b)) break;
    count++;
    k = b;
  }
  // Backward: "A, the B, " before this one.
  let k = tokens[from - 1]?.lower === 'the' ? from - 2 : from - 1;
  while (isSep(tokens[k])) {
    let b = k;
    if (tokens[k]!.lower === 'and' && tokens[k - 1]?.text === ',') b--;
    let a = b;
    while (a > 0 && isNameToken(tokens[a - 1]!)) a--;
    if (!isCountry(a, b)) break;
    count++;
    k = tokens[a - 1]?.lower === 'the' ? a - 2 : a - 1;
  }
  return count >= 3;
}

/** Past a time between a subject and its verb: "Nigeria today announced", "Israel on Sunday said". */
function afterTime(tokens: Token[], k: number): number {
  const t = tokens[k];
  if (!t) return k;
  // "Moscow, meanwhile, insists", "Kyiv, for its part, said": a short aside set off by commas.
  if (t.text === ',') {
    for (let e = k + 1; e <= k + 5 && tokens[e]; e++) {
      if (tokens[e]!.text === ',' && e > k + 1) return e + 1;
      if (tokens[e]!.kind !== 'word' || tokens[e]!.cap) break;
    }
    return k;
  }
  if (/^(?:today|yesterday|tonight|earlier|later)$/.test(t.lower)) return k + 1;
  if (t.cap && WEEKDAYS.includes(t.lower)) return k + 1;
  if (t.lower === 'on' && tokens[k + 1]?.cap && WEEKDAYS.includes(tokens[k + 1]!.lower)) return k + 2;
  if (/^(?:last|this)$/.test(t.lower) && /^(?:week|month|night|year)$/.test(tokens[k + 1]?.lower ?? '')) return k + 2;
  return k;
}

/** The subject of a reporting verb: "Kyiv denied", "Moscow has repeatedly said", "a claim Kyiv denied". */
export function isSpeakerPosition(tokens: Token[], from: number, to: number): boolean {
  const prev = tokens[from - 1];
  if (prev && (PLACE_PREPOSITIONS.has(prev.lower) || prev.lower === 'by')) return false;
  let k = afterTime(tokens, to);
  while (tokens[k] && (CUE_AUXILIARIES.has(tokens[k]!.lower) || /ly$/.test(tokens[k]!.lower)) && k < to + 3) k++;
  const verb = tokens[k];
  return (
    !!verb &&
    !verb.cap &&
    (CUE_FORMS.has(verb.lower) || STATE_OBJECT_VERBS.has(verb.lower) || SEAT_VERBS.has(verb.lower)) &&
    !/ing$/.test(verb.lower)
  );
}

/** Subject of a clause: a state acting ("Azerbaijan said", "Israel has launched"), not a place. */
export function isActorPosition(tokens: Token[], from: number, to: number): boolean {
  const prev = tokens[from - 1];
  if (
    prev &&
    ((DIRECTIONS.has(prev.lower) && !prev.cap) ||
      PLACE_PREPOSITIONS.has(prev.lower) ||
      prev.lower === 'by' ||
      (prev.lower === 'and' && tokens[from - 2] && PLACE_PREPOSITIONS.has(tokens[from - 2]!.lower)))
  )
    return false;
  const at = afterTime(tokens, to);
  const next = tokens[at];
  if (!next) return false;
  if (CUE_FORMS.has(next.lower)) return true;
  let k = at;
  while (tokens[k] && /ly$/.test(tokens[k]!.lower) && tokens[k]!.kind === 'word') k++;
  const verb = tokens[k];
  if (!verb || verb.cap) return false;
  if (ACTOR_AUXILIARIES.has(verb.lower)) return true;
  if (!isVerbForm(verb.text) || /ing$/.test(verb.lower)) return false;
  if (!isCommonNoun(verb.text)) return true;
  // A verb that is also a noun ("stands", "backed") is a verb when a preposition or article follows.
  return /(?:s|ed)$/.test(verb.lower) && VERB_NOUN_FOLLOWERS.has(tokens[k + 1]?.lower ?? '');
}

/**
 * A country named as an actor rather than a place, where no verb follows it: the object of a
 * verb of support, attack or persuasion ("support Iraq", "attack the United States"), after
 * "with"/"between"/"against", in apposition ("our ally Turkey"), before "to" and a verb ("for
 * Iraq to obtain"), or the first of two subjects ("the United States and Iraq signed").
 */
export function isStateActor(tokens: Token[], from: number, to: number): boolean {
  let p = from - 1;
  if (tokens[p]?.lower === 'the') p--;
  const prev = tokens[p];
  // "central Iran", "northern Syria": a part of the country is a place.
  if (prev && !prev.cap && DIRECTIONS.has(prev.lower)) return false;
  if (prev && !prev.cap) {
    // "the border with Iran", "the frontier between Syria and Turkey" are places.
    const companion =
      STATE_COMPANION_PREPOSITIONS.has(prev.lower) && !POSSESSIVE_PLACE_NOUNS.has(tokens[p - 1]?.lower ?? '');
    if (companion || STATE_APPOSITION_NOUNS.has(prev.lower) || STATE_OBJECT_VERBS.has(prev.lower)) return true;
    if (PLACE_PREPOSITIONS.has(prev.lower) || prev.lower === 'by') return false;
  }
  const next = tokens[to];
  if (!next) return false;
  if (
    next.lower === 'to' &&
    tokens[to + 1] &&
    !tokens[to + 1]!.cap &&
    isVerbForm(tokens[to + 1]!.text) &&
    !isCommonNoun(tokens[to + 1]!.text)
  )
    return true;
  // "the United States and Iraq signed": the second subject's verb decides for both.
  if (next.lower === 'and' && !(prev && PLACE_PREPOSITIONS.has(prev.lower))) {
    let k = to + 1;
    if (tokens[k]?.lower === 'the') k++;
    const a = k;
    while (tokens[k] && tokens[k]!.cap) k++;
    if (k > a && isActorPosition(tokens, a, k)) return true;
  }
  return false;
}
