/**
 * Mentions of parties and places in one sentence, by rules over capitalised chunks and
 * lexicons: titles before names, head nouns after demonyms, "the city of X", gazetteer names.
 * The passes run in order, each taking tokens the ones before left free; every mention records
 * the rule that made it. The output is raw mentions; parties.ts merges them into parties and
 * resolves references.
 */
import type { Sentence } from '../sentences.js';
import { actorPlaces } from './actor-places.js';
import { alignedForces } from './aligned-forces.js';
import { capitalisedChunks } from './chunks.js';
import { shoutedDateline } from './datelines.js';
import { bareCountyNames, countiesBeforeOffices, shortCounties } from './counties.js';
import { divisionLists } from './division-lists.js';
import { genericActors } from './generic-actors.js';
import { knownParties } from './known-parties.js';
import { legislatorPlaces } from './legislator-places.js';
import { levelBodies } from './level-bodies.js';
import { placesInLists } from './place-lists.js';
import { placesInsideNames } from './places.js';
import { references } from './references.js';
import { Scan } from './scan.js';
import { placeReferencesAndSites } from './sites.js';
import type { Mention, MentionContext } from './types.js';

export type { Mention, MentionContext, PartyMention, PlaceMention } from './types.js';

/** The passes in the order they run. */
const PASSES: ((s: Scan) => void)[] = [
  // 0. Forces named by whom they side with or who leads them, and "forces of X".
  alignedForces,
  // 0b. A dateline in capitals after a headline in the same paragraph ("WINONA -- The body ...").
  shoutedDateline,
  // 1. Known parties from the lexicon.
  knownParties,
  // 1b. Lists of names before a plural division word ("Barrow and Jackson counties"): typed divisions.
  divisionLists,
  // 1c. The place a legislator represents after the party's initial ("D-N.Y.", "R-Elbow Lake").
  legislatorPlaces,
  // 1d. A county's bare name before its offices ("DuPage Sheriff"): noted as the county.
  countiesBeforeOffices,
  // 1e. A county written short ("Platte Co."): the county.
  shortCounties,
  // 2. Capitalised chunks, by the chunk rules (chunks.ts): people, bodies, demonyms, places, acronyms.
  capitalisedChunks,
  // 2b. Bodies named by level and head ("local authorities", "security forces").
  levelBodies,
  // 2c. Places that bodies are named after ("Gainesville Police"), inside those bodies' names.
  placesInsideNames,
  // 2c'. Names no rule took in a list with places ("Monroe, Trenton and Seven Mile").
  placesInLists,
  // 2d. Countries named as actors ("Iran said") and demonyms ("Iraqi forces"): place mentions of those uses.
  actorPlaces,
  // 3. Lower-case references to parties ("the ministry", "the president").
  references,
  // 3b. Sides named by a common noun ("militants", "enemy forces", "the international community").
  genericActors,
  // 4. Places that are not names: references back ("the city") and sites ("two bridges").
  placeReferencesAndSites,
  // 5. Places named as a county without its type word ("DuPage", "D-Monongalia"): named as the county.
  bareCountyNames,
];

export function findMentions(sentence: Sentence, text: string, ctx: MentionContext): Mention[] {
  const s = new Scan(sentence, text, ctx);
  for (const pass of PASSES) pass(s);
  return s.out.sort((a, b) => a.start - b.start);
}
