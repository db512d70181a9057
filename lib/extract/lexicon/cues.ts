/**
 * Reporting cues: the verbs and phrases that attribute a statement to a source.
 * Data only; the rules that use it live in attribution.ts.
 */

/** Verb forms that introduce or close reported speech, by lemma. */
export const CUE_VERBS: Record<string, string[]> = {
  say: ['said', 'says', 'say', 'saying'],
  tell: ['told', 'tells', 'telling'],
  announce: ['announced', 'announces', 'announce', 'announcing'],
  state: ['stated', 'states'],
  add: ['added', 'adds', 'adding'],
  note: ['noted', 'notes', 'noting'],
  claim: ['claimed', 'claims', 'claiming'],
  report: ['reported', 'reports', 'reporting'],
  confirm: ['confirmed', 'confirms', 'confirming'],
  deny: ['denied', 'denies', 'deny', 'denying'],
  accuse: ['accused', 'accuses', 'accusing'],
  warn: ['warned', 'warns', 'warning'],
  insist: ['insisted', 'insists', 'insisting'],
  declare: ['declared', 'declares', 'declaring'],
  allege: ['alleged', 'alleges', 'alleging'],
  acknowledge: ['acknowledged', 'acknowledges', 'acknowledging'],
  admit: ['admitted', 'admits', 'admitting'],
  stress: ['stressed', 'stresses', 'stressing'],
  emphasize: ['emphasized', 'emphasised', 'emphasizes', 'emphasises'],
  explain: ['explained', 'explains'],
  write: ['wrote', 'writes'],
  tweet: ['tweeted', 'tweets'],
  post: ['posted'],
  estimate: ['estimated', 'estimates'],
  reveal: ['revealed', 'reveals'],
  assert: ['asserted', 'asserts'],
  maintain: ['maintained', 'maintains'],
  argue: ['argued', 'argues'],
  blame: ['blamed', 'blames', 'blaming'],
  condemn: ['condemned', 'condemns', 'condemning'],
  vow: ['vowed', 'vows', 'vowing'],
  pledge: ['pledged', 'pledges'],
  threaten: ['threatened', 'threatens'],
  predict: ['predicted', 'predicts'],
  disclose: ['disclosed', 'discloses'],
  indicate: ['indicated', 'indicates'],
  dismiss: ['dismissed', 'dismisses'],
  reject: ['rejected', 'rejects'],
  quote: ['quoted', 'quotes', 'quoting'],
  publish: ['published', 'publishes'],
  release: ['released', 'releases'],
  show: ['showed', 'shows', 'showing'],
  suggest: ['suggested', 'suggests', 'suggesting'],
  recall: ['recalled', 'recalls', 'recalling'],
  reply: ['replied', 'replies', 'replying'],
  respond: ['responded', 'responds', 'responding'],
  observe: ['observed', 'observes'],
  concede: ['conceded', 'concedes', 'conceding'],
  complain: ['complained', 'complains', 'complaining'],
  boast: ['boasted', 'boasts', 'boasting'],
  joke: ['joked', 'jokes', 'joking'],
  testify: ['testified', 'testifies'],
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
};

/** Lemmas whose statement is a denial. */
export const DENIAL_LEMMAS = new Set(['deny', 'dismiss', 'reject']);

/**
 * Lemmas that only report a statement when followed by a particular object; without it they
 * describe an action ("released prisoners", "showed restraint", "rejected the offer").
 */
export const CUE_OBJECT_REQUIRED: Record<string, RegExp> = {
  release: /^(?:a |an |the )?(?:\w+ ){0,2}(?:images?|footage|videos?|photos?|photographs?|statements?|reports?|figures|pictures)\b/i,
  publish: /^(?:a |an |the )?(?:\w+ ){0,2}(?:images?|footage|videos?|photos?|photographs?|statements?|reports?|figures|pictures|list)\b/i,
  show: /^(?:\w+ ){0,1}(?:that)\b/i,
  post: /^(?:a |an |the )?(?:\w+ ){0,2}(?:images?|footage|videos?|photos?|statements?|messages?)\b|^on\b/i,
  reject: /^(?:the |a |an |these |those |such |any )?(?:\w+ ){0,2}(?:claims?|reports?|allegations?|accusations?|charges?|assertions?|statements?)\b|^that\b/i,
  dismiss: /^(?:the |a |an |these |those |such |any )?(?:\w+ ){0,2}(?:claims?|reports?|allegations?|accusations?|charges?|assertions?|statements?)\b/i,
  claim: /^(?!responsibility\b|the lives?\b|lives\b|\d)/i,
  report: /^(?!cases?\b)/i,
  indicate: /^that\b/i,
  quote: /^(?:\w+ ){0,4}as saying\b/i,
  maintain: /^that\b/i,
  state: /^(?:that\b|on\b|in\b|,)/i,
  // Verbs of saying only with a clause, a quote or a named object of speech after them.
  respond: /^(?:that\b|by saying\b|[,:]|with\b)/i,
  reply: /^(?:that\b|[,:]|“|")/i,
  ask: /^(?:(?:\w+ ){0,3}(?:whether|if|why|how|what|who|when|where)\b|[,:]|“|")/i,
  urge: /^(?:\w+ ){0,4}to\b/i,
  describe: /^(?:\w+[’']?s? ){0,5}as\b/i,
  call: /^(?:for\b|(?:\w+ ){1,3}(?:a|an)\b|on\b)/i,
  cite: /^(?:a |an |the )?(?:\w+ ){0,2}(?:polls?|surveys?|reports?|studies|study|data|figures|statistics|numbers|sources?)\b/i,
  question: /^(?:whether|if|why|how|the\b)/i,
  think: /^(?:that\b|(?!\w+ing\b)\w+ (?:is|was|will|would|should|could|can|has|had|have|are|were)\b)/i,
  point: /^out\b/i,
  charge: /^that\b/i,
  promise: /^(?:that\b|to\b)/i,
  concede: /^(?:that\b|[,:])/i,
  conclude: /^(?:that\b|[,:])/i,
  testify: /^(?:that\b|[,:])/i,
  observe: /^(?:that\b|[,:])/i,
  joke: /^(?:that\b|[,:]|about\b)/i,
  complain: /^(?:that\b|about\b|[,:])/i,
  mention: /^(?:that\b)/i,
};

/** Words that may stand between the source and its cue ("the ministry also said"). */
export const CUE_AUXILIARIES = new Set([
  'also', 'later', 'earlier', 'further', 'previously', 'separately', 'then', 'has', 'have', 'had',
  'again', 'repeatedly', 'publicly', 'officially', 'reportedly', 'has also', 'once', 'had also',
  'subsequently', 'initially', 'firmly', 'flatly', 'strongly', 'categorically', 'quickly',
  'immediately', 'now', 'would', 'will', 'did', 'does', 'not', 'would later', 'yesterday', 'today',
]);

/** Objects of "told" that are the audience, not the content ("told reporters"). */
export const AUDIENCE_WORDS = new Set([
  'reporters', 'journalists', 'the press', 'press', 'media', 'the media', 'parliament', 'lawmakers',
  'a news conference', 'a press conference', 'state media', 'state television', 'state tv',
  'television', 'a briefing', 'supporters', 'the council', 'the assembly', 'an interviewer',
  'senators', 'delegates', 'the audience', 'crowds', 'a crowd', 'the bbc', 'cnn', 'reuters',
]);

/** Prepositional phrases after a cue that only say where it was said ("said in a statement"). */
export const CUE_SETTING = /^(?:,\s*)?(?:by (?:tele)?phone\b|by e-?mail\b|on condition of anonymity\b|(?:in|on|at|via|during|through|after|before|to)\s+(?:a |an |the |its |his |her |their )?(?:[\w-]+ ){0,3}?(?:statement|communiqu[eé]|briefing|news conference|press conference|interview|speech|address|post|posts|tweet|message|report|telegram|telegram channel|x|twitter|facebook|website|television|tv|broadcast|letter|meeting|session|summit|remarks|update|bulletin|declaration|email|call|visit)\b)/i;
