import { describe, expect, it } from 'vitest';
import { messages, resolveLang } from './messages';

describe('messages', () => {
  it('has every string in every language', () => {
    const keys = Object.keys(messages.en).sort();
    for (const [lang, texts] of Object.entries(messages)) {
      expect(Object.keys(texts).sort(), lang).toEqual(keys);
      for (const [key, text] of Object.entries(texts)) {
        const shown = typeof text === 'function' ? text(2 as never) : text;
        expect(String(shown).trim(), `${lang}.${key}`).not.toBe('');
      }
      expect(texts.titles, lang).toHaveLength(2);
    }
  });

  it('counts and names the place in the sentence', () => {
    expect(messages.de.found(1)).toBe('1 Abholort gefunden');
    expect(messages.fr.found(12)).toBe('12 points de retrait trouvés');
    expect(messages.it.empty('6900')).toBe('Nessun punto di ritiro vicino a 6900.');
    expect(messages.en.empty()).toBe('No pick-up point near your location.');
  });

  it('speaks the requested language or German', () => {
    expect(resolveLang('fr-CH')).toBe('fr');
    expect(resolveLang('IT')).toBe('it');
    expect(resolveLang('en-GB')).toBe('en');
    expect(resolveLang('rm')).toBe('de');
    expect(resolveLang('')).toBe('de');
    expect(resolveLang(undefined)).toBe('de');
  });
});
