"""Redaction of personal details (names, phone numbers, e-mails, street addresses) in free text.

Rules, in order (each replaces the match by a placeholder):
1. e-mail addresses -> ``[email]``
2. street addresses, English ("221 Baker Street", "5th Ave", "PO Box 12") and Spanish
   ("Calle Mayor 5", "Avda. de la Constitución 12", "C/ Alcalá 3") -> ``[address]``
3. phone numbers: 7+ digits with optional +country code, spaces, dots, dashes, brackets
   -> ``[phone]``
4. names: after a cue ("my name is", "me llamo", "officer", "Mr.", "Sra.", "agente", ...), social
   handles (``@someone``), and capitalised words that are common given names (English and Spanish)
   followed by another capitalised word -> ``[name]``

Recall over precision: a false ``[name]`` costs a word of context, a missed name costs privacy.
Names without any cue that are not in the given-name list are NOT found (no NER model is used);
docs/feedback-text.md says so.
"""

from __future__ import annotations

import re

from bluebridge.feedback.text.language import words

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)

_STREET_EN = (
    r"street|st|avenue|ave|av|road|rd|lane|ln|drive|dr|boulevard|blvd|court|ct|place|pl|"
    r"terrace|way|parkway|pkwy|highway|hwy|circle|cir|square|sq|alley|row|crescent|close"
)
_ORD = r"(?:\d+(?:st|nd|rd|th)|[A-Z][\w'’-]+)"
ADDRESS_EN = re.compile(
    rf"\b\d{{1,5}}[A-Za-z]?(?:\s+(?:[NSEW]\.?|North|South|East|West))?"
    rf"(?:\s+{_ORD}){{1,3}}\s+(?:{_STREET_EN})\b"
    rf"(?:,?\s*(?:apt|apartment|unit|suite|#)\.?\s*\w+)?",
    re.IGNORECASE,
)
ADDRESS_EN_NONUM = re.compile(
    rf"\b(?:on|at|in)\s+((?:{_ORD}\s+){{1,3}}(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Drive|Dr|"
    rf"Boulevard|Blvd|Court|Ct|Place|Pl|Terrace|Way|Parkway|Circle|Square))\b"
)
PO_BOX = re.compile(r"\b(?:P\.?\s?O\.?\s?Box|apartado(?: de correos)?)\s*\d+\b", re.IGNORECASE)
_STREET_ES = (
    r"calle|c/|avenida|avda\.?|av\.?|paseo|plaza|pza\.?|camino|carretera|ctra\.?|ronda|"
    r"travesía|travesia|callejón|callejon|glorieta|bulevar|pasaje|colonia|col\."
)
_CONNECT = r"(?:de|del|la|las|los|el|y)\s+"
ADDRESS_ES = re.compile(
    rf"(?<!\w)(?i:{_STREET_ES})\s*(?:{_CONNECT})*"
    rf"(?:(?:[A-ZÁÉÍÓÚÑ][\w'’.-]*|\d{{1,3}})(?:\s+(?:{_CONNECT})*[A-ZÁÉÍÓÚÑ][\w'’.-]*)*)"
    rf"(?:,?\s*(?i:n[º°o]\.?\s*|número\s*|#\s*)?\d{{1,5}}[A-Za-z]?\b"
    rf"(?:,?\s*\d+[º°ª]?(?:\s*[A-Z]\b)?)?)?"
)
PHONE = re.compile(
    r"(?<![\w@])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]?\d{2,4}){1,4}(?!\w)"
)

_CUES = (
    r"my name is|my name's|i am|i'm|this is|named|called|name:|"
    r"me llamo|mi nombre es|soy|se llama|llamado|llamada|nombre:|"
    r"officer|ofc\.?|sgt\.?|sergeant|detective|det\.?|lieutenant|lt\.?|captain|capt\.?|"
    r"deputy|trooper|chief|agente|oficial|sargento|teniente|"
    r"mr\.?|mrs\.?|ms\.?|miss|dr\.?|sr\.?|sra\.?|srta\.?|don|doña|señor|señora|señorita"
)
_CAP = r"[A-ZÁÉÍÓÚÑÜ][a-záéíóúñü'’-]+"
NAME_AFTER_CUE = re.compile(
    rf"(?i:\b(?:{_CUES}))\s+({_CAP}(?:\s+(?:de\s+la\s+|de\s+|del\s+|van\s+|von\s+)?{_CAP}){{0,2}})"
)
HANDLE = re.compile(r"(?<![\w@])@\w{1,30}")

# Common given names (English and Spanish). A capitalised given name followed by a capitalised
# word is taken as a full name even without a cue; alone, a given name is also redacted.
GIVEN_NAMES = words(
    """
    james john robert michael william david richard joseph thomas charles christopher daniel
    matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy
    ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin
    scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry
    tyler aaron jose adam nathan henry douglas zachary peter kyle noah ethan jeremy walter
    christian keith roger terry austin sean gerald carl harold dylan arthur lawrence jordan
    jesse bryan billy bruce gabriel joe logan albert willie alan eugene russell vincent
    mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty
    sandra margaret ashley kimberly emily donna michelle carol amanda melissa deborah
    stephanie dorothy rebecca sharon laura cynthia amy kathleen angela shirley brenda emma
    anna pamela nicole samantha katherine christine helen debra rachel carolyn janet maria
    catherine heather diane olivia julie joyce victoria ruth virginia lauren kelly christina
    joan evelyn judith andrea hannah megan cheryl jacqueline martha madison teresa gloria
    sara janice ann kathryn abigail sophia frances jean alice judy isabella julia grace amber
    denise danielle marilyn beverly charlotte natalie theresa diana brittany doris kayla
    alexis lori marie tamika keisha latoya jamal darnell tyrone deshawn malik
    juan carlos luis jorge pedro miguel antonio manuel francisco javier alejandro fernando
    ricardo rafael sergio eduardo roberto andrés andres diego pablo raúl raul enrique
    alberto jesús jesus ramón ramon mario óscar oscar rubén ruben hugo héctor hector
    guadalupe rosa carmen ana lucía lucia isabel sofía sofia elena marta pilar dolores
    teresa beatriz cristina patricia raquel silvia mercedes paula alicia julia irene
    verónica veronica claudia adriana gabriela daniela valentina camila fernanda ximena
    alejandra mariana jimena lupita conchita """
)
_WORD = re.compile(rf"\b{_CAP}\b")
_NOT_SURNAME = words(
    """the and but or for with from this that there here when what who why how monday tuesday
    wednesday thursday friday saturday sunday january february march april may june july august
    september october november december police department street avenue road city"""
)


def _redact_names(text: str) -> str:
    text = NAME_AFTER_CUE.sub(lambda m: m.group(0)[: m.start(1) - m.start(0)] + "[name]", text)
    text = HANDLE.sub("[name]", text)
    out: list[str] = []
    pos = 0
    for match in _WORD.finditer(text):
        if match.start() < pos:
            continue
        word = match.group(0)
        if word.lower() not in GIVEN_NAMES:
            continue
        end = match.end()
        nxt = _WORD.match(text, end + 1) if text[end : end + 1] == " " else None
        if nxt and nxt.group(0).lower() not in _NOT_SURNAME:
            end = nxt.end()
        out.append(text[pos : match.start()])
        out.append("[name]")
        pos = end
    out.append(text[pos:])
    return "".join(out)


def redact(text: str) -> str:
    """Replace personal details with [name], [phone], [email] and [address]."""
    if not text:
        return text
    text = EMAIL.sub("[email]", text)
    text = PO_BOX.sub("[address]", text)
    text = ADDRESS_EN.sub("[address]", text)
    text = ADDRESS_EN_NONUM.sub(lambda m: m.group(0).replace(m.group(1), "[address]"), text)
    text = ADDRESS_ES.sub("[address]", text)
    text = PHONE.sub(_phone, text)
    return _redact_names(text)


def _phone(match: re.Match[str]) -> str:
    digits = sum(ch.isdigit() for ch in match.group(0))
    if digits < 7 or digits > 15:
        return match.group(0)
    raw = match.group(0)
    # A year range or a date ("2019-2020", "12.05.2024") is not a phone number.
    if re.fullmatch(r"\d{4}[-/]\d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}", raw):
        return raw
    return "[phone]"
