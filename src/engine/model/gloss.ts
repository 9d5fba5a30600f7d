/**
 * English glosses for the words people use about keys in other languages: "clave inválida",
 * "ключ недействителен", "API 키가 만료", "APIキーが無効" also yield the features of "invalid key" and
 * "key expired", so what the scorer learned from the many English reports carries over to the few
 * in each other language. A gloss adds English word features; it never removes the original ones.
 * Latin and Cyrillic entries match the start of a word (their inflections: "inválida", "ключа");
 * Chinese, Japanese and Korean entries match anywhere in a run (no spaces between words).
 */
import {
  KEY_WORDS,
  PASSWORD_WORDS,
  SECRET_WORDS,
  TOKEN_WORDS,
  UNSPACED_SCRIPT,
} from '../../redaction/credential-words.ts';

/** The words for credentials, split by script. */
function byScript(words: readonly string[], extraLatin: string[] = []): { latin: string[]; cjk: string[] } {
  return {
    latin: [...words.filter((w) => !UNSPACED_SCRIPT.test(w)), ...extraLatin],
    cjk: words.filter((w) => UNSPACED_SCRIPT.test(w)),
  };
}

/** English words (already in the form the features use before stemming) for each concept. */
const CONCEPTS: Record<string, { latin: string[]; cjk: string[] }> = {
  key: byScript(KEY_WORDS),
  token: byScript(TOKEN_WORDS, ['tokenu', 'tokenem']),
  password: byScript(PASSWORD_WORDS),
  secret: byScript(SECRET_WORDS),
  invalid: {
    latin: [
      'inválid',
      'ungültig',
      'ungueltig',
      'invalide',
      'non valid',
      'недействител',
      'неверн',
      'некорректн',
      'неправильн',
      'nieprawidłow',
      'niepoprawn',
      'geçersiz',
      'không hợp lệ',
    ],
    cjk: ['无效', '無效', '無効', '不正确', '不正確', '유효하지', '잘못된', '올바르지'],
  },
  wrong: {
    latin: [
      'incorrecta',
      'incorrecto',
      'incorreta',
      'incorreto',
      'incorrecte',
      'errónea',
      'errado',
      'falsch',
      'błędn',
      'yanlış',
      'hatalı',
      'sbagliat',
    ],
    cjk: ['错误', '錯誤', '間違'],
  },
  expired: {
    latin: [
      'expirad',
      'expiró',
      'caducad',
      'vencid',
      'abgelaufen',
      'expiré',
      'scadut',
      'истек',
      'истёк',
      'просроч',
      'wygasł',
      'süresi dol',
      'hết hạn',
    ],
    cjk: ['过期', '過期', '期限切れ', '有効期限', '만료'],
  },
  revoked: {
    latin: ['revocad', 'revogad', 'widerrufen', 'révoqu', 'revocat', 'отозван', 'unieważnion', 'iptal'],
    cjk: ['撤销', '吊销', '失効', '폐기'],
  },
  deleted: {
    latin: [
      'eliminad',
      'borrad',
      'excluíd',
      'deletad',
      'gelöscht',
      'supprimé',
      'eliminat',
      'удален',
      'удалён',
      'usunięt',
      'silindi',
    ],
    cjk: ['删除', '削除', '삭제'],
  },
  missing: {
    latin: [
      'falta',
      'faltante',
      'ausente',
      'fehlt',
      'fehlend',
      'manquant',
      'mancant',
      'отсутству',
      'brak',
      'eksik',
    ],
    cjk: ['缺少', '未设置', '未設定', '누락'],
  },
  empty: { latin: ['vacío', 'vacio', 'vazio', 'vuot', 'пуст', 'boş'], cjk: ['为空', '為空', '空の'] },
  permission: {
    latin: [
      'permiso',
      'permissão',
      'permissões',
      'permissao',
      'berechtigung',
      'autorisation',
      'permess',
      'права',
      'uprawnie',
      'yetki',
      'izin',
    ],
    cjk: ['权限', '權限', '権限', '권한'],
  },
  denied: {
    latin: ['denegad', 'negad', 'verweigert', 'refusé', 'запрещ', 'отказан', 'odmow', 'reddedil'],
    cjk: ['拒绝', '拒絕', '拒否', '거부'],
  },
  access: {
    latin: ['acceso', 'acesso', 'zugriff', 'accès', 'accesso', 'доступ', 'dostęp', 'erişim'],
    cjk: ['访问', '訪問', 'アクセス', '접근'],
  },
  authentication: {
    latin: [
      'autenticación',
      'autenticacion',
      'autenticação',
      'authentifizierung',
      'authentification',
      'autenticazion',
      'аутентификац',
      'авторизац',
      'uwierzytelni',
      'autoryzac',
      'kimlik doğrula',
      'xác thực',
    ],
    cjk: ['认证', '認證', '鉴权', '鑑權', '認証', '인증'],
  },
  unauthorized: {
    latin: [
      'no autorizad',
      'não autorizad',
      'nicht autorisiert',
      'non autorisé',
      'не авторизован',
      'nieautoryzowan',
      'yetkisiz',
    ],
    cjk: ['未授权', '未授權', '未認証'],
  },
  quota: {
    latin: ['cuota', 'cota', 'kontingent', 'квот', 'kota'],
    cjk: ['配额', '额度', '額度', '割り当て', 'クォータ', '할당량'],
  },
  balance: {
    latin: ['saldo', 'guthaben', 'solde', 'баланс', 'bakiye'],
    cjk: ['余额', '餘額', '残高', '잔액'],
  },
  billing: {
    latin: [
      'facturación',
      'faturamento',
      'abrechnung',
      'facturation',
      'fatturazion',
      'оплат',
      'płatnoś',
      'fatura',
    ],
    cjk: ['欠费', '账单', '결제'],
  },
  signature: {
    latin: ['firma', 'assinatura', 'signatur', 'подпис', 'podpis', 'imza'],
    cjk: ['签名', '簽名', '署名', '서명'],
  },
  clock: {
    latin: ['reloj', 'relógio', 'uhrzeit', 'horloge', 'orologio', 'часы', 'zegar'],
    cjk: ['时钟', '時鐘', '時刻', '시계'],
  },
  region: { latin: ['región', 'região', 'région', 'регион'], cjk: ['区域', '地域', 'リージョン', '리전'] },
  project: {
    latin: ['proyecto', 'projeto', 'projekt', 'projet', 'progett', 'проект', 'proje'],
    cjk: ['项目', '項目', 'プロジェクト', '프로젝트'],
  },
  account: {
    latin: ['cuenta', 'konto', 'compte', 'аккаунт', 'учетн', 'учётн', 'hesap'],
    cjk: ['账号', '账户', '帳號', 'アカウント', '계정'],
  },
  organization: {
    latin: ['organización', 'organização', 'organisation', 'organizzazion', 'организац', 'organizac'],
    cjk: ['组织', '組織', '조직'],
  },
  server: {
    latin: ['servidor', 'serveur', 'сервер', 'serwer', 'sunucu'],
    cjk: ['服务器', '伺服器', 'サーバー', '서버'],
  },
  local: {
    latin: ['localmente', 'lokal', 'localement', 'локальн', 'lokalnie', 'yerel'],
    cjk: ['本地', 'ローカル', '로컬'],
  },
  environment: {
    latin: ['entorno', 'ambiente', 'umgebung', 'environnement', 'окружени', 'środowisk', 'ortam'],
    cjk: ['环境', '環境', '환경'],
  },
  header: {
    latin: ['encabezado', 'cabecera', 'cabeçalho', 'en-tête', 'intestazion', 'заголов', 'nagłów', 'başlık'],
    cjk: ['请求头', '頭部', 'ヘッダー', '헤더'],
  },
  proxy: { latin: ['прокси', 'vekil'], cjk: ['代理', 'プロキシ', '프록시'] },
  limit: { latin: ['límite', 'limite', 'лимит'], cjk: ['限流', '限制', '制限', '제한'] },
  works: {
    latin: ['funciona', 'funktioniert', 'fonctionne', 'работает', 'działa', 'çalışıyor'],
    cjk: ['動作', '작동'],
  },
};

interface Gloss {
  /** the foreign form, lowercased and NFKC-normalised as the text is */
  form: string;
  english: string;
}

const normal = (s: string) => s.normalize('NFKC').toLowerCase();

const LATIN: Gloss[] = [];
const CJK: Gloss[] = [];
for (const [english, { latin, cjk }] of Object.entries(CONCEPTS)) {
  for (const form of latin) LATIN.push({ form: normal(form).trim(), english });
  for (const form of cjk) CJK.push({ form: normal(form), english });
}
/** Word starts the Latin and Cyrillic glosses are looked up by (their first two characters). */
const LATIN_BY_START = new Map<string, Gloss[]>();
for (const g of LATIN) {
  const start = g.form.slice(0, 2);
  LATIN_BY_START.set(start, [...(LATIN_BY_START.get(start) ?? []), g]);
}

/**
 * Glosses of a language written in plain ASCII (Indonesian and Malay): looked for in every text, so
 * only words no English report uses are listed ("kunci API tidak valid", "token kedaluwarsa").
 */
const ASCII_GLOSSES: Record<string, string> = {
  kunci: 'key',
  'tidak valid': 'invalid',
  'tidak sah': 'invalid',
  kedaluwarsa: 'expired',
  kadaluarsa: 'expired',
  kadaluwarsa: 'expired',
  ditolak: 'denied',
  akses: 'access',
  autentikasi: 'authentication',
  otentikasi: 'authentication',
  'tidak diizinkan': 'unauthorized',
  kuota: 'quota',
};
const ASCII_GLOSS = new RegExp(
  `(?<![a-z0-9])(${Object.keys(ASCII_GLOSSES)
    .map((w) => w.replace(' ', '[ \\t]+'))
    .join('|')})`,
  'g',
);

/** A letter that is not ASCII (not an emoji or a smart quote): the text may be in another language. */
const NON_ASCII = /(?![\x00-\x7f])\p{L}/u;

/**
 * The English concepts a normalised (NFKC, lowercased) text names in other languages, each once.
 * English text costs one scan for the plain-ASCII glosses and one test: only text with a non-ASCII
 * letter is looked at further, since every other gloss but a few Latin ones (inválid, falta) holds
 * one, and those are looked up only beside such text.
 */
export function glossConcepts(normalText: string): string[] {
  const found = new Set<string>();
  for (const m of normalText.matchAll(ASCII_GLOSS)) {
    const english = ASCII_GLOSSES[(m[1] ?? '').replace(/[ \t]+/g, ' ')];
    if (english) found.add(english);
  }
  if (!NON_ASCII.test(normalText)) return [...found];
  for (const g of CJK) if (normalText.includes(g.form)) found.add(g.english);
  for (const m of normalText.matchAll(/(?<![\p{L}\p{N}])[\p{L}]{2}/gu)) {
    const candidates = LATIN_BY_START.get(m[0]);
    if (!candidates) continue;
    for (const g of candidates) if (normalText.startsWith(g.form, m.index)) found.add(g.english);
  }
  return [...found];
}
