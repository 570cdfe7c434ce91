"""The fixed safety replies, in English and Spanish.

These texts are DRAFTS: the department (communications lead, 911 centre supervisor and the
mental-health liaison) must review and sign them off before go-live; see docs/assistant-safety.md.
They are never generated: the screen picks one of them, word for word. Every emergency reply
carries "911"; every crisis reply carries "988" (and "911" when danger looks immediate).
"""

from __future__ import annotations

REVIEW_STATUS = "draft: requires review by the department before go-live"

EMERGENCY = "emergency"
EMERGENCY_SOFTENED = "emergency-softened"
CRISIS = "crisis"
CRISIS_SOFTENED = "crisis-softened"
CRISIS_IMMEDIATE = "crisis-immediate"

REPLIES: dict[str, dict[str, str]] = {
    EMERGENCY: {
        "en": (
            "**Call 911 now.** What you describe sounds like an emergency. This chat cannot "
            "send help and is not watched by a dispatcher. If you can, get to a safe place, "
            "call 911 and stay on the line. If you cannot speak, you can text 911 where "
            "text-to-911 is available."
        ),
        "es": (
            "**Llame al 911 ahora.** Lo que describe parece una emergencia. Este chat no puede "
            "enviar ayuda y ningún operador de emergencias lo lee. Si puede, vaya a un lugar "
            "seguro, llame al 911 y no cuelgue. Si no puede hablar, puede enviar un mensaje de "
            "texto al 911 donde el servicio esté disponible."
        ),
    },
    EMERGENCY_SOFTENED: {
        "en": (
            "**If anyone is in danger, hurt, or this is still happening, call 911 now.** This "
            "chat cannot send help. If it is over and no one is in danger, I can help you "
            "report it or find the right information."
        ),
        "es": (
            "**Si alguien está en peligro, herido, o esto sigue pasando, llame al 911 ahora.** "
            "Este chat no puede enviar ayuda. Si ya pasó y nadie está en peligro, puedo "
            "ayudarle a reportarlo o a encontrar la información que necesita."
        ),
    },
    CRISIS: {
        "en": (
            "**You are not alone. Call or text 988** to reach the Suicide and Crisis Lifeline, "
            "free and open day and night, or chat at 988lifeline.org. If you or someone else is "
            "in danger right now, call 911. Would you like me to connect you with a person "
            "from our team as well?"
        ),
        "es": (
            "**No está solo. Llame o envíe un mensaje de texto al 988** para hablar con la "
            "Línea de Prevención del Suicidio y Crisis (988 Lifeline), gratis y abierta día y "
            "noche; tiene atención en español. Si usted u otra persona está en peligro ahora "
            "mismo, llame al 911. ¿Quiere que también le comunique con una persona de nuestro "
            "equipo?"
        ),
    },
    CRISIS_SOFTENED: {
        "en": (
            "If you or someone you know is struggling or thinking about suicide, **call or "
            "text 988** (Suicide and Crisis Lifeline, day and night). If anyone is in danger "
            "right now, call 911. I can also put you in touch with a person from our team."
        ),
        "es": (
            "Si usted o alguien que conoce está pasando por un momento difícil o piensa en el "
            "suicidio, **llame o envíe un texto al 988** (Línea de Prevención del Suicidio y "
            "Crisis, día y noche). Si alguien está en peligro ahora mismo, llame al 911. "
            "También puedo comunicarle con una persona de nuestro equipo."
        ),
    },
    CRISIS_IMMEDIATE: {
        "en": (
            "**Call 911 now** if you or someone else may be hurt or in danger right now. "
            "**You can also call or text 988**, the Suicide and Crisis Lifeline, any time. "
            "This chat cannot send help. Would you like me to connect you with a person from "
            "our team as well?"
        ),
        "es": (
            "**Llame al 911 ahora** si usted u otra persona puede estar herida o en peligro en "
            "este momento. **También puede llamar o enviar un texto al 988**, la Línea de "
            "Prevención del Suicidio y Crisis, a cualquier hora. Este chat no puede enviar "
            "ayuda. ¿Quiere que también le comunique con una persona de nuestro equipo?"
        ),
    },
}


def reply(key: str, language: str) -> str:
    texts = REPLIES[key]
    return texts["es"] if language.lower().startswith("es") else texts["en"]
