/**
 * Chunk rules for bodies named by a head noun: "Armenian Defense Ministry", "Syrian Democratic
 * Forces", "Ministry of Defense of Russia", "the Hamas-run health ministry"; and platforms,
 * which are neither party nor place.
 */
import { foldName } from '../../names.js';
import { CUE_FORMS } from '../cues.js';
import { countryCodeOfPlace, countryOfName, demonymOf, isExactPlace, isKnownPlace, resolveDemonym } from '../geo.js';
import { HELD_COMPOUND, OWNER_TYPE_WORDS } from '../lexicon/mention-words.js';
import { MINISTRY_SUBJECTS } from '../lexicon/parties.js';
import { GOVERNMENT_HEADS, NON_ACTOR_HEADS, PEOPLE_HEADS } from '../lexicon/roles.js';
import { PLATFORMS } from '../lexicon/words.js';
import type { PartyKind } from '../types.js';
import type { Chunk } from './chunks.js';
import type { Owner } from './types.js';
import { addPlaceSpan, placeNameOf, stripPlaceType } from './places.js';
import type { Scan } from './scan.js';
import {
  atSentenceStart,
  canonicalHead,
  endingAt,
  extendLowerHead,
  HEAD_TRIE,
  headKind,
  isNameToken,
  KNOWN_BY_NAME,
  longest,
  normaliseWords,
} from './shared.js';

/** Platforms are not places or parties ("wrote on Telegram", "posted on X"). */
export function platform(s: Scan, { from, to, name }: Chunk): boolean {
  if (!PLATFORMS.has(foldName(name))) return false;
  s.mark(from, to);
  return true;
}

/**
 * An adjective made of a name ("ISIL-held", "Iranian-backed") is no name; before a government
 * head it names the body by who runs it ("the Hamas-run health ministry").
 */
export function heldCompound(s: Scan, { from, to }: Chunk): boolean {
  const first = s.tokens[from]!;
  if (!(to - from === 1 && HELD_COMPOUND.test(first.lower))) return false;
  const ext = extendLowerHead(s.tokens, to);
  if (ext && !NON_ACTOR_HEADS.has(ext[1]) && GOVERNMENT_HEADS.has(ext[1].split(' ').pop()!)) {
    const runner = first.text.replace(/-[a-z]+$/, '');
    const known = KNOWN_BY_NAME.get(foldName(runner));
    const affiliation = known?.affiliation ?? resolveDemonym(runner)?.code ?? countryOfName(runner)?.code ?? null;
    s.addParty(from, ext[0], {
      kind: headKind(ext[1]),
      name: `${first.text} ${canonicalHead(ext[1])}`,
      affiliation,
      head: ext[1],
      knownAliases: [],
      reference: false,
    });
  }
  return true;
}

/** Organisation by head noun: "Armenian Defense Ministry", "Syrian Democratic Forces", "Baku government". */
export function headNoun(s: Scan, { from, to, name: chunkText, owner }: Chunk): boolean {
  const { tokens, text } = s;
  // "the Iraqi Ministry of Culture": the demonym owns the body, as "Iraq's" would.
  const demonymOwner = owner ? null : leadingDemonymOwner(s, from, to);
  if (demonymOwner) return headNoun(s, { from: from + 1, to, name: s.slice(from + 1, to), owner: demonymOwner });
  let headHit = endingAt(HEAD_TRIE, tokens, from, to);
  // "... Will Welcome American Refugees": a headline in title case, not a group's name.
  if (headHit && to - from > 3 && PEOPLE_HEADS.has(headHit[1])) headHit = null;
  // A place whose name ends like an organisation ("West Bank") stays a place.
  if (headHit && headHit[0] > from && headKind(headHit[1]) === 'ORGANIZATION' && isExactPlace(chunkText)) {
    addPlaceSpan(s, from, to, chunkText, false);
    return true;
  }
  if (headHit && headHit[0] > from) {
    if (owner && !s.resolveDemonymToken(from, from + 1)) {
      // "Iran's Revolutionary Guards" → "Iranian Revolutionary Guards"
      addOwnersBody(s, owner, to, headHit[1], normaliseWords(chunkText));
      return true;
    }
    addOrganisation(s, from, headHit[0], to, headHit[1]);
    return true;
  }
  const leadingHead = longest(HEAD_TRIE, tokens, from, to);
  if (leadingHead && tokens[leadingHead[0]]?.lower === 'of' && !headHit) {
    const ofExt = extendOwner(s, leadingHead[0]);
    if (ofExt) {
      addOwned(s, from, ofExt.end, ofExt.owner, ofExt.ownerFrom, ofExt.ownerTo, leadingHead[1]);
      return true;
    }
    // "Ministry of Defence", "(Sudan's) Ministry of Foreign Affairs": the subject names the ministry.
    const subjectOf = MINISTRY_SUBJECTS[foldName(text.slice(tokens[leadingHead[0] + 1]!.start, tokens[to - 1]!.end))];
    if (subjectOf && leadingHead[1] === 'ministry') {
      const name = `${subjectOf} Ministry`;
      if (owner) addOwnersBody(s, owner, to, 'ministry', name);
      else addNamedReference(s, from, to, 'GOVERNMENT_BODY', name, 'ministry');
      return true;
    }
    // "(the Iraqi) Ministry of Culture": a government body of its own name, the owner's.
    if (owner && GOVERNMENT_HEADS.has(leadingHead[1])) {
      addOwnersBody(s, owner, to, leadingHead[1], normaliseWords(chunkText));
      return true;
    }
    // "Association of African Jurists", "Hospital Foundation of Manitoba": a body of its own name.
    if (!owner) {
      s.addParty(from, to, {
        kind: headKind(leadingHead[1]),
        name: normaliseWords(chunkText),
        affiliation: null,
        head: leadingHead[1],
        knownAliases: [],
        reference: false,
      });
      return true;
    }
  }
  if (!(headHit && headHit[0] === from)) return false;
  // Head first: "Ministry of Defense of Russia", or a bare "Ministry".
  const ofExt = extendOwner(s, to);
  const subject =
    MINISTRY_SUBJECTS[
      foldName(text.slice(tokens[from + 1 < to ? from + 1 : from]!.start, tokens[to - 1]!.end)).replace(/^of /, '')
    ];
  if (ofExt) {
    addOwned(s, from, ofExt.end, ofExt.owner, ofExt.ownerFrom, ofExt.ownerTo, headHit[1]);
    return true;
  }
  if (to - from === 1 && !atSentenceStart(tokens, from)) {
    s.addPartyAsIs(from, to, {
      kind: headKind(headHit[1]),
      name: '',
      affiliation: null,
      head: headHit[1],
      knownAliases: [],
      reference: true,
    });
    return true;
  }
  if (owner) {
    const name = subject && headHit[1] === 'ministry' ? `${subject} Ministry` : canonicalHead(chunkText);
    s.addParty(owner.from, to, {
      kind: headKind(headHit[1]),
      name: `${owner.demonym} ${name}`,
      affiliation: owner.code,
      head: headHit[1],
      knownAliases: [],
      reference: false,
    });
    return true;
  }
  if (subject) {
    s.addParty(from, to, {
      kind: 'GOVERNMENT_BODY',
      name: `${subject} Ministry`,
      affiliation: null,
      head: 'ministry',
      knownAliases: [],
      reference: false,
    });
    return true;
  }
  // An unowned "Defence Ministry": the ministry named before, else a party of its own; never a person.
  addNamedReference(s, from, to, headKind(headHit[1]), canonicalHead(chunkText), headHit[1]);
  return true;
}

/** "The Defence Ministry" with no owner: the one named before, resolved by the registry, else a party of this name. */
function addNamedReference(s: Scan, from: number, to: number, kind: PartyKind, name: string, head: string): void {
  const f = s.tokens[from - 1]?.lower === 'the' && !s.used[from - 1] ? from - 1 : from;
  s.addPartyAsIs(f, to, { kind, name, affiliation: null, head, knownAliases: [], reference: true });
}

/** A body its owner's demonym names, from the owner to `to`: "Iranian Revolutionary Guards", "Iraqi Ministry of Culture". */
function addOwnersBody(s: Scan, owner: Owner, to: number, head: string, name: string): void {
  s.addParty(owner.from, to, {
    kind: headKind(head),
    name: `${owner.demonym} ${name}`,
    affiliation: owner.code,
    head,
    knownAliases: [],
    reference: false,
  });
}

function addOrganisation(s: Scan, from: number, headFrom: number, to: number, head: string): void {
  const qualifier = s.slice(from, headFrom);
  const ofExt = extendOwner(s, to);
  if (ofExt && !s.resolveDemonymToken(from, headFrom)) {
    addOwned(s, from, ofExt.end, ofExt.owner, ofExt.ownerFrom, ofExt.ownerTo, head, qualifier);
    return;
  }
  const demonym = headFrom - from === 1 ? s.resolveDemonymToken(from, headFrom) : qualifierDemonym(s, from);
  const headText = s.slice(headFrom, to);
  if (demonym?.exact) {
    s.addParty(from, to, {
      kind: headKind(head),
      name: `${demonym.demonym} ${canonicalHead(headText)}`,
      affiliation: demonym.code ?? demonym.demonym,
      head,
      knownAliases: [],
      reference: false,
    });
    return;
  }
  const placeName = placeNameOf(s, from, headFrom);
  if (placeName) {
    const country = countryOfName(placeName);
    const owner = country ? (demonymOf(country.code) ?? placeName) : placeName;
    s.addParty(from, to, {
      kind: headKind(head),
      name: `${owner} ${canonicalHead(headText)}`,
      affiliation: country?.code ?? countryCodeOfPlace(placeName) ?? placeName,
      head,
      knownAliases: [],
      reference: false,
    });
    // "Kharkiv Regional Administration", "Mansfield Police Department": the town is mentioned too.
    if (!country) s.notePlace(from, headFrom, placeName, false);
    return;
  }
  s.addParty(from, to, {
    kind: headKind(head),
    name: normaliseWords(s.slice(from, to)),
    affiliation: demonym?.code ?? null,
    head,
    knownAliases: [],
    reference: false,
  });
}

/** "Defense Ministry of <the unrecognized region of> Nagorno Karabakh" → "Nagorno Karabakh Defense Ministry". */
function addOwned(
  s: Scan,
  from: number,
  end: number,
  owner: string,
  ownerFrom: number,
  ownerTo: number,
  head: string,
  qualifier?: string,
): void {
  const country = countryOfName(owner);
  const demonym = s.resolveDemonymToken(ownerFrom, ownerTo);
  const ownerName = demonym?.demonym ?? (country ? (demonymOf(country.code) ?? owner) : owner);
  const headWords = qualifier ? `${qualifier} ${head}` : head;
  const subject =
    MINISTRY_SUBJECTS[
      foldName(s.slice(from, end))
        .replace(/^.*?ministry of /, '')
        .replace(/ of .*$/, '')
    ];
  const headName = subject && head === 'ministry' && !qualifier ? `${subject} Ministry` : canonicalHead(headWords);
  s.addParty(from, end, {
    kind: headKind(head),
    name: `${ownerName} ${headName}`,
    affiliation: demonym?.code ?? country?.code ?? owner,
    head,
    knownAliases: [],
    reference: false,
  });
  // A region or city that owns a body is still a place mention; a country is the party's affiliation.
  if (!demonym && !country) s.notePlace(ownerFrom, ownerTo, owner, !isKnownPlace(owner));
}

/** Type words between a head and its owner that let an unknown name own it ("of the self-proclaimed republic of X"). */
const OWNER_TYPE = new RegExp(`\\b(?:${OWNER_TYPE_WORDS.join('|')})\\b`, 'i');

/** After a head: "of [the] [up to 4 lower-case words] [of] <Place>" (the owner). */
function extendOwner(s: Scan, to: number): { end: number; owner: string; ownerFrom: number; ownerTo: number } | null {
  const { tokens, text, used } = s;
  if (tokens[to]?.lower !== 'of') return null;
  let j = to + 1;
  // "Ministry of Defense of Russia": skip the ministry's subject first.
  const subjectEnd = ministrySubjectEnd(s, j);
  if (subjectEnd > j) {
    if (tokens[subjectEnd]?.lower !== 'of') return null;
    j = subjectEnd + 1;
  }
  let skipped = 0;
  while (
    j < tokens.length &&
    skipped < 6 &&
    !tokens[j]!.cap &&
    tokens[j]!.kind === 'word' &&
    !CUE_FORMS.has(tokens[j]!.lower)
  ) {
    j++;
    skipped++;
  }
  if (j >= tokens.length || !tokens[j]!.cap) return null;
  let k = j;
  while (k < tokens.length && isNameToken(tokens[k]!) && !used[k]) k++;
  if (k === j) return null;
  const owner = text.slice(tokens[j]!.start, tokens[k - 1]!.end);
  if (
    !isKnownPlace(owner) &&
    !s.resolveDemonymToken(j, k) &&
    !OWNER_TYPE.test(text.slice(tokens[to]!.start, tokens[j]!.start))
  )
    return null;
  return { end: k, owner: stripPlaceType(owner), ownerFrom: j, ownerTo: k };
}

function ministrySubjectEnd(s: Scan, j: number): number {
  const { tokens } = s;
  let best = j;
  for (let k = j + 1; k <= Math.min(tokens.length, j + 3); k++) {
    const phrase = foldName(s.slice(j, k));
    if (MINISTRY_SUBJECTS[phrase] && tokens[j]!.cap) best = k;
  }
  return best;
}

/** "Syrian Democratic Forces": a leading demonym gives the affiliation, not the name. */
function qualifierDemonym(s: Scan, from: number) {
  const d = s.resolveDemonymToken(from, from + 1);
  return d ? { ...d, exact: false } : null;
}

/** "Iraqi Ministry of ...": a leading demonym before a head and "of", as the body's owner; else null. */
function leadingDemonymOwner(s: Scan, from: number, to: number): Owner | null {
  if (to - from < 4) return null;
  const d = s.resolveDemonymToken(from, from + 1);
  if (!d?.code || d.plural) return null;
  const lead = longest(HEAD_TRIE, s.tokens, from + 1, to);
  if (!lead || s.tokens[lead[0]]?.lower !== 'of' || !STATE_OFFICE_HEADS.has(lead[1])) return null;
  return { from, code: d.code, demonym: d.demonym };
}

/** Heads of a state's own offices, which a demonym before them owns ("the Iraqi Ministry of ..."), unlike "the American Congress of ...". */
const STATE_OFFICE_HEADS = new Set(['ministry', 'department', 'office']);
