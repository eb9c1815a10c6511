import type { Lang } from './types';

const en = {
  query: 'Postcode or town',
  search: 'Search',
  locate: 'Use my location',
  list: 'Pick-up points',
  searching: 'Searching…',
  locating: 'Finding your location…',
  found: (n: number) => (n === 1 ? '1 pick-up point found' : `${n} pick-up points found`),
  /** `where` is the postcode or town searched; undefined for the shopper's location. */
  empty: (where?: string) =>
    where ? `No pick-up point near ${where}.` : 'No pick-up point near your location.',
  queryMissing: 'Enter a postcode or town.',
  geoFailed: 'Your location is not available. Search by postcode or town instead.',
  network: 'The server could not be reached. Check your connection and try again.',
  busy: 'Too many requests. Please try again shortly.',
  failed: 'Something went wrong. Please try again.',
  retry: 'Try again',
  today: 'Today',
  closedToday: 'Closed today',
  closed: 'closed',
  allDay: 'open 24 hours',
  hours: 'Opening hours',
  chosen: 'Your pick-up point',
  selected: (name: string) => `${name} selected.`,
  saving: 'Saving your choice…',
  idLabel: 'PickPost user ID',
  idHint: 'Needed to collect your parcel. You find it in your PickPost registration e-mail.',
  confirm: 'Confirm',
  noId: 'No PickPost user ID yet? Register',
  register: 'Register',
  registerHeading: 'Register for PickPost',
  registering: 'Registering…',
  registered: (id: string) => `Registered. Your PickPost user ID is ${id}.`,
  title: 'Salutation',
  titles: ['Mr', 'Mrs'],
  firstName: 'First name',
  name1: 'Last name',
  street: 'Street',
  houseNo: 'Number',
  zip: 'Postcode',
  city: 'Town',
  email: 'E-mail',
  required: 'Please fill in this field.',
  choose: 'Please choose a pick-up point.',
  expired: 'Your choice has expired. Please choose the pick-up point again.',
};

/** Every string the widget shows, in one language. */
export type Messages = typeof en;

const de: Messages = {
  query: 'PLZ oder Ort',
  search: 'Suchen',
  locate: 'Meinen Standort verwenden',
  list: 'Abholorte',
  searching: 'Suche läuft…',
  locating: 'Standort wird ermittelt…',
  found: (n) => (n === 1 ? '1 Abholort gefunden' : `${n} Abholorte gefunden`),
  empty: (where) =>
    where ? `Kein Abholort in der Nähe von ${where}.` : 'Kein Abholort in Ihrer Nähe.',
  queryMissing: 'Geben Sie eine PLZ oder einen Ort ein.',
  geoFailed: 'Ihr Standort ist nicht verfügbar. Suchen Sie stattdessen nach PLZ oder Ort.',
  network:
    'Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  busy: 'Zu viele Anfragen. Bitte versuchen Sie es gleich noch einmal.',
  failed: 'Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.',
  retry: 'Erneut versuchen',
  today: 'Heute',
  closedToday: 'Heute geschlossen',
  closed: 'geschlossen',
  allDay: '24 Stunden geöffnet',
  hours: 'Öffnungszeiten',
  chosen: 'Ihr Abholort',
  selected: (name) => `${name} ausgewählt.`,
  saving: 'Ihre Wahl wird gespeichert…',
  idLabel: 'PickPost-User-ID',
  idHint:
    'Nötig, um Ihr Paket abzuholen. Sie finden sie in der E-Mail Ihrer PickPost-Registrierung.',
  confirm: 'Bestätigen',
  noId: 'Noch keine PickPost-User-ID? Registrieren',
  register: 'Registrieren',
  registerHeading: 'Für PickPost registrieren',
  registering: 'Registrierung läuft…',
  registered: (id) => `Registriert. Ihre PickPost-User-ID ist ${id}.`,
  title: 'Anrede',
  titles: ['Herr', 'Frau'],
  firstName: 'Vorname',
  name1: 'Nachname',
  street: 'Strasse',
  houseNo: 'Nummer',
  zip: 'PLZ',
  city: 'Ort',
  email: 'E-Mail',
  required: 'Bitte füllen Sie dieses Feld aus.',
  choose: 'Bitte wählen Sie einen Abholort.',
  expired: 'Ihre Wahl ist abgelaufen. Bitte wählen Sie den Abholort erneut.',
};

const fr: Messages = {
  query: 'NPA ou localité',
  search: 'Rechercher',
  locate: 'Utiliser ma position',
  list: 'Points de retrait',
  searching: 'Recherche en cours…',
  locating: 'Localisation en cours…',
  found: (n) => (n === 1 ? '1 point de retrait trouvé' : `${n} points de retrait trouvés`),
  empty: (where) =>
    where ? `Aucun point de retrait près de ${where}.` : 'Aucun point de retrait près de vous.',
  queryMissing: 'Saisissez un NPA ou une localité.',
  geoFailed: "Votre position n'est pas disponible. Recherchez plutôt par NPA ou localité.",
  network: "Le serveur n'est pas joignable. Vérifiez votre connexion et réessayez.",
  busy: 'Trop de demandes. Veuillez réessayer dans un instant.',
  failed: "Une erreur s'est produite. Veuillez réessayer.",
  retry: 'Réessayer',
  today: "Aujourd'hui",
  closedToday: "Fermé aujourd'hui",
  closed: 'fermé',
  allDay: 'ouvert 24 h sur 24',
  hours: "Heures d'ouverture",
  chosen: 'Votre point de retrait',
  selected: (name) => `${name} sélectionné.`,
  saving: 'Enregistrement de votre choix…',
  idLabel: 'Numéro de client PickPost',
  idHint:
    "Nécessaire pour retirer votre colis. Vous le trouvez dans l'e-mail de votre inscription PickPost.",
  confirm: 'Confirmer',
  noId: 'Pas encore de numéro de client PickPost ? Inscrivez-vous',
  register: "S'inscrire",
  registerHeading: "S'inscrire à PickPost",
  registering: 'Inscription en cours…',
  registered: (id) => `Inscription réussie. Votre numéro de client PickPost est ${id}.`,
  title: 'Civilité',
  titles: ['Monsieur', 'Madame'],
  firstName: 'Prénom',
  name1: 'Nom',
  street: 'Rue',
  houseNo: 'Numéro',
  zip: 'NPA',
  city: 'Localité',
  email: 'E-mail',
  required: 'Veuillez remplir ce champ.',
  choose: 'Veuillez choisir un point de retrait.',
  expired: 'Votre choix a expiré. Veuillez choisir à nouveau le point de retrait.',
};

const it: Messages = {
  query: 'NPA o località',
  search: 'Cerca',
  locate: 'Usa la mia posizione',
  list: 'Punti di ritiro',
  searching: 'Ricerca in corso…',
  locating: 'Rilevamento della posizione…',
  found: (n) => (n === 1 ? '1 punto di ritiro trovato' : `${n} punti di ritiro trovati`),
  empty: (where) =>
    where ? `Nessun punto di ritiro vicino a ${where}.` : 'Nessun punto di ritiro vicino a te.',
  queryMissing: 'Inserisci un NPA o una località.',
  geoFailed: 'La tua posizione non è disponibile. Cerca invece per NPA o località.',
  network: 'Il server non è raggiungibile. Controlla la connessione e riprova.',
  busy: 'Troppe richieste. Riprova tra poco.',
  failed: 'Si è verificato un errore. Riprova.',
  retry: 'Riprova',
  today: 'Oggi',
  closedToday: 'Oggi chiuso',
  closed: 'chiuso',
  allDay: 'aperto 24 ore su 24',
  hours: 'Orari di apertura',
  chosen: 'Il tuo punto di ritiro',
  selected: (name) => `${name} selezionato.`,
  saving: 'Salvataggio della scelta…',
  idLabel: 'Numero cliente PickPost',
  idHint:
    "Necessario per ritirare il pacco. Lo trovi nell'e-mail della tua registrazione PickPost.",
  confirm: 'Conferma',
  noId: 'Non hai ancora un numero cliente PickPost? Registrati',
  register: 'Registrati',
  registerHeading: 'Registrati a PickPost',
  registering: 'Registrazione in corso…',
  registered: (id) => `Registrazione riuscita. Il tuo numero cliente PickPost è ${id}.`,
  title: 'Appellativo',
  titles: ['Signor', 'Signora'],
  firstName: 'Nome',
  name1: 'Cognome',
  street: 'Via',
  houseNo: 'Numero',
  zip: 'NPA',
  city: 'Località',
  email: 'E-mail',
  required: 'Compila questo campo.',
  choose: 'Scegli un punto di ritiro.',
  expired: 'La tua scelta è scaduta. Scegli di nuovo il punto di ritiro.',
};

/** The widget's strings in German, French, Italian and English. */
export const messages: Readonly<Record<Lang, Messages>> = { de, fr, it, en };

/**
 * The language to speak: `requested` if supported (`fr-CH` counts as `fr`), else German, the
 * language most Swiss shoppers use.
 *
 * @example
 * resolveLang('fr-CH'); // 'fr'
 * resolveLang('rm'); // 'de'
 */
export function resolveLang(requested: string | null | undefined): Lang {
  const lang = (requested ?? '').slice(0, 2).toLowerCase();
  return lang === 'fr' || lang === 'it' || lang === 'en' ? lang : 'de';
}
