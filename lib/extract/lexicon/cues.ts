/**
 * Reporting cues: the verbs and phrases that attribute a statement to a source.
 * Data only; the rules that use it live in attribution.ts.
 */

/** Verb forms that introduce or close reported speech, by lemma. */
export const CUE_VERBS: Record<string, string[]> = {
  say: ['said', 'says', 'say', 'saying'],
  tell: ['told', 'tells', 'telling', 'tell'],
  announce: ['announced', 'announces', 'announce', 'announcing'],
  state: ['stated', 'states'],
  add: ['added', 'adds', 'adding', 'add'],
  note: ['noted', 'notes', 'noting'],
  claim: ['claimed', 'claims', 'claiming'],
  report: ['reported', 'reports', 'reporting'],
  confirm: ['confirmed', 'confirms', 'confirming', 'confirm'],
  deny: ['denied', 'denies', 'deny', 'denying'],
  accuse: ['accused', 'accuses', 'accusing'],
  warn: ['warned', 'warns', 'warning', 'warn'],
  insist: ['insisted', 'insists', 'insisting', 'insist'],
  declare: ['declared', 'declares', 'declaring', 'declare'],
  allege: ['alleged', 'alleges', 'alleging'],
  acknowledge: ['acknowledged', 'acknowledges', 'acknowledging', 'acknowledge'],
  admit: ['admitted', 'admits', 'admitting', 'admit'],
  stress: ['stressed', 'stresses', 'stressing'],
  emphasize: ['emphasized', 'emphasised', 'emphasizes', 'emphasises'],
  explain: ['explained', 'explains', 'explain'],
  write: ['wrote', 'writes', 'write', 'writing'],
  tweet: ['tweeted', 'tweets', 'tweet'],
  post: ['posted'],
  estimate: ['estimated', 'estimates'],
  reveal: ['revealed', 'reveals', 'reveal'],
  assert: ['asserted', 'asserts', 'assert'],
  maintain: ['maintained', 'maintains'],
  argue: ['argued', 'argues', 'argue'],
  blame: ['blamed', 'blames', 'blaming'],
  condemn: ['condemned', 'condemns', 'condemning'],
  vow: ['vowed', 'vows', 'vowing'],
  pledge: ['pledged', 'pledges'],
  threaten: ['threatened', 'threatens'],
  predict: ['predicted', 'predicts', 'predict'],
  disclose: ['disclosed', 'discloses'],
  indicate: ['indicated', 'indicates'],
  dismiss: ['dismissed', 'dismisses'],
  reject: ['rejected', 'rejects'],
  quote: ['quoted', 'quotes', 'quoting'],
  publish: ['published', 'publishes'],
  release: ['released', 'releases'],
  show: ['showed', 'shows', 'showing'],
  suggest: ['suggested', 'suggests', 'suggesting', 'suggest'],
  recall: ['recalled', 'recalls', 'recalling', 'recall'],
  reply: ['replied', 'replies', 'replying', 'reply'],
  respond: ['responded', 'responds', 'responding', 'respond'],
  observe: ['observed', 'observes'],
  concede: ['conceded', 'concedes', 'conceding', 'concede'],
  complain: ['complained', 'complains', 'complaining', 'complain'],
  boast: ['boasted', 'boasts', 'boasting'],
  joke: ['joked', 'jokes', 'joking'],
  testify: ['testified', 'testifies', 'testify'],
  caution: ['cautioned', 'cautions'],
  contend: ['contended', 'contends'],
  conclude: ['concluded', 'concludes'],
  promise: ['promised', 'promises', 'promising'],
  ask: ['asked', 'asks', 'asking'],
  urge: ['urged', 'urges', 'urging'],
  describe: ['described', 'describes', 'describing'],
  call: ['called', 'calls', 'calling'],
  cite: ['cited', 'cites', 'citing'],
  question: ['questioned', 'questions', 'questioning'],
  think: ['thinks', 'believes', 'believed'],
  point: ['pointed'],
  mention: ['mentioned', 'mentions'],
  proclaim: ['proclaimed', 'proclaims'],
  charge: ['charged', 'charges'],
  answer: ['answered', 'answers', 'answering'],
  remark: ['remarked', 'remarks'],
  comment: ['commented', 'comments', 'commenting'],
  reiterate: ['reiterated', 'reiterates', 'reiterating', 'reiterate'],
  repeat: ['repeated', 'repeats', 'repeating'],
  wonder: ['wondered', 'wonders', 'wondering'],
  shout: ['shouted', 'shouts', 'shouting'],
  dispute: ['disputed', 'disputes', 'disputing'],
};

/** Lemmas whose statement is a denial. */
export const DENIAL_LEMMAS = new Set(['deny', 'dismiss', 'reject', 'dispute']);

/**
 * Lemmas that only report a statement when followed by a particular object; without it they
 * describe an action ("released prisoners", "showed restraint", "rejected the offer").
 */
export const CUE_OBJECT_REQUIRED: Record<string, RegExp> = {
  release:
    /^(?:a |an |the )?(?:\w+ ){0,2}(?:images?|footage|videos?|photos?|photographs?|statements?|reports?|figures|pictures)\b/i,
  publish:
    /^(?:a |an |the )?(?:\w+ ){0,2}(?:images?|footage|videos?|photos?|photographs?|statements?|reports?|figures|pictures|list)\b/i,
  show: /^(?:\w+ ){0,1}(?:that)\b/i,
  post: /^(?:a |an |the )?(?:\w+ ){0,2}(?:images?|footage|videos?|photos?|statements?|messages?)\b|^on\b/i,
  // Rejecting an offer, a plan or a label is a stance stated, as much as rejecting a claim.
  reject: /^(?!by\b|as\b)/i,
  dismiss:
    /^(?:the |a |an |these |those |such |any )?(?:\w+ ){0,2}(?:claims?|reports?|allegations?|accusations?|charges?|assertions?|statements?)\b/i,
  // "claimed responsibility for the attack" is a claim; "claimed the lives of" is not.
  claim: /^(?!the lives?\b|lives\b|\d)/i,
  report: /^(?!cases?\b)/i,
  indicate: /^that\b/i,
  quote: /^(?:\w+ ){0,4}as saying\b/i,
  maintain: /^that\b/i,
  state: /^(?:(?:that|on|in|his|her|their|its)\b|[,:])/i,
  // Verbs of saying only with a clause, a quote or a named object of speech after them.
  respond: /^(?:that\b|by saying\b|[,:]|with\b|(?:\S+ ){1,3}[,:])/i,
  reply: /^(?:that\b|[,:]|“|")/i,
  // A question ("asked her whether"), a request ("asked the council to vote") or its object ("asked about").
  // Not "asked not to be named", "asked for anonymity": a condition of the source, no content.
  ask: /^(?!not\b|(?:\S+ ){0,5}(?:anonymity|anonymous|named|identified)\b)(?:(?:\S+ ){0,6}(?:whether|if|why|how|what|who|when|where)\b|(?:\S+ ){1,4}about\b|(?:\S+ ){1,6}to \w|for\b|[,:]|“|")/i,
  urge: /^(?:\w+ ){0,4}to\b/i,
  // What someone describes is their account; "described as" right after is a passive.
  describe: /^(?!as\b|by\b|in\b)/i,
  call: /^(?:for\b|(?:\w+ ){1,3}(?:a|an)\b|on\b)/i,
  // "cited in the report", "cited for contempt": a passive participle, not the speaker citing.
  cite: /^(?!in\b|by\b|as\b|for\b)/i,
  question: /^(?:whether|if|why|how|what|the|his|her|their|its)\b|^\p{Lu}[\p{L}.-]*[’']s?\s/u,
  think: /^(?:that\b|(?!\w+ing\b)\w+ (?:is|was|will|would|should|could|can|has|had|have|are|were)\b)/i,
  point: /^out\b/i,
  // "charged that ...", "prosecutors charged the officer with murder".
  charge: /^(?:that\b|(?:\S+ ){1,5}with\b)/i,
  promise: /^(?!by\b|as\b)/i,
  // "to add to her lead", "it doesn't add up": to increase, not to say more.
  add: /^(?!to\b|up\b)/i,
  // "pledged delegates": a participle before a noun, not a pledge.
  pledge: /^(?!delegates?\b)/i,
  concede: /^(?:that\b|[,:])/i,
  conclude: /^(?:that\b|[,:])/i,
  testify: /^(?:that\b|[,:])/i,
  observe: /^(?:that\b|[,:])/i,
  joke: /^(?:that\b|[,:]|about\b)/i,
  complain: /^(?:that\b|about\b|[,:])/i,
  mention: /^(?:that\b)/i,
  answer: /^(?:that\b|[,:]|“|")/i,
  remark: /^(?:that\b|[,:]|“|")/i,
  comment: /^(?:that\b|[,:]|“|")/i,
  repeat:
    /^(?:that\b|[,:]|“|"|(?:(?:his|her|their|its|the|an?) )?(?:(?:\w+ )?(?:claims?|assertions?|charges?|accusations?|allegations?|view|argument|call|promise|pledge|warning)\b))/i,
  wonder: /^(?:(?:aloud )?(?:whether|if|why|how|what|who|when|where)\b|[,:]|“|")/i,
  shout: /^(?:that\b|[,:]|“|")/i,
  dispute:
    /^(?:the |a |an |these |those |such |any )?(?:\w+ ){0,2}(?:claims?|reports?|allegations?|accusations?|charges?|assertions?|statements?|characterization|account)\b|^that\b/i,
};

/** Words that may stand between the source and its cue ("the ministry also said"). */
export const CUE_AUXILIARIES = new Set([
  'also',
  'later',
  'earlier',
  'further',
  'previously',
  'separately',
  'then',
  'has',
  'have',
  'had',
  'again',
  'repeatedly',
  'publicly',
  'officially',
  'reportedly',
  'has also',
  'once',
  'had also',
  'subsequently',
  'initially',
  'firmly',
  'flatly',
  'strongly',
  'categorically',
  'quickly',
  'immediately',
  'now',
  'would',
  'will',
  'did',
  'does',
  'not',
  'would later',
  'yesterday',
  'today',
  // Sentence adverbs the writer puts between a source and its cue ("Carter however said").
  'however',
  'meanwhile',
  'instead',
  'nonetheless',
  'nevertheless',
  'likewise',
  'similarly',
  'too',
]);

/** Objects of "told" that are the audience, not the content ("told reporters"). */
export const AUDIENCE_WORDS = new Set([
  'reporters',
  'journalists',
  'the press',
  'press',
  'media',
  'the media',
  'parliament',
  'lawmakers',
  'a news conference',
  'a press conference',
  'state media',
  'state television',
  'state tv',
  'television',
  'a briefing',
  'supporters',
  'the council',
  'the assembly',
  'an interviewer',
  'senators',
  'delegates',
  'the audience',
  'crowds',
  'a crowd',
  'the bbc',
  'cnn',
  'reuters',
]);

/** Prepositional phrases after a cue that only say where it was said ("said in a statement"). */
export const CUE_SETTING =
  /^(?:,\s*)?(?:by (?:tele)?phone\b|by e-?mail\b|on condition of anonymity\b|(?:in|on|at|via|during|through|after|before|to)\s+(?:a |an |the |its |his |her |their )?(?:[\w-]+ ){0,3}?(?:statement|communiqu[eé]|briefing|news conference|press conference|interview|speech|address|post|posts|tweet|message|report|telegram|telegram channel|x|twitter|facebook|website|television|tv|broadcast|letter|meeting|session|summit|remarks|update|bulletin|declaration|email|call|visit)\b(?:\s+(?:posted|published|issued|released|shared|carried)\s+(?:on|to|by|in)\s+(?:the |its |his |her |their )?(?:[\w-]+ ){0,2}?(?:x|twitter|telegram|facebook|instagram|website|channel|account|media|agency)\b)?)/i;
