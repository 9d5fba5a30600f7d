/**
 * The words for "password", "key", "token" and "secret" in other languages than English, owned
 * once: redaction reads a value after them as a credential (label-words.ts) and the scorer glosses
 * them as the English words (engine/model/gloss.ts). Chinese, Japanese and Korean forms are words
 * inside a run; the others are whole words or their starts.
 */

export const PASSWORD_WORDS: readonly string[] = [
  '密码',
  '密碼',
  '口令',
  'パスワード',
  '暗証番号',
  '비밀번호',
  'contraseña',
  'contrasena',
  'senha',
  'passwort',
  'kennwort',
  'пароль',
  'пароля',
  'mot de passe',
  'mot-de-passe',
  'şifre',
  'sifre',
  'parola',
  'mật khẩu',
  'hasło',
  'haslo',
  'wachtwoord',
  'lösenord',
  '암호',
  '授权码',
  'kata sandi',
  'sandi',
  'heslo',
  'jelszó',
  'jelszo',
  'κωδικός',
  'κωδικος',
  'סיסמה',
  'كلمة المرور',
  'كلمة السر',
  'पासवर्ड',
  'รหัสผ่าน',
  'mat khau',
  'salasana',
  'adgangskode',
  'passord',
];

export const KEY_WORDS: readonly string[] = [
  '密钥',
  '秘钥',
  '密鑰',
  '金鑰',
  'キー',
  '키',
  'clave',
  'llave',
  'chave',
  'schlüssel',
  'schluessel',
  'ключ',
  'clé',
  'chiave',
  'anahtar',
  'khóa',
  'klucz',
  'sleutel',
  'nyckel',
  '密匙',
  '私钥',
  'kunci',
  'klíč',
  'kulcs',
  'κλειδί',
  'مفتاح',
  'कुंजी',
];

export const TOKEN_WORDS: readonly string[] = ['令牌', 'トークン', '토큰', 'токен', 'jeton'];

export const SECRET_WORDS: readonly string[] = ['シークレット', '시크릿', 'секрет'];

/** Scripts without spaces between words: their forms match anywhere in a run. */
export const UNSPACED_SCRIPT = /^[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;
