/**
 * Place detection in local news: names no gazetteer rule finds that the sentence shows to be
 * places, and names that must not swallow or hide a place. Small synthetic sentences.
 */
import { describe, expect, it } from 'vitest';
import { extract } from '../lib/extract/index.js';
import type { Extraction } from '../lib/extract/types.js';

/** Every location mention as [location name, mention text]. */
const places = (x: Extraction) => x.locations.flatMap((l) => l.mentions.map((m) => [l.name, m.text] as const));
const mentionTexts = (text: string) => places(extract(text, {})).map(([, t]) => t);

describe('chunks', () => {
  it('a capitalised article is no part of the name after it', () => {
    expect(mentionTexts('Deer count rises. OMAHA -- A University of Nebraska study found more deer.')).toContain(
      'Nebraska',
    );
  });
});
