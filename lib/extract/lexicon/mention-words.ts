/** Word lists of the mention rules (mentions.ts): data only, the rules that use them live there. */

export const CONNECTORS_AFTER_HEAD = new Set(['of', 'for']);

export const NAME_PARTICLES = new Set(['al', 'el', 'bin', 'ibn', 'abu', 'van', 'von', 'de', 'da', 'del', 'der', 'la', 'le', 'du', 'dos', 'das']);

export const DATE_WORDS = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february',
  'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'jan.', 'feb.', 'mar.', 'apr.', 'jun.', 'jul.', 'aug.', 'sep.', 'sept.', 'oct.', 'nov.', 'dec.',
]);

export const NEVER_NAMES = new Set(['i', 'i’m', "i'm", 'ok', 'tv', 'am', 'pm', 'a.m.', 'p.m.']);

export const SHORT_MONTHS = new Set(['jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec']);

/** "pro-Houthi", "anti-government", "Anti-Houthi": who a force sides with or against. */
export const ALIGNED_COMPOUND = /^(pro|anti|Pro|Anti)-(\p{Lu}[\p{L}'’]*)$/u;

/** "Saudi-led", "Iranian-backed", "Russia-aligned": who leads or backs a force. */
export const LED_COMPOUND = /^(\p{Lu}[\p{L}'’]*)-(?:led|backed|allied|aligned|affiliated|supported|sponsored|funded)$/u;

export const FORCES_OF = new Set(['forces', 'troops', 'army', 'militia', 'fighters', 'soldiers']);

/** Acts of a government that a capital is the subject of ("Washington urged", "Moscow summoned"). */
export const SEAT_VERBS = new Set(['called', 'calls', 'demanded', 'demands', 'vowed', 'vows', 'summoned', 'summons', 'expelled', 'recalled', 'imposed', 'responded', 'retaliated', 'announced', 'approved', 'signed', 'agreed', 'refused', 'rejects', 'insists', 'wants', 'sought', 'seeks', 'pledged', 'offered', 'ordered']);

/** Head words of institutions: a chunk with one is never a person's name. */
export const INSTITUTION_WORDS = new Set(['ministry', 'council', 'department', 'agency', 'committee', 'commission', 'office', 'parliament', 'government', 'forces', 'army', 'command', 'authority', 'assembly', 'court', 'organization', 'organisation', 'union', 'embassy', 'directorate', 'presidency', 'cabinet', 'secretariat']);

/** Words that open a noun phrase: articles, counts, possessives. */
export const NP_DETERMINERS = /^(?:a|an|the|this|that|these|those|its|their|his|her|our|another|other|several|multiple|some|many|various|numerous|few|all|both|each|every|more|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|\d+)$/;

/** Words that end a noun phrase. */
export const NP_STOP = new Set([
  'and', 'or', 'but', 'nor', 'that', 'which', 'who', 'whom', 'whose', 'where', 'when', 'while', 'as', 'than',
  'was', 'were', 'is', 'are', 'be', 'been', 'being', 'has', 'have', 'had', 'will', 'would', 'could', 'should',
  'can', 'may', 'might', 'must', 'did', 'does', 'do', 'not', 'also', 'to', 'by', 'for', 'of', 'with', 'in', 'at',
  'on', 'near', 'from', 'into', 'inside', 'outside', 'across', 'around', 'over', 'under', 'against', 'during',
  'after', 'before', 'since', 'until', 'between', 'through', 'throughout', 'along', 'within', 'without', 'about',
  'including', 'killing', 'wounding', 'injuring', 'leaving', 'it', 'they', 'he', 'she', 'we', 'them', 'there',
  'here', 'said', 'says', 'according', 'because', 'if', 'so', 'then', 'yesterday', 'today', 'overnight',
  'due', 'amid', 'despite', 'per', 'via', 'once', 'again', 'still', 'already', 'now',
]);

/** Adjectives between a name and its government head ("Kurdistan regional government"). */
export const BODY_ADJECTIVES = new Set(['regional', 'provincial', 'local', 'federal', 'central', 'interim', 'transitional', 'national', 'military', 'civilian', 'de facto', 'self-declared', 'separatist', 'puppet']);

/** A name made an adjective: "ISIL-held", "Iranian-backed", "Houthi-controlled". */
export const HELD_COMPOUND = /-(?:held|controlled|led|backed|based|occupied|run|linked|allied|aligned|affiliated|supported|sponsored|funded|made|annexed|dominated|style)$/;

/** Last words that make a capitalised name a facility ("Ishtar Gate", "Iraqi Museum", "Al-Shifa Hospital"). */
export const FACILITY_WORDS = new Set([
  'gate', 'museum', 'mosque', 'cathedral', 'hospital', 'airport', 'stadium', 'palace', 'square',
  'market', 'bazaar', 'prison', 'jail', 'monastery', 'shrine', 'synagogue',
  'refinery', 'harbor', 'harbour', 'station', 'complex', 'compound', 'hotel', 'cemetery', 'barracks',
  'airbase', 'garrison', 'checkpoint', 'plant', 'mall', 'citadel', 'fortress',
]);

/** First words that make a capitalised name a place ("Camp Hurriya", "Fort Campbell", "Mount Hermon"). */
export const LEADING_PLACE_WORDS = new Set(['camp', 'fort', 'mount', 'mt.', 'lake', 'kibbutz', 'moshav', 'wadi', 'jebel', 'jabal', 'cape']);

/** Words after a name that make it a division ("Donetsk region", "Idlib province"). */
export const DIVISION_WORDS = new Set(['region', 'province', 'oblast', 'governorate', 'district', 'county', 'municipality', 'prefecture', 'raion', 'krai']);

/** Place types that introduce a name with "of" ("the city of X", "the port city of X"), not "the capital of X". */
export const INTRODUCING_TYPES = new Set([
  'city', 'town', 'village', 'port', 'region', 'province', 'district', 'governorate', 'oblast', 'county',
  'municipality', 'settlement', 'hamlet', 'locality', 'island', 'commune', 'kibbutz', 'neighborhood',
  'neighbourhood', 'suburb', 'state', 'prefecture', 'raion', 'krai', 'canton', 'emirate', 'enclave',
]);
