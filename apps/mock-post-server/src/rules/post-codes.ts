export type Language = 'DE' | 'FR' | 'IT' | 'EN';

/**
 * The Barcode web service's error (E) and warning (W) codes the simulator gives, with texts in
 * the four languages (the real service answers "in the language of the call" [V HB]). The
 * meanings are Swiss Post's [V HB-EN §5.12/5.13 and its field table, DEV §8.14.1; reference §A1
 * and the corrections of §Z]; the wording of the texts is ours. When the simulator gives a code
 * is written beside the check that gives it (`item-rules.ts`, `service-rules.ts`).
 */
export const POST_CODES = {
  E1000: {
    EN: 'Invalid combination of basic services',
    DE: 'Ungültige Kombination von Basisleistungen',
    FR: 'Combinaison de prestations de base non valable',
    IT: 'Combinazione di prestazioni di base non valida',
  }, // [V §Z]
  E1001: {
    EN: 'Additional service cannot be combined',
    DE: 'Zusatzleistung nicht kombinierbar',
    FR: 'Prestation complémentaire non combinable',
    IT: 'Prestazione complementare non combinabile',
  }, // [V §Z]
  E1015: {
    EN: 'No service found',
    DE: 'Keine Leistung gefunden',
    FR: 'Aucune prestation trouvée',
    IT: 'Nessuna prestazione trovata',
  }, // [V §Z]
  E2001: {
    EN: 'Recipient address invalid or incomplete',
    DE: 'Empfängeradresse ungültig oder unvollständig',
    FR: 'Adresse du destinataire non valable ou incomplète',
    IT: 'Indirizzo del destinatario non valido o incompleto',
  }, // [V §A1: recipient address]
  E2009: {
    EN: 'Franking licence missing',
    DE: 'Frankierlizenz fehlt',
    FR: 'Licence d’affranchissement manquante',
    IT: 'Licenza d’affrancatura mancante',
  }, // [V §A1]
  E2010: {
    EN: 'Franking licence not authorised for this user',
    DE: 'Frankierlizenz für diesen Benutzer nicht berechtigt',
    FR: 'Licence d’affranchissement non autorisée pour cet utilisateur',
    IT: 'Licenza d’affrancatura non autorizzata per questo utente',
  }, // [V §A1]
  E2011: {
    EN: 'Item number outside the valid range',
    DE: 'Sendungsnummer ausserhalb des gültigen Bereichs',
    FR: 'Numéro d’envoi hors de la plage valable',
    IT: 'Numero d’invio fuori dall’intervallo valido',
  }, // [V §Z: item numbers start at 1]
  E2016: {
    EN: 'Item number not unique',
    DE: 'Sendungsnummer nicht eindeutig',
    FR: 'Numéro d’envoi pas unique',
    IT: 'Numero d’invio non univoco',
  }, // [V §A1]
  E2017: {
    EN: 'Sender address incomplete',
    DE: 'Absenderadresse unvollständig',
    FR: 'Adresse de l’expéditeur incomplète',
    IT: 'Indirizzo del mittente incompleto',
  }, // [V §A1: sender address]
  E2025: {
    EN: 'A P.O. box address must be specified',
    DE: 'Eine Postfachadresse muss angegeben werden',
    FR: 'Une adresse de case postale doit être indiquée',
    IT: 'Occorre indicare un indirizzo di casella postale',
  }, // [V §Z]
  E2027: {
    EN: 'Franking licence has the wrong length',
    DE: 'Frankierlizenz hat die falsche Länge',
    FR: 'Licence d’affranchissement de longueur incorrecte',
    IT: 'Licenza d’affrancatura di lunghezza errata',
  }, // [V §A1]
  E2032: {
    EN: 'Postcode required for domestic items',
    DE: 'PLZ für Inlandsendungen erforderlich',
    FR: 'NPA requis pour les envois nationaux',
    IT: 'NPA richiesto per invii nazionali',
  }, // [V §A1: E2032–E2034 required, digits; E2033 and E2034 are taken by §Z, so E2032 is "required"]
  E2033: {
    EN: 'Domestic postcode may contain digits only',
    DE: 'Inland-PLZ darf nur Ziffern enthalten',
    FR: 'Le NPA national ne peut contenir que des chiffres',
    IT: 'L’NPA nazionale può contenere solo cifre',
  }, // [V §Z]
  E2034: {
    EN: 'Domestic postcode has the wrong length',
    DE: 'Inland-PLZ hat die falsche Länge',
    FR: 'Le NPA national n’a pas la bonne longueur',
    IT: 'L’NPA nazionale ha una lunghezza errata',
  }, // [V §Z]
  E2036: {
    EN: 'Weight has more than 5 digits or is over the maximum',
    DE: 'Gewicht hat mehr als 5 Stellen oder liegt über dem Maximum',
    FR: 'Le poids dépasse 5 chiffres ou le maximum',
    IT: 'Il peso supera le 5 cifre o il massimo',
  }, // [V §Z]
  E2037: {
    EN: 'Weight must be greater than 0',
    DE: 'Gewicht muss grösser als 0 sein',
    FR: 'Le poids doit être supérieur à 0',
    IT: 'Il peso deve essere maggiore di 0',
  }, // [V §Z]
  E2041: {
    EN: 'E-mail address invalid',
    DE: 'E-Mail-Adresse ungültig',
    FR: 'Adresse e-mail invalide',
    IT: 'Indirizzo e-mail non valido',
  }, // [V §A1]
  E2042: {
    EN: 'Phone number invalid (10 to 20 digits, spaces only)',
    DE: 'Telefonnummer ungültig (10 bis 20 Ziffern, nur Leerzeichen)',
    FR: 'Numéro de téléphone invalide (10 à 20 chiffres, espaces uniquement)',
    IT: 'Numero di telefono non valido (da 10 a 20 cifre, solo spazi)',
  }, // [V §A1]
  E2045: {
    EN: 'ItemID contains invalid characters',
    DE: 'ItemID enthält ungültige Zeichen',
    FR: 'ItemID contient des caractères invalides',
    IT: 'ItemID contiene caratteri non validi',
  }, // [V §A1]
  E2064: {
    EN: 'At least two label lines required',
    DE: 'Mindestens zwei Etikettenzeilen erforderlich',
    FR: 'Au moins deux lignes d’étiquette requises',
    IT: 'Sono richieste almeno due righe d’etichetta',
  }, // [V §A1]
  E2066: {
    EN: 'Service not available for this address',
    DE: 'Leistung für diese Adresse nicht verfügbar',
    FR: 'Prestation non disponible pour cette adresse',
    IT: 'Prestazione non disponibile per questo indirizzo',
  }, // [V DEV, §A1]
  W2005: {
    EN: 'Phone number given without delivery instruction ZAW3213',
    DE: 'Telefonnummer ohne Zustellanweisung ZAW3213 angegeben',
    FR: 'Numéro de téléphone indiqué sans instruction de distribution ZAW3213',
    IT: 'Numero di telefono indicato senza istruzione di recapito ZAW3213',
  }, // [V §Z]
  W9997: {
    EN: 'IdentCode is for Swiss Post internal use and was ignored',
    DE: 'IdentCode ist für interne Zwecke der Post und wurde ignoriert',
    FR: 'IdentCode est réservé à la Poste et a été ignoré',
    IT: 'IdentCode è riservato alla Posta ed è stato ignorato',
  }, // [V §A1]
} as const;

export type PostCode = keyof typeof POST_CODES;

export interface CodedMessage {
  code: PostCode;
  message: string;
}

export function coded(code: PostCode, language: Language): CodedMessage {
  return { code, message: POST_CODES[code][language] };
}
