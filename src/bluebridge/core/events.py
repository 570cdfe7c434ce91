"""Domain events that cross app boundaries, as Django signals.

Apps send and receive these instead of importing each other, so imports keep flowing one way
(views/API -> services -> models/engines) and no app depends on a later one. Receivers are
connected in each app's `AppConfig.ready()`. Signals are sent inside the sender's transaction:
a receiver that queues background work should use `transaction.on_commit` or a task.

contact_closed
    A contact with a resident ended: a service request was closed, a complaint closed, a chat
    conversation ended. kwargs: kind ("request" | "complaint" | "chat"), instance, reference,
    category (code or ""), sensitive (bool: no automated messages at all), email, phone,
    language, contact_preference ("email" | "sms" | "none" | ""), area (core.Area or None),
    unit (core.Unit or None), closed_at (aware datetime).

request_reopened
    A closed service request was reopened. kwargs: instance, reference, user.

survey_answered
    A resident answered a survey. kwargs: response (the feedback model instance), kind
    ("post_contact" | "community" | "recovery"), source_kind ("request" | "complaint" | "chat" |
    ""), source_reference, satisfied (bool or None: None when the survey asks nothing about
    satisfaction), score (float 0..1 or None), email, phone, language.

text_submitted
    A resident wrote free text that says how they feel about the service, outside a survey: a
    complaint's description, the resident's side of a chat that was rated or closed. Sending it
    again with the same source and reference replaces the earlier text. kwargs: source
    ("complaint" | "chat"), reference, text, language, area (core.Area or None), sensitive
    (bool: analyse and count it, never quote it), submitted_at (aware datetime).
"""

from __future__ import annotations

from django.dispatch import Signal

contact_closed = Signal()
request_reopened = Signal()
survey_answered = Signal()
text_submitted = Signal()
