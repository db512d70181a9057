/** Word lists of the attribution rules (attribution.ts): data only, the rules that use them live there. */

/** "his remarks", "their claims": possessives before a noun. */
const POSSESSIVE_DETERMINERS = ['his', 'her', 'their', 'its', 'our', 'my', 'your'];

/** "..., a claim Kyiv denied", "..., a charge X has rejected": text before a cue whose object is that claim. */
export const RELATIVE_OBJECT =
  /(?:^|,\s*)(?:a|an|the|which|an?\s+\w+)\s+(?:claims?|charges?|accusations?|allegations?|assertions?|reports?|account|version|statement)\s+(?:(?:that|which)\s+)?(?:[\p{L}.'’-]+\s+){1,5}$/u;

/** Words that open a clause of time or circumstance after a cue: "..., X said, a day after ...". */
export const TRAILING_CLAUSE = new Set([
  'after',
  'before',
  'as',
  'while',
  'when',
  'amid',
  'following',
  'despite',
  'although',
  'though',
  'whereas',
  'hours',
  'days',
  'weeks',
  'shortly',
  'just',
]);

export const STATEMENT_NOUNS =
  /^(?:statement|message|video|post|letter|communiqu[eé]|report|footage|images?|photos?|tweet|address|speech)$/;

export const PASSIVE = new Set(['was', 'were', 'been', 'is', 'are', 'be', 'being', 'the', 'a', 'an', 'widely']);

/**
 * Forms of "be" and contracted or negated auxiliaries that may stand between a source and its
 * cue ("Trump is telling", "he's predicted", "Trump isn't saying"). Not passive before an -ing
 * cue; before a past participle the passive check runs first.
 */
export const VERB_AUXILIARIES = new Set([
  'is',
  'was',
  'are',
  'were',
  'been',
  'be',
  "'s",
  "'re",
  "'m",
  "'ve",
  "'d",
  "isn't",
  "wasn't",
  "aren't",
  "weren't",
  "hasn't",
  "haven't",
  "hadn't",
  "didn't",
  "doesn't",
  "don't",
  "won't",
  "wouldn't",
  'never',
  'always',
  'still',
  'even',
  'just',
  'first',
  'recently',
  'privately',
  'openly',
  'explicitly',
  'bluntly',
  'frequently',
  'often',
  'long',
  'already',
  'since',
  'himself',
  'herself',
  'themselves',
  'itself',
]);

export const BE_FORMS = new Set(['is', 'was', 'are', 'were', 'been', 'be', 'being', "'s", "'re", "'m"]);

/** Prepositions that open a phrase of place or occasion right after a cue ("said at a rally"), never its content. */
export const SETTING_PREPOSITIONS = new Set([
  'at',
  'during',
  'outside',
  'inside',
  'in',
  'on',
  'from',
  'while',
  'before',
]);

/** Prepositions that open an aside between a source and its cue ("The army, in a statement on Sunday, said"). */
export const ASIDE_PREPOSITIONS = new Set(['in', 'on', 'at', 'during', 'via', 'through', 'after', 'for', 'from']);

/** Words that open a determined noun phrase, which may be a source whatever its head ("the host said"). */
export const SOURCE_DETERMINERS = new Set([
  'the',
  'a',
  'an',
  'this',
  'that',
  'these',
  'those',
  ...POSSESSIVE_DETERMINERS,
  'one',
  'two',
  'three',
  'four',
  'five',
  'some',
  'many',
  'most',
  'several',
  'few',
  'both',
  'each',
  'every',
  'another',
  'other',
  'no',
  'all',
]);

/** Words that never head a noun phrase. */
export const FUNCTION_WORDS = new Set([
  'of',
  'in',
  'on',
  'at',
  'to',
  'for',
  'by',
  'with',
  'from',
  'as',
  'than',
  'and',
  'or',
  'but',
  'nor',
  'so',
  'if',
  'then',
  'there',
  'here',
  'very',
  'too',
  'not',
  'no',
  'what',
  'whatever',
  'about',
  'into',
  'over',
  'under',
  'again',
  'ago',
  'once',
  'yet',
  'ever',
  'else',
]);

/** "Ted Cruz, who said ...": relative pronouns that stand for a source before them. */
export const RELATIVE_PRONOUNS = new Set(['who', 'which']);

/** "... shook her head and said": conjunctions that join a cue to the clause's first verb. */
export const COORDINATORS = new Set(['and', 'but']);

/** Words that open a subordinate clause: a subject before them is not the subject of a cue after them. */
export const SUBORDINATE = new Set([
  'that',
  'which',
  'who',
  'whom',
  'whose',
  'when',
  'because',
  'if',
  'after',
  'before',
  'while',
  'since',
  'where',
  'though',
  'although',
  'but',
  'so',
  'until',
  'unless',
  'whether',
]);

/** Words that start a new clause with its own subject, between a subject and its participle cue ("..., saying"). */
export const LOOSE_BREAKS = new Set(['while', 'whereas', 'but', 'although', 'though']);

/** Cue lemmas read as speech after "to" ("was quick to add"): verbs with no other sense. */
export const INFINITIVE_CUES = new Set([
  'say',
  'tell',
  'add',
  'announce',
  'explain',
  'note',
  'stress',
  'insist',
  'argue',
  'declare',
  'acknowledge',
  'admit',
  'suggest',
  'tweet',
  'write',
]);

/** Words that end a source phrase after an inverted cue ("said Robert Lyle in a statement", "said a man who ..."). */
export const SOURCE_AFTER_END =
  /^(?:in|on|at|during|after|before|who|when|while|as|told|adding|according|via|last|this|earlier|late|recently)$/;

/** Pronouns that are the audience of "told" ("told them", "told me he ..."). */
export const OBJECT_PRONOUNS = new Set(['me', 'us', 'him', 'her', 'them', 'you']);

/** Cue lemmas whose "to X" right after them is the addressee ("wrote to residents that ..."). */
export const ADDRESSED_CUES = new Set(['write', 'say', 'explain', 'complain', 'announce', 'declare', 'tweet', 'post']);

/** Cue lemmas whose passive with "by" names the speaker ("was claimed by", "as reported by"). */
export const PASSIVE_CUES = new Set([
  'claim',
  'report',
  'announce',
  'confirm',
  'deny',
  'reject',
  'dispute',
  'state',
  'describe',
  'reveal',
  'publish',
  'release',
  'post',
  'tweet',
  'cite',
  'quote',
  'disclose',
  'estimate',
  'predict',
  'note',
]);

/** Words after which a cue form is a noun ("his remarks", "these claims", "other states"). */
export const NOUN_DETERMINERS = new Set([
  ...POSSESSIVE_DETERMINERS,
  'this',
  'these',
  'those',
  'every',
  'each',
  'another',
  'no',
  'other',
  'whose',
]);

export const PRONOUNS = new Set(['he', 'she', 'it', 'they', 'we', 'i']);

export const SUBORDINATORS = new Set(['that', ':']);

export const ROLE_LINK = new Set(['of', 'for', 'at', 'from', 'with', 'to']);

/** Words that end a source noun phrase on its left: the clause it belongs to starts after them. */
export const CLAUSE_WORDS = new Set([
  'and',
  'but',
  'or',
  'that',
  'which',
  'who',
  'whom',
  'whose',
  'while',
  'as',
  'because',
  'if',
  'when',
  'after',
  'before',
  'since',
  'though',
  'although',
  'where',
  'so',
  'than',
]);

/** Lower-case heads that may be a source: people and bodies counted or described, documents that speak. */
export const SOURCE_NOUNS =
  /^(?:campaign|aides?|advisers?|advisors?|allies|supporters|critics|voters|respondents|americans|democrats|republicans|members|leaders|lawmakers|senators|experts|analysts|economists|researchers|scientists|investigators|prosecutors|authorities|police|officers|officials?|sources|spokes(?:man|woman|person)|people|residents|witnesses|group|groups|committee|organizers|organisers|staff|team|administration|government|report|reports|statement|study|survey|poll|polls|data|figures|documents?|memo|letter|email|e-mails?|emails|filing|complaint|lawsuit|indictment|ruling|website|article|story|newspaper|paper|network|agency|ministry|department|office|majority|majorities|half|third|quarter|percent|most|many|some|others|both|all|none)$/;

/** Heads that are never a speaker ("the day said"). */
export const NOT_SOURCE_HEADS =
  /^(?:it|there|this|these|those|what|all|time|day|week|year|today|yesterday|tonight|also|then|now|not|never|just|only|even|still|however|i|you)$/;

export const NP_WORDS =
  /^(?:a|an|the|one|two|three|several|some|many|senior|local|top|other|unnamed|anonymous|military|government|security|police|hospital|health|medical|diplomatic|western|state|official|independent|humanitarian|rescue|regional|provincial|city|u\.n\.|un|us|u\.s\.|eu)$/;

/**
 * Past forms of irregular verbs that no suffix rule finds ("has taken", "sought", "spoke"), for
 * telling a clause's verb after its subject. Forms that are as often nouns or adjectives ("set",
 * "left", "found", "broken", "known") are left out.
 */
export const IRREGULAR_PAST = new Set([
  'arose',
  'arisen',
  'ate',
  'eaten',
  'became',
  'began',
  'begun',
  'bit',
  'bitten',
  'blew',
  'blown',
  'broke',
  'brought',
  'built',
  'bought',
  'caught',
  'chose',
  'chosen',
  'came',
  'clung',
  'crept',
  'dealt',
  'dug',
  'did',
  'done',
  'drew',
  'drank',
  'drove',
  'driven',
  'fell',
  'felt',
  'fought',
  'fled',
  'flew',
  'flown',
  'forbade',
  'forbidden',
  'forgot',
  'forgotten',
  'forgave',
  'forgiven',
  'froze',
  'got',
  'gotten',
  'gave',
  'went',
  'gone',
  'grew',
  'grown',
  'had',
  'heard',
  'hid',
  'held',
  'kept',
  'knelt',
  'knew',
  'led',
  'leapt',
  'lent',
  'lost',
  'made',
  'meant',
  'met',
  'paid',
  'rode',
  'ridden',
  'rang',
  'rung',
  'rose',
  'risen',
  'ran',
  'saw',
  'seen',
  'sought',
  'sold',
  'sent',
  'shook',
  'shaken',
  'shone',
  'shot',
  'shown',
  'shrank',
  'sang',
  'sank',
  'sat',
  'slept',
  'slid',
  'spoke',
  'sped',
  'spent',
  'spun',
  'sprang',
  'stood',
  'stole',
  'stolen',
  'stuck',
  'struck',
  'strove',
  'swore',
  'sworn',
  'swept',
  'swam',
  'swung',
  'took',
  'taken',
  'taught',
  'tore',
  'torn',
  'thought',
  'threw',
  'thrown',
  'understood',
  'undertook',
  'undertaken',
  'upheld',
  'woke',
  'woken',
  'wore',
  'wept',
  'won',
  'withdrew',
  'withdrawn',
  'withheld',
  'withstood',
  'wrote',
  'written',
  'overtook',
  'overcame',
  'oversaw',
  'overseen',
  'mistook',
  'foresaw',
  'rebuilt',
  'retook',
  'rewrote',
  'clad',
]);

/** Words before a participle cue that tie it to the clause before ("..., saying", "by saying", "before saying"). */
export const PARTICIPLE_LINKS = new Set([',', '–', '—', 'by', 'before', 'after', 'upon', 'while', 'when', 'in']);

/** Words that end a source phrase's head ("officials in the city", "people familiar with the talks"). */
export const HEAD_ENDS =
  /^(?:in|of|from|at|near|on|with|for|close|familiar|across|inside|within|outside|around|involved|close)$/;

/** Openers of a share of a group as a source: "more than half of voters", "two-thirds of insiders", "about one in five". */
export const SHARE_OPENERS =
  /^(?:more|nearly|about|almost|roughly|around|over|fewer|less|half|majorit(?:y|ies)|(?:one|two|three|four|five|six|seven|eight|nine|ten)(?:-(?:thirds?|quarters?|fourths?|fifths?|tenths?|in-\w+))?)$/;

/** Plural nouns of people that may head a source with no determiner ("donors say", "proponents of the bill say"). */
export const PEOPLE_PLURAL =
  /(?:ers|ors|ists|ians|ants|ents)$|^(?:friends|colleagues|relatives|neighbou?rs|delegates|veterans|executives|employees|clients|attendees|parents|citizens|candidates|advocates|scholars|diplomats|fans|folks|men|women|allies|insiders|students|locals|elders|families|villagers|refugees|survivors|soldiers|troops|rebels|militants|fighters|protesters|protestors)$/;

/** Modal verbs: after a cue they open the relative clause's own verb ("which critics say could fail"). */
export const MODALS = new Set(['can', 'could', 'will', 'would', 'may', 'might', 'must', 'should', 'shall']);

/** Heads of a news outlet's description, after or before its name ("Itar-Tass news agency", "the news agency Ceteka"). */
export const OUTLET_HEADS = new Set([
  'news agency',
  'agency',
  'newspaper',
  'daily',
  'broadcaster',
  'television',
  'radio',
  'news service',
  'wire service',
  'news channel',
  'weekly',
]);

/** Words that describe an outlet but are no part of its name ("the official news agency"). */
export const OUTLET_ADJECTIVES = new Set([
  'official',
  'state',
  'state-run',
  'state-owned',
  'semi-official',
  'semiofficial',
  'government',
  'government-run',
  'independent',
  'private',
  'leading',
  'local',
  'national',
  'public',
  'the',
  'a',
  'an',
]);

/** Heads that make a title-case phrase the full name of a body ("Swiss Agency for Development and Cooperation"). */
export const NAMED_BODY_HEADS = new Set([
  'agency',
  'union',
  'association',
  'council',
  'committee',
  'institute',
  'organization',
  'organisation',
  'foundation',
  'ministry',
  'department',
  'office',
  'commission',
  'center',
  'centre',
  'bureau',
  'service',
  'court',
  'party',
  'front',
  'movement',
  'network',
  'company',
  'corporation',
  'bank',
  'university',
  'society',
  'federation',
  'league',
  'alliance',
  'authority',
  'observatory',
  'fund',
  'programme',
  'program',
  'board',
  'trust',
  'coalition',
  'assembly',
  'parliament',
  'directorate',
  'secretariat',
  'tribunal',
  'brigades',
  'brigade',
]);

/**
 * Of NAMED_BODY_HEADS, those of a body that is part of a state's government (roles.ts has the
 * wider GOVERNMENT_HEADS, the heads a mention of any government body ends in).
 */
export const NAMED_GOVERNMENT_HEADS = new Set([
  'ministry',
  'department',
  'office',
  'bureau',
  'directorate',
  'secretariat',
  'authority',
  'parliament',
  'assembly',
]);

/** Words after a cue that open a phrase of setting or a clause of circumstance, never the content. */
export const AFTER_CUE_NOT_CONTENT = new Set([
  'in',
  'on',
  'at',
  'during',
  'after',
  'before',
  'while',
  'with',
  'from',
  'by',
  'as',
  'because',
  'when',
  'since',
  'last',
  'this',
  'through',
  'via',
  'according',
  'though',
  'although',
  'amid',
  'following',
  'despite',
  'late',
  'early',
  'later',
  'earlier',
  'afterward',
  'afterwards',
  'again',
  'too',
  'yesterday',
  'today',
]);
