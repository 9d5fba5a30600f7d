import { describe, expect, it } from 'vitest';
import { buildEvidenceIndex, extractEvidence } from '../../src/engine/evidence/index.ts';
import { foldText } from '../../src/engine/evidence/phrases.ts';
import { createEngine } from '../../src/engine/index.ts';
import { DEFAULT_KNOWLEDGE_DIR } from '../../src/knowledge/default-dir.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import { NOW } from './fixtures/knowledge.ts';

const knowledge = loadKnowledge(DEFAULT_KNOWLEDGE_DIR);
const index = buildEvidenceIndex(knowledge);
const engine = createEngine(knowledge);
const signalsOf = (text: string) => extractEvidence(index, text, NOW).signals.map((s) => s.signal);

/** One common phrasing per language for each symptom the issue names. */
const REPORTS: [lang: string, text: string, signal: string][] = [
  ['zh', '调用接口返回401，API密钥无效', 'symptom:invalid-key'],
  ['zh', '令牌过期了怎么办', 'symptom:expired-key'],
  ['zh', '本地可以，部署后报错', 'timeline:works-locally'],
  ['zh', '提示额度不足', 'symptom:quota'],
  ['zh', '返回 403 权限不足', 'symptom:permission-denied'],
  ['es', 'Me da error: clave API inválida', 'symptom:invalid-key'],
  ['es', 'funciona en local pero no en el servidor', 'timeline:works-locally'],
  ['es', 'acceso denegado al llamar la API', 'symptom:permission-denied'],
  ['pt', 'erro 401 chave de API inválida', 'symptom:invalid-key'],
  ['pt', 'o token expirou ontem', 'symptom:expired-key'],
  ['de', 'Der API-Schlüssel ist ungültig', 'symptom:invalid-key'],
  ['de', 'Zugriff verweigert (403)', 'symptom:permission-denied'],
  ['de', 'funktioniert lokal, aber nicht im Container', 'timeline:works-locally'],
  ['fr', 'clé API invalide alors que je viens de la créer', 'symptom:invalid-key'],
  ['fr', 'mon quota dépassé depuis ce matin', 'symptom:quota'],
  ['ja', 'APIキーが無効ですと言われる', 'symptom:invalid-key'],
  ['ja', 'トークンの有効期限が切れました', 'symptom:expired-key'],
  ['ru', 'Неверный API ключ при запросе', 'symptom:invalid-key'],
  ['ru', 'ключ отозван после утечки', 'symptom:revoked-key'],
  ['ru', 'слишком много запросов, ошибка 429', 'symptom:rate-limit'],
  // a signature that does not verify, in the languages whose reports name it
  ['zh', '调用时提示签名不匹配', 'symptom:bad-signature'],
  ['ja', '署名が一致しないというエラー', 'symptom:bad-signature'],
  ['ko', '서명이 일치하지 않습니다', 'symptom:bad-signature'],
  ['es', 'la firma no coincide con la esperada', 'symptom:bad-signature'],
  ['pt', 'retorna assinatura inválida', 'symptom:bad-signature'],
  ['de', 'Fehler: ungültige Signatur', 'symptom:bad-signature'],
  ['fr', 'erreur signature invalide', 'symptom:bad-signature'],
  ['ru', 'сервер отвечает: неверная подпись', 'symptom:bad-signature'],
  // an authentication failure said in general words, and "it used to work"
  ['pt', 'recebi um erro na autenticação', 'symptom:invalid-key'],
  ['de', 'Authentifizierung fehlgeschlagen beim Login', 'symptom:invalid-key'],
  ['fr', "échec de l'authentification avec mon token", 'symptom:invalid-key'],
  ['ko', '인증이 실패했다고 뜹니다', 'symptom:invalid-key'],
  ['ja', 'APIキー不一致と表示されます', 'symptom:invalid-key'],
  ['fr', 'ça ne fonctionne plus depuis hier', 'timeline:worked-before'],
  ['ja', '昨日まで動いていたのに', 'timeline:worked-before'],
  ['pt', 'parou de funcionar hoje', 'timeline:worked-before'],
  // it broke after an update
  ['zh', '更新后一直报错 401', 'timeline:after-update'],
  ['ja', 'アップデート後にAPIキーが通らない', 'timeline:after-update'],
  ['ko', '업데이트 후 인증 오류', 'timeline:after-update'],
  ['de', 'Nach dem Update kommt immer 401', 'timeline:after-update'],
  ['es', 'después de actualizar el plugin da 401', 'timeline:after-update'],
  ['ru', 'после обновления ошибка 401', 'timeline:after-update'],
];

describe('GIVEN reports written in other languages', () => {
  for (const [lang, text, signal] of REPORTS) {
    it(`THEN "${text}" (${lang}) gives ${signal}`, () => {
      expect(signalsOf(text)).toContain(signal);
    });
  }

  it('THEN status codes and error strings are read whatever the language around them', () => {
    const signals = extractEvidence(index, '错误401：Incorrect API key provided', NOW);
    expect(signals.signals.map((s) => s.signal)).toContain('status:401');
    expect(signals.errors.map((e) => e.match)).toContain('Incorrect API key provided');
  });

  it('THEN a German report of a revoked key is diagnosed as one', () => {
    const r = engine.step(
      undefined,
      { type: 'message', text: 'OpenAI gibt 401 zurück, der Schlüssel wurde widerrufen' },
      { now: NOW },
    );
    expect(r.state.ranked[0]?.causeId).toBe('key-revoked');
  });

  it('THEN a short report that only names a failure in its own words is read as one, not as nothing to go on', () => {
    for (const text of [
      '按上面配置，最后提示签名不匹配。请大佬指点，谢谢了！',
      'Der Adapter kann sich plötzlich nicht mehr anmelden.',
      'Rodei esse código meses atrás e deu tudo certo, agora recebi um erro na autenticação.',
    ]) {
      const r = engine.step(undefined, { type: 'message', text }, { now: NOW });
      expect(r.state.ranked.length, text).toBeGreaterThan(0);
      expect(r.reply.kind, text).not.toBe('info');
    }
  });

  it('THEN folding ignores case, accents and spaces', () => {
    expect(foldText('Clave  API Inválida')).toBe(foldText('clave api invalida'));
  });

  it('THEN an English report gives no phrase signal (the text matcher reads English)', () => {
    expect(signalsOf('my api key is invalid, it works locally').some((s) => s.startsWith('symptom:'))).toBe(
      false,
    );
  });
});
