/** Lookup tables built once from the cue lexicon. */
import { CUE_VERBS } from './lexicon/cues.js';

/** Every cue verb form → its lemma ("said" → "say"). */
export const CUE_FORMS = new Map<string, string>();
for (const [lemma, forms] of Object.entries(CUE_VERBS)) for (const f of forms) CUE_FORMS.set(f, lemma);
