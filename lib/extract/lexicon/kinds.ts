/** Words that make a claim an attack, a territorial claim or a movement. Data only; first match wins. */
import type { ClaimKind } from '../types.js';

export const CLAIM_KIND_PATTERNS: [ClaimKind, RegExp][] = [
  [
    'CASUALTIES',
    /\b(?:killed|killing|died|dead|death toll|deaths|casualties|fatalities|wounded|injured|lost their lives|martyred|bodies)\b/i,
  ],
  [
    'TERRITORIAL_CONTROL',
    /\b(?:(?:took|taken|take|taking|seized?|seizing|gained|gaining|established|establishing|regained|restored|lost|losing|full|complete|under (?:their|its|our|his|her))\s+control|control (?:of|over)|captur(?:ed|e|ing)(?: of)? (?:the )?(?:\w+ )?(?:city|town|village|settlement|region|district|area|territory|hill|heights|airport|base|bridge)|(?:captured|liberated|recaptured|retook|retaken|seized|occupied|liberation of|fall of|fell to|has fallen|encircled|surrounded|overran|overrun|overrunning)\b)/i,
  ],
  [
    'ATTACK',
    /\b(?:shell(?:ed|ing|s)?|struck|strikes?|airstrikes?|air strikes?|attack(?:ed|s|ing)?|bomb(?:ed|ing|ings|s)?|fir(?:ed|ing) (?:on|at|rockets?|missiles?)|launch(?:ed|ing|es)? (?:[\w-]+ ){0,3}?(?:drones?|missiles?|rockets?|strikes?|airstrikes?|attacks?|assaults?|offensives?)|missiles?|rockets?|drones? (?:strike|attack|targeting)|target(?:ed|ing)|clash(?:es|ed)|fighting|offensive|assault|raid(?:ed|s)?|destroy(?:ed|ing)|ambush(?:ed)?|hit|pounded|shot down|intercept(?:ed|ing|s)?|counter-?attack|artillery fire|sniper|invasion|invaded|battles?|abduct(?:ed|ing|ion|ions)|kidnap(?:ped|ping|pings)?|demolish(?:ed|ing)|stormed|storming|torched|set\s+(?:fire\s+to|ablaze|on\s+fire)|razed|looted|burn(?:ed|t)\s+(?:down\s+)?(?:(?:\d+|dozens\s+of|hundreds\s+of|several|many|the|their|its|an?)\s+)?(?:[\w-]+\s+){0,2}?(?:houses?|homes?|huts?|villages?|buildings?|shops?|markets?|vehicles?|cars?|trucks?|churches|church|mosques?|schools?|clinics?|hospitals?|crops|posts?|stations?|offices?|cent(?:re|er)s?|facilit(?:y|ies)|camps?|warehouses?|bridges?|tents?|farms?|granar(?:y|ies)))\b/i,
  ],
  [
    'MOVEMENT',
    /\b(?:withdr(?:ew|awn|aw|awal|awing)|retreat(?:ed|ing)?|pull(?:ed|ing)? (?:back|out)|deploy(?:ed|ment|ing)?|advanc(?:ed|e|ing)|moved|moving|evacuat(?:ed|ion|ing)|redeploy(?:ed)?|convoy|reinforcements?|mobiliz(?:ed|ation)|crossed|entered|entering)\b/i,
  ],
];

/**
 * An event named back ("the attack", "in the blast"): a figure that names it is about the event
 * of the sentence before, and so about its places.
 */
export const EVENT_REFERENCE =
  /\b(?:the|this|that)\s+(?:(?:\w+|\w+-\w+)\s+)?(?:attacks?|strikes?|airstrikes?|blasts?|explosions?|bombings?|raids?|ambush|shelling|assault|clashes|fighting|incident|operation|offensive|battle|encounter|shooting|massacre)\b/i;

/**
 * A figure over a wider span than one event ("since the war began", "so far this year", "in the
 * past week"): it stays without the places of the sentence before.
 */
export const WIDER_SCOPE =
  /\b(?:since|so\s+far|to\s+date|in\s+total|overall|altogether|(?:this|last|past|previous)\s+(?:day|days|week|weeks|month|months|year|years|\d+\s+\w+)|the\s+(?:war|conflict|fighting\s+began|start\s+of)|nationwide|across\s+the\s+country)\b/i;
