import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cleanText } from '../lib/extract/index.js';

describe('cleanText', () => {
  it('drops ad placeholders and the blank lines they leave, keeping headings as lines', () => {
    const raw = '[ad_1]\nFirst paragraph.\n\n[ad_2]\n\nA heading\nSecond paragraph.\n[ad_3]';
    expect(cleanText(raw)).toBe('First paragraph.\n\nA heading\nSecond paragraph.');
  });

  it('drops "Advertisement", share and subscribe lines', () => {
    const raw =
      'Title line\nAdvertisement\nBody text here.\nShare on Facebook | Twitter | WhatsApp\nSubscribe to our newsletter for daily updates\nMore body.\n';
    expect(cleanText(raw)).toBe('Title line\nBody text here.\nMore body.\n');
  });

  it('strips stray HTML markup and inline placeholders', () => {
    expect(cleanText('<p>The army said <b>ten</b> soldiers died.</p> [ad_4]')).toBe('The army said ten soldiers died.');
    expect(cleanText('One.<br>Two &amp; three.')).toBe('One. Two & three.');
  });

  it('keeps a junk-free text character for character', () => {
    const raw = '  Indented line\r\n\r\nParagraph  with  double spaces.\n\n\nSubscribers to the fund said so.\n';
    expect(cleanText(raw)).toBe(raw);
  });

  it('keeps datelines: they are text, set apart later by the sentence splitter', () => {
    const raw =
      'KYIV, March 3 (Reuters) - Russian forces launched drones.\nGoma, Democratic Republic of Congo — Rebels seized a town.\n';
    expect(cleanText(raw)).toBe(raw);
  });

  it('round-trips any text without junk markers', () => {
    const junkFree = fc.string({ unit: fc.constantFrom('a', 'B', ' ', '\n', '.', ',', '"', 'é', '\t', '1') });
    fc.assert(
      fc.property(junkFree, (s) => {
        fc.pre(!/advertisement|share|subscribe|sign up|follow us|read more|related|copyright|sponsored|\[|</i.test(s));
        expect(cleanText(s)).toBe(s);
      }),
      { numRuns: 300 },
    );
  });
});
