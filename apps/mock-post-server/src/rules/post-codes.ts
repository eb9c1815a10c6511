export type Language = 'DE' | 'FR' | 'IT' | 'EN';

/**
 * The Barcode web service's error (E) and warning (W) codes the simulator gives, with texts in
 * the four languages (the real service answers "in the language of the call" [V HB]). Codes
 * and their meanings are from the Barcode manual §5.12/5.13 and the developer portal; where the
 * reference names a range without saying which code means what (E1000–E1016, E2032–E2034),
 * the assignment below is ours [G] and says so.
 */
export const POST_CODES = {
  E1000: {
    EN: 'Unknown service code',
    DE: 'Unbekannter Leistungscode',
    FR: 'Code de prestation inconnu',
    IT: 'Codice di prestazione sconosciuto',
  }, // [G] within E1000–E1016
  E1001: {
    EN: 'Exactly one basic service is required',
    DE: 'Genau eine Basisleistung ist erforderlich',
    FR: 'Exactement une prestation de base est requise',
    IT: 'È richiesta esattamente una prestazione di base',
  }, // [G] within E1000–E1016
  E2001: {
    EN: 'Recipient address incomplete',
    DE: 'Empfängeradresse unvollständig',
    FR: 'Adresse du destinataire incomplète',
    IT: 'Indirizzo del destinatario incompleto',
  },
  E2009: {
    EN: 'Franking licence missing',
    DE: 'Frankierlizenz fehlt',
    FR: 'Licence d’affranchissement manquante',
    IT: 'Licenza d’affrancatura mancante',
  },
  E2010: {
    EN: 'Franking licence not authorised for this user',
    DE: 'Frankierlizenz für diesen Benutzer nicht berechtigt',
    FR: 'Licence d’affranchissement non autorisée pour cet utilisateur',
    IT: 'Licenza d’affrancatura non autorizzata per questo utente',
  },
  E2016: {
    EN: 'Item number not unique',
    DE: 'Sendungsnummer nicht eindeutig',
    FR: 'Numéro d’envoi pas unique',
    IT: 'Numero d’invio non univoco',
  },
  E2017: {
    EN: 'Sender address incomplete',
    DE: 'Absenderadresse unvollständig',
    FR: 'Adresse de l’expéditeur incomplète',
    IT: 'Indirizzo del mittente incompleto',
  },
  E2025: {
    EN: 'Street address and P.O. box cannot be combined',
    DE: 'Strassenadresse und Postfach können nicht kombiniert werden',
    FR: 'Adresse et case postale ne peuvent pas être combinées',
    IT: 'Indirizzo e casella postale non possono essere combinati',
  },
  E2027: {
    EN: 'Franking licence has the wrong length',
    DE: 'Frankierlizenz hat die falsche Länge',
    FR: 'Licence d’affranchissement de longueur incorrecte',
    IT: 'Licenza d’affrancatura di lunghezza errata',
  },
  E2032: {
    EN: 'Postcode required for domestic items',
    DE: 'PLZ für Inlandsendungen erforderlich',
    FR: 'NPA requis pour les envois nationaux',
    IT: 'NPA richiesto per invii nazionali',
  }, // [G] within E2032–E2034
  E2033: {
    EN: 'Domestic postcode must be four digits',
    DE: 'Inland-PLZ muss vierstellig sein',
    FR: 'Le NPA national doit comporter quatre chiffres',
    IT: 'L’NPA nazionale deve avere quattro cifre',
  }, // [G] within E2032–E2034
  E2036: {
    EN: 'Weight missing',
    DE: 'Gewicht fehlt',
    FR: 'Poids manquant',
    IT: 'Peso mancante',
  },
  E2037: {
    EN: 'Weight invalid',
    DE: 'Gewicht ungültig',
    FR: 'Poids invalide',
    IT: 'Peso non valido',
  },
  E2041: {
    EN: 'E-mail address invalid',
    DE: 'E-Mail-Adresse ungültig',
    FR: 'Adresse e-mail invalide',
    IT: 'Indirizzo e-mail non valido',
  },
  E2042: {
    EN: 'Phone number invalid (10 to 20 digits, spaces only)',
    DE: 'Telefonnummer ungültig (10 bis 20 Ziffern, nur Leerzeichen)',
    FR: 'Numéro de téléphone invalide (10 à 20 chiffres, espaces uniquement)',
    IT: 'Numero di telefono non valido (da 10 a 20 cifre, solo spazi)',
  },
  E2045: {
    EN: 'ItemID contains invalid characters',
    DE: 'ItemID enthält ungültige Zeichen',
    FR: 'ItemID contient des caractères invalides',
    IT: 'ItemID contiene caratteri non validi',
  },
  E2064: {
    EN: 'At least two label lines required',
    DE: 'Mindestens zwei Etikettenzeilen erforderlich',
    FR: 'Au moins deux lignes d’étiquette requises',
    IT: 'Sono richieste almeno due righe d’etichetta',
  },
  E2066: {
    EN: 'Service not available for this address',
    DE: 'Leistung für diese Adresse nicht verfügbar',
    FR: 'Prestation non disponible pour cette adresse',
    IT: 'Prestazione non disponibile per questo indirizzo',
  },
  W9997: {
    EN: 'IdentCode is for Swiss Post internal use and was ignored',
    DE: 'IdentCode ist für interne Zwecke der Post und wurde ignoriert',
    FR: 'IdentCode est réservé à la Poste et a été ignoré',
    IT: 'IdentCode è riservato alla Posta ed è stato ignorato',
  },
} as const;

export type PostCode = keyof typeof POST_CODES;

export interface CodedMessage {
  code: PostCode;
  message: string;
}

export function coded(code: PostCode, language: Language): CodedMessage {
  return { code, message: POST_CODES[code][language] };
}
