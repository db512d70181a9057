/**
 * Chunk rules for people: a title before a name ("Azerbaijani President Ilham Aliyev", "Lt. Gen.
 * Stephen J. Townsend") or a role with no name ("U.S. Secretary of State"); a surname of someone
 * named before; a bare name that looks like a person's.
 */
import { foldName } from '../../names.js';
import { CUE_FORMS } from '../cues.js';
import { countryOfName, demonymOf } from '../geo.js';
import { INSTITUTION_WORDS, NOT_PERSON_ENDINGS, SURNAME_LIKE_ENDINGS } from '../lexicon/mention-words.js';
import {
  ADJECTIVE_TITLES,
  NAME_INNER_TITLES,
  NAMED_OPERATION_WORDS,
  PERSON_NOUNS_BEFORE_NAMES,
  PERSON_ROLE_WORDS,
  PERSON_TITLES,
} from '../lexicon/roles.js';
import type { Token } from '../tokens.js';
import { isCommonWord, isFirstName, isLastName } from '../wordclass.js';
import type { Chunk } from './chunks.js';
import { placeNameOf } from './places.js';
import type { Scan } from './scan.js';
import type { PartyMention } from './types.js';
import {
  afterJoinedParticle,
  atSentenceStart,
  canonicalPersonName,
  endingAt,
  HEAD_TRIE,
  isAcronym,
  KNOWN_TRIE,
  longest,
  TITLE_TRIE,
  titleCase,
} from './shared.js';

/** Person: [qualifier] Title Name, or a title with no name (a role). */
export function titledPerson(s: Scan, { from, to, owner }: Chunk): boolean {
  const { tokens, text } = s;
  const person = splitTitle(tokens, from, to);
  if (!person) return false;
  const { titleFrom, titleTo, title } = person;
  // "Mexico's Security Secretary X": the owner is the qualified title's too, the qualifier being short.
  let affiliation =
    (titleFrom > from ? qualifierAffiliation(s, from, titleFrom) : null) ??
    (titleFrom - from <= 2 ? owner?.code : null) ??
    null;
  // "Fargo Mayor Dennis Walaker", "Odesa regional governor": a town that qualifies a title is mentioned too.
  const qualifierPlace = titleFrom > from && !affiliation ? placeNameOf(s, from, titleFrom) : null;
  if (qualifierPlace && !countryOfName(qualifierPlace)) s.notePlace(from, titleFrom, qualifierPlace, false);
  let start = owner?.from ?? from;
  if (titleTo < to) {
    const name = text.slice(tokens[titleTo]!.start, tokens[to - 1]!.end);
    // "IDF spokesman Rear Adm. Daniel Hagari", "Pakistan's army chief, Gen. Asim Munir,": the role
    // before is this person, whose party it names.
    const role = owner ? undefined : (roleBefore(s, from) ?? appositiveRole(s, from, to));
    if (role?.kind === 'PERSON' && (role.to === from || isApposition(s, role.to, to))) {
      s.out.splice(s.out.indexOf(role), 1);
      start = role.from;
      affiliation ??= role.affiliation;
    }
    s.addParty(start, to, {
      kind: 'PERSON',
      name: canonicalPersonName(name),
      affiliation,
      head: title,
      knownAliases: [],
      reference: false,
    });
    rememberSurname(s, canonicalPersonName(name));
    return true;
  }
  // A title with no name: a role ("Azerbaijani President", "U.S. Secretary of State").
  const qualifier =
    titleFrom > from ? text.slice(tokens[from]!.start, tokens[titleFrom - 1]!.end) : (owner?.demonym ?? '');
  s.addParty(start, to, {
    kind: 'PERSON',
    name: qualifier
      ? `${titleFrom > from ? (qualifierName(s, from, titleFrom) ?? qualifier) : qualifier} ${titleCase(title)}`
      : '',
    affiliation,
    head: title,
    knownAliases: [],
    reference: !qualifier,
  });
  return true;
}

/** "Pakistan's army chief, Gen. Asim Munir,": a role that ends in a title word, before a comma and the name. */
function appositiveRole(s: Scan, from: number, to: number): PartyMention | undefined {
  const last = s.tokens[from - 2];
  if (
    s.tokens[from - 1]?.text !== ',' ||
    !last ||
    !(PERSON_ROLE_WORDS.has(last.lower) || PERSON_TITLES.has(last.lower))
  )
    return undefined;
  if (!isApposition(s, from - 1, to)) return undefined;
  return s.out.find((m): m is PartyMention => m.type === 'party' && !m.reference && m.to === from - 1);
}

/** Role words that name a person after the noun of what they lead ("rebel leader", "army chief"). */
const LED_ROLES = new Set(['leader', 'chief', 'head']);

/** "<role>, <name>,": a name set off by commas right after a role. */
function isApposition(s: Scan, roleTo: number, nameTo: number): boolean {
  const after = s.tokens[nameTo];
  return s.tokens[roleTo]?.text === ',' && (after?.text === ',' || CUE_FORMS.has(after?.lower ?? ''));
}

/** A surname of a person named earlier in the article ("Davis" after "Capt. Jeff Davis"). */
export function knownSurname(s: Scan, { from, to }: Chunk): boolean {
  const surname = to - from === 1 ? s.ctx.surnames.get(foldName(s.tokens[from]!.text)) : undefined;
  if (!surname) return false;
  s.addParty(from, to, {
    kind: 'PERSON',
    name: surname,
    affiliation: null,
    head: null,
    knownAliases: [],
    reference: false,
  });
  return true;
}

/** A name no other rule took that looks like a person's ("Nabil Abdallah told ..."). */
export function personName(s: Scan, { from, to, name: chunkText }: Chunk): boolean {
  if (!looksLikePersonName(s, from, to)) return false;
  const name = canonicalPersonName(chunkText);
  const role = roleBefore(s, from);
  // "Houthi spokesman Yahya Saree": the role, a party mention of its own, is the person's title.
  const titled = role?.to === from && role.kind === 'PERSON';
  if (titled) s.out.splice(s.out.indexOf(role), 1);
  s.addParty(titled ? role.from : from, to, {
    kind: 'PERSON',
    name,
    affiliation: role?.affiliation ?? null,
    head: null,
    knownAliases: [],
    reference: false,
  });
  rememberSurname(s, name);
  return true;
}

/**
 * The party whose role a name follows: "Houthi spokesman Yahya Saree" (the role itself),
 * "Russian Foreign Ministry spokeswoman Maria Zakharova" (the body, which stays a party).
 */
function roleBefore(s: Scan, from: number): PartyMention | undefined {
  const prev = s.tokens[from - 1];
  if (!prev || !(PERSON_ROLE_WORDS.has(prev.lower) || PERSON_TITLES.has(prev.lower))) return undefined;
  return s.out.find(
    (m): m is PartyMention => m.type === 'party' && !m.reference && (m.to === from || m.to === from - 1),
  );
}

/** A person's surname, to know them by it later; "al-Abadi" is known as "Abadi" too. */
function rememberSurname(s: Scan, name: string): void {
  const parts = name.split(/\s+/);
  if (parts.length < 2) return;
  const last = parts[parts.length - 1]!;
  s.ctx.surnames.set(foldName(last), name);
  const bare = afterJoinedParticle(last);
  if (bare && !s.ctx.surnames.has(foldName(bare))) s.ctx.surnames.set(foldName(bare), name);
}

function looksLikePersonName(s: Scan, from: number, to: number): boolean {
  const { tokens } = s;
  const n = to - from;
  if (n < 2 || n > 4) return false;
  const words = tokens.slice(from, to);
  if (words.some((w) => isAcronym(w) && !/^[A-Z]\.$/.test(w.text))) return false;
  // An institution is never a person ("Ministry of Defence", "Security Council").
  if (words.some((w) => INSTITUTION_WORDS.has(w.lower))) return false;
  // Nor a school, a patrol or a township ("Minnesota State Patrol"), unless a first name starts a
  // surname that is also such a word ("Sarah Park").
  const last = words[n - 1]!.lower;
  // "Operation Inherent Resolve", "Exercise Eager Lion": a named operation is no one.
  if (NAMED_OPERATION_WORDS.has(words[0]!.lower)) return false;
  // "Hospital Foundation of Manitoba": a name with "of" inside is a body's.
  if (words.some((w) => w.lower === 'of')) return false;
  if (NOT_PERSON_ENDINGS.has(last) && !(SURNAME_LIKE_ENDINGS.has(last) && isFirstName(words[0]!.text))) return false;
  // "The army's spokesman, Nabil Abdallah, told ...": a name set off after a role.
  const before = tokens[from - 2];
  if (
    tokens[from - 1]?.text === ',' &&
    before &&
    !before.cap &&
    (PERSON_ROLE_WORDS.has(before.lower) || PERSON_TITLES.has(before.lower)) &&
    (tokens[to]?.text === ',' || CUE_FORMS.has(tokens[to]?.lower ?? ''))
  )
    return true;
  if (atSentenceStart(tokens, from) && isCommonWord(words[0]!.text) && !isFirstName(words[0]!.text)) return false;
  if (isFirstName(words[0]!.text) || isLastName(words[n - 1]!.text)) return true;
  // "ousted president Jean-Bertrand Aristide", "candidate Alassane Ouattara": a lower-case role
  // names whoever follows, whatever the name lists know of them.
  const role = tokens[from - 1];
  if (
    role &&
    !role.cap &&
    ((PERSON_TITLES.has(role.lower) && !ADJECTIVE_TITLES.has(role.lower)) ||
      PERSON_NOUNS_BEFORE_NAMES.has(role.lower) ||
      // "opposition leader X", "army chief X": a noun before makes "leader" or "chief" a role.
      // So does a role the rules already took ("Palestinian leader X").
      (LED_ROLES.has(role.lower) &&
        ((tokens[from - 2]?.kind === 'word' && !tokens[from - 2]!.cap) ||
          s.out.some((m) => m.type === 'party' && m.to === from))))
  )
    return true;
  const next = tokens[to];
  return (
    !!next &&
    (CUE_FORMS.has(next.lower) ||
      (next.text === ',' && !!tokens[to + 1] && /^(?:a|an|the)$/.test(tokens[to + 1]!.lower)))
  );
}

/** Title words inside a chunk; the name is what follows the last title. */
export function splitTitle(
  tokens: Token[],
  from: number,
  to: number,
): { titleFrom: number; titleTo: number; title: string } | null {
  let found: { titleFrom: number; titleTo: number; title: string } | null = null;
  for (let i = from; i < to; i++) {
    const hit = longest(TITLE_TRIE, tokens, i, to);
    if (!hit) continue;
    const [end, title] = hit;
    // "President Hassan Sheikh Mohamud": an honorific after a name word is part of the name.
    if (found && i > found.titleTo && NAME_INNER_TITLES.has(title)) continue;
    // Extend over stacked titles: "Lt. Gen.", "Deputy Secretary of State".
    if (found && found.titleTo === i) found = { titleFrom: found.titleFrom, titleTo: end, title };
    else if (!found) found = { titleFrom: i, titleTo: end, title };
    else found = { titleFrom: i, titleTo: end, title };
    i = end - 1;
  }
  if (!found) return null;
  // "Defense Ministry", "Security Council": a head after the title makes it an organisation.
  const headAfter = endingAt(HEAD_TRIE, tokens, found.titleFrom, to);
  if (
    headAfter &&
    (found.titleTo === to ? headAfter[0] >= found.titleFrom && !PERSON_TITLES.has(headAfter[1]) : true) &&
    !PERSON_TITLES.has(headAfter[1])
  )
    return null;
  return found;
}

function qualifierAffiliation(s: Scan, from: number, to: number): string | null {
  const d = s.resolveDemonymToken(from, to) ?? s.resolveDemonymToken(from, from + 1);
  if (d?.code) return d.code;
  const q = s.slice(from, to);
  const known = longest(KNOWN_TRIE, s.tokens, from, to);
  if (known && known[0] === to) return known[1].party.affiliation ?? known[1].party.name;
  const country = countryOfName(q);
  return country?.code ?? null;
}

function qualifierName(s: Scan, from: number, to: number): string | null {
  const d = s.resolveDemonymToken(from, to);
  if (d) return d.demonym;
  const country = countryOfName(s.slice(from, to));
  return country ? demonymOf(country.code) : null;
}
