import { describe, expect, it } from 'vitest';
import { HEAD_PREFIX, HEAD_TOKENS, textFeatures } from '../../src/engine/model/text-features.ts';

describe('text features of the learned scorer', () => {
  it('gives stemmed words and adjacent word pairs, without stop words', () => {
    const f = textFeatures('The key expired yesterday');
    expect(f).toEqual(expect.arrayContaining(['w:key', 'w:expir', 'b:key expir']));
    expect(f).not.toContain('w:the');
  });

  it('gives character pairs for Chinese and Japanese, split from Latin words around them', () => {
    const f = textFeatures('调用API时提示密钥无效 APIキーが無効です');
    expect(f).toEqual(expect.arrayContaining(['c:密钥', 'c:无效', 'c:無効', 'c:キー', 'w:api']));
  });

  it('keeps words of other scripts (Cyrillic) as words, and adds their English glosses', () => {
    expect(textFeatures('неверный ключ')).toEqual([
      'w:неверный',
      't:неверный',
      'r:неверн',
      'w:ключ',
      't:ключ',
      'b:неверный ключ',
      't:неверный ключ',
      'w:invalid',
      'w:key',
    ]);
  });

  it('counts the opening words once more, as head words and pairs, and only those', () => {
    const filler = Array.from({ length: HEAD_TOKENS }, () => 'and').join(' ');
    const opening = textFeatures(`token expired ${filler} quota`);
    expect(opening).toEqual(expect.arrayContaining(['t:token', 't:expir', 't:token expir', 'w:quota']));
    expect(opening).not.toContain('t:quota');
    // the same words after the opening ones are plain words only
    const later = textFeatures(`${filler} token expired`);
    expect(later).toEqual(expect.arrayContaining(['w:token', 'w:expir', 'b:token expir']));
    expect(later.filter((f) => f.startsWith(HEAD_PREFIX))).toEqual([]);
  });

  it('gives inflected forms of one word the same root: Cyrillic, Latin with diacritics, Korean particles', () => {
    const root = (text: string) => textFeatures(text).filter((f) => f.startsWith('r:'));
    expect(root('ключа')).toEqual(root('ключом'));
    expect(root('ключа')).toEqual(['r:ключ']);
    expect(root('błędny')).toEqual(root('błędna'));
    expect(root('토큰이')).toEqual(root('토큰을'));
    expect(root('토큰이')).toEqual(['r:토큰']);
    expect(root('만료되었습니다')).toEqual(root('만료된'));
    // English and other ASCII words are left to the stemmer
    expect(root('tokens expired klucza')).toEqual([]);
  });

  it('adds English glosses for words about keys in other languages, inflected or inside a run', () => {
    expect(textFeatures('mi clave de API es inválida')).toEqual(
      expect.arrayContaining(['w:key', 'w:invalid']),
    );
    expect(textFeatures('API-Schlüssel abgelaufen')).toEqual(expect.arrayContaining(['w:key', 'w:expir']));
    expect(textFeatures('API 키가 만료되었습니다')).toEqual(expect.arrayContaining(['w:key', 'w:expir']));
    expect(textFeatures('密钥无效，权限不足')).toEqual(
      expect.arrayContaining(['w:key', 'w:invalid', 'w:permission']),
    );
    expect(textFeatures('klucz API nieprawidłowy, brak uprawnień')).toEqual(
      expect.arrayContaining(['w:key', 'w:invalid', 'w:miss', 'w:permission']),
    );
    expect(textFeatures('kunci API tidak valid, akses ditolak')).toEqual(
      expect.arrayContaining(['w:key', 'w:invalid', 'w:access', 'w:deni']),
    );
    expect(textFeatures('token kedaluwarsa, autentikasi gagal')).toEqual(
      expect.arrayContaining(['w:token', 'w:expir', 'w:authentic']),
    );
    expect(textFeatures('API anahtarı hatalı, yetkisiz erişim')).toEqual(
      expect.arrayContaining(['w:key', 'w:wrong', 'w:unauthoriz', 'w:access']),
    );
  });

  it('adds no gloss to English text, nor for an emoji or a smart quote in it', () => {
    const plain = textFeatures('the key is invalid');
    expect(textFeatures('the key is invalid 🔑 “really”')).toEqual(plain);
    expect(textFeatures('my video limit')).not.toContain('w:empty');
  });

  it('splits identifiers into their parts as well as keeping the whole', () => {
    expect(textFeatures('invalid_api_key')).toEqual(expect.arrayContaining(['w:invalid', 'w:api', 'w:key']));
  });

  it('leaves out numbers, ids and hashes, but keeps three-digit statuses', () => {
    const f = textFeatures('401 at 2024-01-02 request id e3b0c44298fc1c149afbf4c8996fb924');
    expect(f).toContain('w:401');
    expect(f.some((x) => x.includes('e3b0c4'))).toBe(false);
    expect(f.some((x) => x.includes('2024'))).toBe(false);
  });

  it('gives each feature once', () => {
    const f = textFeatures('401 401 401 unauthorized unauthorized');
    expect(f.length).toBe(new Set(f).size);
  });
});
