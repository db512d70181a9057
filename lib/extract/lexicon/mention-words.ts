/** Word lists of the mention rules (mentions/): data only, the rules that use them live there. */

export const CONNECTORS_AFTER_HEAD = new Set(['of', 'for']);

export const NAME_PARTICLES = new Set([
  'al',
  'el',
  'bin',
  'ibn',
  'abu',
  'van',
  'von',
  'de',
  'da',
  'del',
  'der',
  'la',
  'le',
  'du',
  'dos',
  'das',
]);

export const DATE_WORDS = new Set([
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'jan.',
  'feb.',
  'mar.',
  'apr.',
  'jun.',
  'jul.',
  'aug.',
  'sep.',
  'sept.',
  'oct.',
  'nov.',
  'dec.',
]);

/** Feasts and holy days: "during Eid prayers", "in Easter week" name a time, never a place. */
export const HOLIDAYS = [
  'Eid',
  'Ramadan',
  'Easter',
  'Christmas',
  'Passover',
  'Hanukkah',
  'Diwali',
  'Nowruz',
  'Ashura',
  'Thanksgiving',
  'Purim',
  'Sukkot',
];

export const NEVER_NAMES = new Set(['i', 'i’m', "i'm", 'ok', 'tv', 'am', 'pm', 'a.m.', 'p.m.']);

export const SHORT_MONTHS = new Set([
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
]);

/** "pro-Houthi", "anti-government", "Anti-Houthi": who a force sides with or against. */
export const ALIGNED_COMPOUND = /^(pro|anti|Pro|Anti)-(\p{Lu}[\p{L}'’]*)$/u;

/** "Saudi-led", "Iranian-backed", "Russia-aligned": who leads or backs a force. */
/** What a "-led" compound says of its force: "Saudi-led", "Iranian-backed". */
export const LED_SUFFIXES = ['led', 'backed', 'allied', 'aligned', 'affiliated', 'supported', 'sponsored', 'funded'];

export const LED_COMPOUND = new RegExp(`^(\\p{Lu}[\\p{L}'’]*)-(?:${LED_SUFFIXES.join('|')})$`, 'u');

export const FORCES_OF = new Set(['forces', 'troops', 'army', 'militia', 'fighters', 'soldiers']);

/** Acts of a government that a capital is the subject of ("Washington urged", "Moscow summoned"). */
export const SEAT_VERBS = new Set([
  'called',
  'calls',
  'demanded',
  'demands',
  'vowed',
  'vows',
  'summoned',
  'summons',
  'expelled',
  'recalled',
  'imposed',
  'responded',
  'retaliated',
  'announced',
  'approved',
  'signed',
  'agreed',
  'refused',
  'rejects',
  'insists',
  'wants',
  'sought',
  'seeks',
  'pledged',
  'offered',
  'ordered',
]);

/** Head words of institutions: a chunk with one is never a person's name. */
export const INSTITUTION_WORDS = new Set([
  'ministry',
  'council',
  'department',
  'agency',
  'committee',
  'commission',
  'office',
  'parliament',
  'government',
  'forces',
  'army',
  'command',
  'authority',
  'assembly',
  'court',
  'organization',
  'organisation',
  'union',
  'embassy',
  'directorate',
  'presidency',
  'cabinet',
  'secretariat',
]);

/** Words that open a noun phrase: articles, counts, possessives. */
export const NP_DETERMINERS =
  /^(?:a|an|the|this|that|these|those|its|their|his|her|our|another|other|several|multiple|some|many|various|numerous|few|all|both|each|every|more|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|\d+)$/;

/** Words that end a noun phrase. */
export const NP_STOP = new Set([
  'and',
  'or',
  'but',
  'nor',
  'that',
  'which',
  'who',
  'whom',
  'whose',
  'where',
  'when',
  'while',
  'as',
  'than',
  'was',
  'were',
  'is',
  'are',
  'be',
  'been',
  'being',
  'has',
  'have',
  'had',
  'will',
  'would',
  'could',
  'should',
  'can',
  'may',
  'might',
  'must',
  'did',
  'does',
  'do',
  'not',
  'also',
  'to',
  'by',
  'for',
  'of',
  'with',
  'in',
  'at',
  'on',
  'near',
  'from',
  'into',
  'inside',
  'outside',
  'across',
  'around',
  'over',
  'under',
  'against',
  'during',
  'after',
  'before',
  'since',
  'until',
  'between',
  'through',
  'throughout',
  'along',
  'within',
  'without',
  'about',
  'including',
  'killing',
  'wounding',
  'injuring',
  'leaving',
  'it',
  'they',
  'he',
  'she',
  'we',
  'them',
  'there',
  'here',
  'said',
  'says',
  'according',
  'because',
  'if',
  'so',
  'then',
  'yesterday',
  'today',
  'overnight',
  'due',
  'amid',
  'despite',
  'per',
  'via',
  'once',
  'again',
  'still',
  'already',
  'now',
]);

/** Adjectives between a name and its government head ("Kurdistan regional government"). */
export const BODY_ADJECTIVES = new Set([
  'regional',
  'provincial',
  'local',
  'federal',
  'central',
  'interim',
  'transitional',
  'national',
  'military',
  'civilian',
  'de facto',
  'self-declared',
  'separatist',
  'puppet',
]);

/** A name made an adjective: "ISIL-held", "Iranian-backed", "Houthi-controlled". */
export const HELD_COMPOUND =
  /-(?:held|controlled|led|backed|based|occupied|run|linked|allied|aligned|affiliated|supported|sponsored|funded|made|annexed|dominated|style)$/;

/** Last words that make a capitalised name a facility ("Ishtar Gate", "Iraqi Museum", "Al-Shifa Hospital"). */
export const FACILITY_WORDS = new Set([
  'gate',
  'museum',
  'mosque',
  'cathedral',
  'hospital',
  'airport',
  'stadium',
  'palace',
  'square',
  'market',
  'bazaar',
  'prison',
  'jail',
  'monastery',
  'shrine',
  'synagogue',
  'refinery',
  'harbor',
  'harbour',
  'station',
  'complex',
  'compound',
  'hotel',
  'cemetery',
  'barracks',
  'airbase',
  'garrison',
  'checkpoint',
  'plant',
  'mall',
  'citadel',
  'fortress',
]);

/**
 * Peoples, clans and religious communities that conflict reporting names ("clashes between Fulani
 * herders and farmers", "attacks on Hazara worshippers"): never an unknown place after a
 * preposition, like the peoples of STATELESS_DEMONYMS (lexicon/parties.ts), which are not repeated
 * here. Those the gazetteer knows as places too (Amhara, Afar, Kachin, Turkana) are left out.
 */
export const PEOPLES = new Set([
  'fulani',
  'peul',
  'fula',
  'hausa',
  'kanuri',
  'dogon',
  'bambara',
  'tuareg',
  'tuaregs',
  'songhai',
  'hutu',
  'hutus',
  'tutsi',
  'tutsis',
  'hema',
  'lendu',
  'banyamulenge',
  'twa',
  'nande',
  'nuer',
  'dinka',
  'shilluk',
  'murle',
  'masalit',
  'zaghawa',
  'misseriya',
  'rizeigat',
  'nuba',
  'beja',
  'oromo',
  'tigrayan',
  'tigrayans',
  'gumuz',
  'hawiye',
  'darod',
  'marehan',
  'habar',
  'isaaq',
  'ijaw',
  'igbo',
  'yoruba',
  'tiv',
  'jukun',
  'berom',
  'tarok',
  'pokot',
  'maasai',
  'kalenjin',
  'kikuyu',
  'luo',
  'pashtun',
  'pashtuns',
  'hazara',
  'hazaras',
  'baluch',
  'uyghurs',
  'bedouin',
  'bedouins',
  'yazidis',
  'alawites',
  "shi'ite",
  'copt',
  'copts',
  'assyrian',
  'assyrians',
  'mapuche',
  'wayuu',
  'zapatista',
]);

/** Words between a camp's name and "camp" ("the Nur Shams refugee camp", "the Zamzam displacement camp"). */
export const CAMP_KINDS = new Set([
  'refugee',
  'refugees',
  'displacement',
  'displaced',
  'idp',
  'idps',
  'transit',
  'army',
  'military',
]);

/** First words that make a capitalised name a place ("Camp Hurriya", "Fort Campbell", "Mount Hermon"). */
export const LEADING_PLACE_WORDS = new Set([
  'camp',
  'fort',
  'mount',
  'mt.',
  'lake',
  'kibbutz',
  'moshav',
  'wadi',
  'jebel',
  'jabal',
  'cape',
  // Spanish and Portuguese "port" and "city": "Puerto Jordan" is a town, not one named after Puerto.
  'puerto',
  'porto',
  'ciudad',
]);

/** Words after a name that make it a division ("Donetsk region", "Idlib province"). */
export const DIVISION_WORDS = new Set([
  'region',
  'province',
  'oblast',
  'governorate',
  'district',
  'county',
  'municipality',
  'prefecture',
  'raion',
  'krai',
  'cercle',
  'woreda',
  'tehsil',
  'upazila',
  'hromada',
]);

/** Place types that introduce a name with "of" ("the city of X", "the port city of X"), not "the capital of X". */
export const INTRODUCING_TYPES = new Set([
  'city',
  'town',
  'village',
  'port',
  'region',
  'province',
  'district',
  'governorate',
  'oblast',
  'county',
  'municipality',
  'settlement',
  'hamlet',
  'locality',
  'island',
  'commune',
  'kibbutz',
  'neighborhood',
  'neighbourhood',
  'suburb',
  'state',
  'prefecture',
  'raion',
  'krai',
  'canton',
  'emirate',
  'enclave',
]);

// Lists that were written inline in the rules; kept here so the rules hold no words.

/** Organisation heads a bare reference may still take ("the group said", "the coalition"). */
export const REFERENCE_ORGANISATION_HEADS = new Set(['group', 'coalition', 'alliance', 'organization', 'organisation']);

/** Words before "forces of X" that belong to the party's head ("military forces of Artsakh"). */
export const FORCES_OF_QUALIFIERS = new Set(['military', 'armed', 'government', 'security']);

/** Collective nouns before "of" that a site phrase reads through ("dozens of villages"). */
export const NP_COLLECTIVES = new Set([
  'dozens',
  'hundreds',
  'scores',
  'thousands',
  'number',
  'group',
  'series',
  'cluster',
  'network',
  'string',
]);

/** Group nouns that are not an armed force after an unknown name ("Maoist party", "Kurdish community"). */
export const NOT_FORCE_NOUNS = new Set([
  'group',
  'party',
  'front',
  'community',
  'communities',
  'movement',
  'opposition',
]);

/** Place prepositions that do not make an unknown name a place ("wrote on Telegram", "sanctions on Rosneft"). */
export const NOT_UNKNOWN_PLACE_PREPOSITIONS = new Set(['of', 'by', 'with', 'against', 'on', 'via']);

/** Compass-like words that are part of a place's own name, not a direction before it ("Upper Nile"). */
export const NAME_DIRECTIONS = new Set(['upper', 'lower', 'greater']);

/** Place types that do not make the name before them a place ("Islamic State", "Transport Department"). */
export const NOT_PLACE_TYPES_AFTER = new Set([
  'state',
  'republic',
  'department',
  'border',
  'base',
  'road',
  'highway',
  'front',
]);

/** Place types that do not make a name ending in them a place ("Islamic Republic", "Southern Front"). */
export const NOT_PLACE_TYPES_LAST = new Set(['state', 'republic', 'department', 'front']);

/** Last words of heads and titles that may join "of"/"for" and a name into one chunk ("Ministry of Defense"). */
export const CHUNK_HEAD_WORDS = [
  'state',
  'republic',
  'kingdom',
  'bank',
  'university',
  'office',
  'coalition',
  'minister',
  'ministry',
  'department',
  'secretary',
  'envoy',
  'director',
  'commissioner',
  'advisor',
  'adviser',
  'general',
  'president',
  'chief',
  'head',
  'representative',
];

/** Words after a bare head that show it is a clause's subject ("the ministry has ..."). */
export const SUBJECT_FOLLOWERS = new Set([
  'has',
  'have',
  'had',
  'is',
  'was',
  'were',
  'are',
  'will',
  'would',
  'also',
  'later',
  'could',
  'can',
  'did',
  'does',
  'may',
  'might',
  'must',
  'should',
]);

/** Auxiliaries after a country that make it a clause's subject ("Israel has launched"). */
export const ACTOR_AUXILIARIES = new Set([
  'has',
  'have',
  'had',
  'will',
  'would',
  'is',
  'was',
  'remains',
  'continues',
  'must',
  'should',
  'can',
  'could',
]);

/** Words after a verb that is also a noun which show it is the verb ("stands with", "backed by"). */
export const VERB_NOUN_FOLLOWERS = new Set([
  'with',
  'by',
  'to',
  'for',
  'that',
  'the',
  'a',
  'an',
  'its',
  'their',
  'behind',
  'against',
  'ready',
  'firmly',
]);

/** Parts of a head noun that name a person's role (matched inside the head: "spokesman", "minister"). */
export const PERSON_HEAD_STEMS = [
  'spokes',
  'minister',
  'president',
  'official',
  'leader',
  'chief',
  'commander',
  'envoy',
  'ambassador',
];

/** Parts of a head noun that make an institution's name, capitalised in canonical names ("Defense Ministry"). */
export const INSTITUTION_HEAD_STEMS = [
  'ministry',
  'council',
  'command',
  'office',
  'department',
  'agency',
  'service',
  'staff',
  'parliament',
  'embassy',
  'cabinet',
  'presidency',
  'guard',
  'assembly',
  'committee',
  'commission',
  'fleet',
  'flotilla',
  'squadron',
];

/** Type words stripped from the end of a place's name, lower-case or capitalised ("Idlib Province" → "Idlib"). */
export const PLACE_TYPE_SUFFIXES = [
  'region',
  'province',
  'governorate',
  'oblast',
  'district',
  'city',
  'town',
  'village',
  'area',
  'county',
  'municipality',
];

/** Front-line words stripped from a place's name only in lower case ("the Kupiansk direction"). */
export const FRONT_SUFFIXES = ['axis', 'front', 'direction', 'sector'];

/** Type words between a head and an unknown owner that make the owner a place ("Defense Ministry of the republic of X"). */
export const OWNER_TYPE_WORDS = ['region', 'republic', 'state', 'province'];

/**
 * Arabic articles and particles written joined to a name ("al-Qaida", "al-Abadi", "Deir ez-Zor",
 * "Jisr esh-Shughur", "Maarat en-Numan"): the name is capitalised after them.
 */
export const JOINED_NAME_PARTICLES = [
  'al',
  'el',
  'ad',
  'ash',
  'as',
  'at',
  'an',
  'ar',
  'az',
  'ul',
  'ez',
  'es',
  'esh',
  'ed',
  'en',
  'er',
  'et',
  'adh',
  'ath',
  'dh',
];

/** Adjectives that, before a government or force head, name a body without naming its state ("local authorities"). */
export const LEVEL_ADJECTIVES = new Set([
  'local',
  'provincial',
  'regional',
  'district',
  'municipal',
  'state',
  'federal',
  'county',
  'city',
  'village',
  'tribal',
  'military',
  'security',
  'government',
  'police',
]);

/** Plural or collective heads that name an armed side or a group in their own right ("militants", "enemy forces"). */
export const GENERIC_ACTOR_HEADS = new Set([
  'militants',
  'rebels',
  'insurgents',
  'separatists',
  'jihadists',
  'extremists',
  'terrorists',
  'gunmen',
  'fighters',
  'militias',
  'militiamen',
  'paramilitaries',
  'forces',
  'units',
  'unit',
  'teams',
  'team',
  'service members',
  'servicemembers',
  'coalition',
  'enemy',
  'regime',
  'international community',
  // Those who act in a clash, a raid or a protest, named by what they do.
  'guerrillas',
  'guerillas',
  'mercenaries',
  'bandits',
  'pirates',
  'kidnappers',
  'abductors',
  'hostage-takers',
  'attackers',
  'assailants',
  'perpetrators',
  'fundamentalists',
  'islamists',
  'armed men',
  'armed groups',
  'peacekeepers',
  'protesters',
  'protestors',
  'demonstrators',
  'rioters',
  'groups',
]);

/** Generic heads that name a side only with a modifier ("enemy forces", not "forces"). */
export const GENERIC_ACTOR_HEADS_MODIFIED = new Set(['forces', 'units', 'unit', 'teams', 'team', 'groups']);

/** Lower-case words that may stand before a generic actor head and belong to its name ("enemy forces", "the global coalition"). */
export const GENERIC_ACTOR_MODIFIERS = new Set([
  'enemy',
  'partner',
  'ground',
  'coalition',
  'foreign',
  'opposition',
  'international',
  'global',
  'allied',
  'rebel',
  'terrorist',
  'armed',
  'suspected',
  'islamist',
  'jihadist',
  'wider',
  'moderate',
  'tactical',
  'mortar',
  'sniper',
  'combat',
  'fellow',
  'ethnic',
  'unidentified',
  'unknown',
  'masked',
  'tribal',
  'criminal',
  'separatist',
  'militant',
  'insurgent',
  'paramilitary',
  'heavily',
  'anti-government',
  'opposition-aligned',
  'angry',
  'student',
  'violent',
  'extremist',
  'pro-government',
  'pro-junta',
  'anti-junta',
  'government-backed',
  'government-aligned',
  'state-backed',
  'army-backed',
  'military-backed',
]);

/** Words after a bare head that still let it be a reference ("complimented the prime minister on", "the secretary and X"). */
export const REFERENCE_FOLLOWERS = new Set([
  'on',
  'in',
  'at',
  'with',
  'for',
  'to',
  'from',
  'during',
  'after',
  'before',
  'about',
  'over',
  'and',
  'or',
]);

/** Nouns for people by where they live, after a town's name: "a Chapin man", "Hounslow residents". */
export const RESIDENT_NOUNS = new Set([
  'man',
  'woman',
  'men',
  'women',
  'teen',
  'teens',
  'teenager',
  'teenagers',
  'boy',
  'boys',
  'girl',
  'girls',
  'resident',
  'residents',
  'native',
  'natives',
  'couple',
  'homeowner',
  'homeowners',
]);

/** A home after a town's name, with its article: "a Brownsboro residence", "his Norman home". */
export const RESIDENT_PLACE_NOUNS = new Set(['home', 'residence', 'house', 'apartment']);

/** A town's own services, lower-case after its name: "Roselle police", "Winona firefighters". */
export const TOWN_BODY_NOUNS = new Set(['police', 'firefighters']);

/**
 * Last words that make a capitalised name a thing, not a person: "Minnesota State Patrol",
 * "Glen Carbon Elementary", "Bob Wills Museum", "Aleutian Islands", "Madison Township".
 */
export const NOT_PERSON_ENDINGS = new Set([
  'patrol',
  'troopers',
  'school',
  'schools',
  'elementary',
  'academy',
  'college',
  'university',
  'institute',
  'hospital',
  'clinic',
  'museum',
  'library',
  'center',
  'centre',
  'association',
  'society',
  'foundation',
  'federation',
  'alliance',
  'coalition',
  'club',
  'company',
  'corporation',
  'pantry',
  'galleria',
  'mall',
  'airlines',
  'airport',
  'railway',
  'railroad',
  'islands',
  'township',
  'county',
  'parish',
  'borough',
  'city',
  'village',
  'heights',
  'springs',
  'falls',
  'creek',
  'river',
  'lake',
  'beach',
  'valley',
  'bay',
  'harbor',
  'harbour',
  'memorial',
  'stadium',
  'arena',
  'church',
  'cathedral',
  'cemetery',
  'park',
  'hill',
  'hills',
]);

/** Of those, words that are also surnames ("Sarah Park", "Tom Hill"): a thing only after no first name. */
export const SURNAME_LIKE_ENDINGS = new Set([
  'park',
  'hill',
  'hills',
  'church',
  'lake',
  'creek',
  'springs',
  'bay',
  'city',
]);

/** Endings of English adjectives and adverbs, which the word lexicon lacks in part ("Local", "National", "Criticizing"). */
export const ADJECTIVE_LIKE = /(?:al|ly|ing|ed|ic|ous|ive|ary|ern)$/;
