"""A tiny knowledge base for the tests: six articles in English and Spanish."""

from __future__ import annotations

from typing import Any

ARTICLES: list[dict[str, Any]] = [
    {
        "slug": "police-report-copy",
        "topic": "Records",
        "unit": "records",
        "category": "records-request",
        "en": (
            "Get a copy of a police report",
            "Ask the **Records Unit** for a copy of a police report. It costs $5.",
            [
                "how do I get a copy of a police report",
                "I need a copy of my police report",
                "where can I request an incident report",
                "police report copy for my insurance",
                "can I get the report from the accident",
                "how to obtain a police report",
                "request a copy of a report",
                "I want the crash report",
                "get my incident report",
                "how much does a police report copy cost",
            ],
        ),
        "es": (
            "Obtener una copia de un informe policial",
            "Pida a la **Unidad de registros** una copia del informe. Cuesta $5.",
            [
                "cómo obtengo una copia del informe policial",
                "necesito una copia de mi informe policial",
                "dónde pido el reporte del incidente",
                "copia del informe para el seguro",
                "quiero el reporte del choque",
                "cuánto cuesta una copia del informe",
            ],
        ),
    },
    {
        "slug": "noise-complaint",
        "topic": "Neighborhood",
        "unit": "patrol",
        "category": "noise",
        "en": (
            "Report ongoing noise",
            "You can report loud music, parties or barking dogs. A patrol officer will check.",
            [
                "my neighbor plays loud music every night",
                "how do I report a noise complaint",
                "there is a loud party next door",
                "the dog next door barks all night",
                "who do I call about noise",
                "complain about noisy neighbours",
                "loud music at 2am",
                "construction noise early in the morning",
                "noise complaint",
                "my neighbours are too loud",
            ],
        ),
        "es": (
            "Reportar ruido",
            "Puede reportar música alta, fiestas o perros que ladran.",
            [
                "mi vecino pone música alta todas las noches",
                "cómo reporto una queja por ruido",
                "hay una fiesta ruidosa al lado",
                "el perro del vecino ladra toda la noche",
                "queja por ruido",
                "los vecinos hacen mucho ruido",
            ],
        ),
    },
    {
        "slug": "lost-property",
        "topic": "Property",
        "unit": "property",
        "category": "lost-property",
        "en": (
            "Report lost property",
            "Tell us what you lost. We check against items turned in.",
            [
                "I lost my wallet",
                "did anyone turn in my phone",
                "how do I report lost property",
                "I lost my keys downtown",
                "lost purse",
                "someone may have found my backpack",
                "where do lost items go",
                "I left my bag on the bus",
                "report a lost item",
                "lost my passport",
            ],
        ),
        "es": (
            "Reportar objetos perdidos",
            "Díganos qué perdió. Revisamos los objetos entregados.",
            [
                "perdí mi cartera",
                "alguien entregó mi teléfono",
                "cómo reporto un objeto perdido",
                "perdí mis llaves en el centro",
                "perdí mi mochila",
                "dejé mi bolsa en el autobús",
            ],
        ),
    },
    {
        "slug": "impounded-vehicle",
        "topic": "Traffic",
        "unit": "traffic",
        "category": None,
        "en": (
            "Get your towed or impounded car back",
            "Bring ID and proof of ownership to the impound lot at 100 Yard Road.",
            [
                "my car was towed",
                "where is the impound lot",
                "how do I get my impounded vehicle back",
                "release of a towed car",
                "my truck was impounded",
                "what do I need to pick up my towed car",
                "impound lot hours",
                "car towed from the street",
                "how much is the impound fee",
                "get my vehicle out of impound",
            ],
        ),
        "es": (
            "Recuperar un vehículo remolcado",
            "Traiga identificación y prueba de propiedad al depósito en 100 Yard Road.",
            [
                "se llevaron mi carro con la grúa",
                "dónde está el depósito de vehículos",
                "cómo recupero mi auto remolcado",
                "mi camioneta fue remolcada",
                "cuánto cuesta sacar el carro del depósito",
                "horario del depósito de autos",
            ],
        ),
    },
    {
        "slug": "fingerprinting",
        "topic": "Records",
        "unit": "records",
        "category": None,
        "en": (
            "Fingerprinting services",
            "Fingerprinting is by appointment on Tuesdays and Thursdays.",
            [
                "do you do fingerprinting",
                "I need my fingerprints taken for a job",
                "fingerprint appointment",
                "where can I get fingerprinted",
                "fingerprints for a background check",
                "how much does fingerprinting cost",
                "fingerprint card for a license",
                "can I get fingerprints done today",
                "fingerprinting hours",
                "ink fingerprints for immigration",
            ],
        ),
        "es": (
            "Toma de huellas digitales",
            "La toma de huellas es con cita los martes y jueves.",
            [
                "toman huellas digitales",
                "necesito mis huellas para un trabajo",
                "cita para huellas digitales",
                "dónde me toman las huellas",
                "huellas para verificación de antecedentes",
                "cuánto cuesta la toma de huellas",
            ],
        ),
    },
    {
        "slug": "office-hours",
        "topic": "Front desk",
        "unit": "front-desk",
        "category": None,
        "en": (
            "Front desk opening hours",
            "The front desk at 1 Main Street is open weekdays 8:00 to 17:00.",
            [
                "when is the front desk open",
                "what are your opening hours",
                "is the police station open on saturday",
                "front desk hours",
                "what time does the lobby close",
                "where is the police station",
                "address of the station",
                "are you open on holidays",
                "lobby hours",
                "when can I visit the station",
            ],
        ),
        "es": (
            "Horario de atención al público",
            "La recepción en 1 Main Street abre de lunes a viernes de 8:00 a 17:00.",
            [
                "a qué hora abre la recepción",
                "cuál es el horario de atención",
                "está abierta la estación el sábado",
                "dónde queda la estación de policía",
                "horario del vestíbulo",
                "abren en días festivos",
            ],
        ),
    },
]


def as_file(article: dict[str, Any]) -> dict[str, Any]:
    """The article in the knowledge-file format (src/bluebridge/assistant/knowledge/*.json)."""
    return {
        "slug": article["slug"],
        "topic": article["topic"],
        "unit": article["unit"],
        "category": article["category"],
        "review_by": "2027-06-30",
        "translations": {
            lang: {"title": title, "answer": answer, "questions": questions}
            for lang in ("en", "es")
            for title, answer, questions in [article[lang]]
        },
    }


def training_texts() -> tuple[list[str], list[str]]:
    """What training.training_data() gives for these articles once installed: titles and example
    questions of both languages, labelled by slug."""
    texts: list[str] = []
    labels: list[str] = []
    for article in sorted(ARTICLES, key=lambda a: a["slug"]):
        for lang in ("en", "es"):
            title, _answer, questions = article[lang]
            for text in [title, *questions]:
                texts.append(text)
                labels.append(article["slug"])
    return texts, labels
