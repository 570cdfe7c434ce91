"""The standard catalogue of non-emergency services a US police department offers online.

`install_standard_catalogue()` creates (or updates) these categories and their questions; the
demo city and new installations start from it, and staff adjust it in the admin.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from bluebridge.core.models import Unit
from bluebridge.servicedesk.models import CategoryAttribute, ServiceCategory

UNITS: dict[str, tuple[str, str]] = {
    "front-desk": ("Front Desk", "Atención al público"),
    "patrol": ("Patrol Operations", "Operaciones de patrulla"),
    "traffic": ("Traffic Unit", "Unidad de tránsito"),
    "records": ("Records Unit", "Unidad de registros"),
    "property": ("Property and Evidence", "Propiedad y evidencia"),
    "community": ("Community Services", "Servicios comunitarios"),
    "victim-services": ("Victim Services", "Servicios a víctimas"),
}

YES_NO = [
    {"key": "yes", "name": "Yes", "name_es": "Sí"},
    {"key": "no", "name": "No", "name_es": "No"},
]

CATEGORIES: list[dict[str, Any]] = [
    {
        "code": "noise",
        "unit": "patrol",
        "group": "Neighborhood",
        "first": 4,
        "resolve": 48,
        "name": "Noise complaint",
        "name_es": "Queja por ruido",
        "description": "Loud music, parties, barking dogs or other ongoing noise.",
        "description_es": "Música alta, fiestas, perros que ladran u otro ruido constante.",
        "attributes": [
            {
                "code": "noise_type",
                "label": "What kind of noise?",
                "label_es": "¿Qué tipo de ruido?",
                "datatype": "singlevaluelist",
                "required": True,
                "values": [
                    {"key": "music", "name": "Music or party", "name_es": "Música o fiesta"},
                    {"key": "animal", "name": "Animal", "name_es": "Animal"},
                    {"key": "vehicle", "name": "Vehicle or engine", "name_es": "Vehículo o motor"},
                    {"key": "construction", "name": "Construction", "name_es": "Construcción"},
                    {"key": "other", "name": "Other", "name_es": "Otro"},
                ],
            },
            {
                "code": "ongoing",
                "label": "Is it happening now?",
                "label_es": "¿Está pasando ahora?",
                "datatype": "singlevaluelist",
                "required": False,
                "values": YES_NO,
            },
        ],
    },
    {
        "code": "abandoned-vehicle",
        "unit": "traffic",
        "group": "Traffic and parking",
        "first": 8,
        "resolve": 120,
        "name": "Abandoned vehicle",
        "name_es": "Vehículo abandonado",
        "description": "A vehicle left on a public street for more than 72 hours.",
        "description_es": "Un vehículo dejado en la vía pública por más de 72 horas.",
        "attributes": [
            {
                "code": "plate",
                "label": "License plate (if visible)",
                "label_es": "Placa (si se ve)",
                "datatype": "string",
                "required": False,
            },
            {
                "code": "days_parked",
                "label": "About how many days has it been there?",
                "label_es": "¿Cuántos días lleva ahí, aproximadamente?",
                "datatype": "number",
                "required": True,
            },
        ],
    },
    {
        "code": "parking",
        "unit": "traffic",
        "group": "Traffic and parking",
        "first": 4,
        "resolve": 24,
        "name": "Illegal parking",
        "name_es": "Estacionamiento ilegal",
        "description": "Blocked driveway, hydrant, bike lane or accessible parking space.",
        "description_es": "Entrada, hidrante, ciclovía o espacio accesible bloqueado.",
        "attributes": [
            {
                "code": "blocking",
                "label": "What is blocked?",
                "label_es": "¿Qué está bloqueado?",
                "datatype": "singlevaluelist",
                "required": True,
                "values": [
                    {"key": "driveway", "name": "Driveway", "name_es": "Entrada de garaje"},
                    {"key": "hydrant", "name": "Fire hydrant", "name_es": "Hidrante"},
                    {"key": "bike-lane", "name": "Bike lane", "name_es": "Ciclovía"},
                    {
                        "key": "accessible",
                        "name": "Accessible space",
                        "name_es": "Espacio accesible",
                    },
                    {"key": "other", "name": "Other", "name_es": "Otro"},
                ],
            },
        ],
    },
    {
        "code": "traffic-enforcement",
        "unit": "traffic",
        "group": "Traffic and parking",
        "first": 24,
        "resolve": 240,
        "clock": "business",
        "name": "Traffic enforcement request",
        "name_es": "Solicitud de control de tránsito",
        "description": "Speeding, running stop signs or other repeated traffic problems at a place.",
        "description_es": "Exceso de velocidad, pasarse altos u otros problemas de tránsito repetidos.",
        "attributes": [
            {
                "code": "time_of_day",
                "label": "When does it usually happen?",
                "label_es": "¿Cuándo suele pasar?",
                "datatype": "multivaluelist",
                "required": False,
                "values": [
                    {"key": "morning", "name": "Morning", "name_es": "Mañana"},
                    {"key": "afternoon", "name": "Afternoon", "name_es": "Tarde"},
                    {"key": "evening", "name": "Evening", "name_es": "Noche"},
                    {"key": "overnight", "name": "Overnight", "name_es": "Madrugada"},
                ],
            },
        ],
    },
    {
        "code": "graffiti",
        "unit": "community",
        "group": "Neighborhood",
        "first": 24,
        "resolve": 168,
        "name": "Graffiti",
        "name_es": "Grafiti",
        "description": "Graffiti or tagging on public or private property.",
        "description_es": "Grafiti o pintas en propiedad pública o privada.",
        "attributes": [
            {
                "code": "offensive",
                "label": "Is it offensive or hateful?",
                "label_es": "¿Es ofensivo o de odio?",
                "datatype": "singlevaluelist",
                "required": False,
                "values": YES_NO,
            },
        ],
    },
    {
        "code": "lost-property",
        "unit": "property",
        "group": "Property",
        "first": 24,
        "resolve": 240,
        "requires_location": False,
        "name": "Lost property",
        "name_es": "Objeto perdido",
        "description": "Report something you lost, so we can match it with items turned in.",
        "description_es": "Reporte algo que perdió para compararlo con los objetos entregados.",
        "attributes": [
            {
                "code": "item",
                "label": "What did you lose?",
                "label_es": "¿Qué perdió?",
                "datatype": "string",
                "required": True,
            },
            {
                "code": "lost_on",
                "label": "When did you lose it?",
                "label_es": "¿Cuándo lo perdió?",
                "datatype": "datetime",
                "required": False,
            },
        ],
        "allow_anonymous": False,
    },
    {
        "code": "found-property",
        "unit": "property",
        "group": "Property",
        "first": 24,
        "resolve": 240,
        "requires_location": False,
        "name": "Found property",
        "name_es": "Objeto encontrado",
        "description": "Tell us about something you found and how to hand it in.",
        "description_es": "Avísenos de algo que encontró y cómo entregarlo.",
        "attributes": [],
    },
    {
        "code": "minor-theft",
        "unit": "records",
        "group": "Online crime report",
        "first": 24,
        "resolve": 120,
        "name": "Online report: minor theft",
        "name_es": "Reporte en línea: robo menor",
        "description": "Theft under $1,000 with no suspect and no one hurt (for insurance and records).",
        "description_es": "Robo menor de $1,000 sin sospechoso ni heridos (para seguros y registros).",
        "allow_anonymous": False,
        "attributes": [
            {
                "code": "value",
                "label": "Estimated value in dollars",
                "label_es": "Valor estimado en dólares",
                "datatype": "number",
                "required": True,
            },
            {
                "code": "occurred_at",
                "label": "When did it happen?",
                "label_es": "¿Cuándo pasó?",
                "datatype": "datetime",
                "required": True,
            },
        ],
    },
    {
        "code": "vehicle-break-in",
        "unit": "records",
        "group": "Online crime report",
        "first": 24,
        "resolve": 120,
        "name": "Online report: vehicle break-in",
        "name_es": "Reporte en línea: robo en vehículo",
        "description": "Someone broke into your vehicle and is gone; no one was hurt.",
        "description_es": "Alguien entró a su vehículo y ya se fue; nadie resultó herido.",
        "allow_anonymous": False,
        "attributes": [
            {
                "code": "plate",
                "label": "Your license plate",
                "label_es": "Su placa",
                "datatype": "string",
                "required": True,
            },
        ],
    },
    {
        "code": "records-request",
        "unit": "records",
        "group": "Records",
        "first": 24,
        "resolve": 240,
        "requires_location": False,
        "name": "Records request",
        "name_es": "Solicitud de registros",
        "description": "Copies of police reports, crash reports or other public records.",
        "description_es": "Copias de reportes policiales, de choques u otros registros públicos.",
        "allow_anonymous": False,
        "attributes": [
            {
                "code": "record_type",
                "label": "Which record?",
                "label_es": "¿Qué registro?",
                "datatype": "singlevaluelist",
                "required": True,
                "values": [
                    {
                        "key": "incident-report",
                        "name": "Incident report",
                        "name_es": "Reporte de incidente",
                    },
                    {"key": "crash-report", "name": "Crash report", "name_es": "Reporte de choque"},
                    {"key": "other", "name": "Other record", "name_es": "Otro registro"},
                ],
            },
            {
                "code": "case_number",
                "label": "Case number, if you know it",
                "label_es": "Número de caso, si lo sabe",
                "datatype": "string",
                "required": False,
            },
        ],
    },
    {
        "code": "unhoused-welfare",
        "unit": "community",
        "group": "Community care",
        "first": 4,
        "resolve": 48,
        "clock": "calendar",
        "name": "Welfare of an unhoused person",
        "name_es": "Bienestar de una persona sin hogar",
        "description": "Ask outreach workers to check on someone living outside (not an emergency).",
        "description_es": "Pida que trabajadores de apoyo visiten a alguien que vive en la calle.",
        "attributes": [],
    },
    {
        "code": "domestic-violence-followup",
        "unit": "victim-services",
        "group": "Victim services",
        "first": 8,
        "resolve": 72,
        "sensitive": True,
        "allow_anonymous": False,
        "requires_location": False,
        "name": "Domestic violence: ask for a call back",
        "name_es": "Violencia doméstica: pida que le llamen",
        "description": "A victim advocate will contact you safely. We send no automatic messages.",
        "description_es": "Una persona defensora le contactará con seguridad. No enviamos mensajes automáticos.",
        "attributes": [
            {
                "code": "safe_time",
                "label": "When is it safe to contact you?",
                "label_es": "¿Cuándo es seguro contactarle?",
                "datatype": "string",
                "required": True,
            },
        ],
    },
]


@transaction.atomic
def install_standard_catalogue() -> list[ServiceCategory]:
    units = {}
    for code, (name, name_es) in UNITS.items():
        units[code], _ = Unit.objects.update_or_create(
            code=code, defaults={"name": name, "name_es": name_es}
        )
    categories = []
    for order, spec in enumerate(CATEGORIES, start=1):
        category, _ = ServiceCategory.objects.update_or_create(
            code=spec["code"],
            defaults={
                "name": spec["name"],
                "name_es": spec["name_es"],
                "description": spec["description"],
                "description_es": spec["description_es"],
                "group": spec["group"],
                "routing_unit": units[spec["unit"]],
                "first_response_hours": spec["first"],
                "resolution_hours": spec["resolve"],
                "clock": spec.get("clock", ServiceCategory.BUSINESS),
                "allow_anonymous": spec.get("allow_anonymous", True),
                "sensitive": spec.get("sensitive", False),
                "requires_location": spec.get("requires_location", True),
                "order": order,
            },
        )
        for number, attr in enumerate(spec["attributes"], start=1):
            CategoryAttribute.objects.update_or_create(
                category=category,
                code=attr["code"],
                defaults={
                    "label": attr["label"],
                    "label_es": attr.get("label_es", ""),
                    "datatype": attr["datatype"],
                    "required": attr.get("required", False),
                    "values": attr.get("values", []),
                    "order": number,
                },
            )
        categories.append(category)
    return categories
