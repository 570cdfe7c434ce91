"""How often each kind of request comes in: by season, weekday, hour and part of town. No Django.

Rates are made up but plausible for a city of about 200,000: noise peaks on summer weekend
nights, records requests come in office hours, graffiti is a downtown spring-and-summer thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

FLAT_YEAR = [1.0] * 12
SUMMER = [0.6, 0.6, 0.8, 0.9, 1.1, 1.4, 1.6, 1.5, 1.1, 0.9, 0.7, 0.7]
WARM = [0.7, 0.7, 0.9, 1.1, 1.2, 1.2, 1.2, 1.2, 1.1, 1.0, 0.8, 0.7]
WINTER = [1.3, 1.2, 1.0, 0.9, 0.8, 0.8, 0.8, 0.9, 1.0, 1.1, 1.2, 1.4]
HOLIDAYS = [0.9, 0.8, 0.9, 1.0, 1.0, 1.1, 1.2, 1.1, 1.0, 1.0, 1.1, 1.3]

WEEKDAYS = [1.15, 1.1, 1.1, 1.05, 1.0, 0.8, 0.7]  # Monday .. Sunday
WEEKENDS = [0.8, 0.75, 0.75, 0.8, 1.1, 1.5, 1.35]
EVERY_DAY = [1.0] * 7

_NIGHT = [6, 5, 4, 3, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 4, 6, 8, 9, 8]
_OFFICE = [0, 0, 0, 0, 0, 0, 1, 2, 5, 7, 8, 8, 7, 7, 7, 6, 5, 3, 2, 2, 1, 1, 1, 0]
_DAYTIME = [1, 1, 0, 0, 0, 1, 2, 4, 6, 7, 7, 7, 7, 7, 7, 7, 7, 6, 5, 4, 3, 2, 2, 1]
_MORNING = [1, 1, 1, 1, 1, 2, 5, 8, 9, 8, 6, 5, 4, 4, 4, 4, 4, 4, 3, 3, 2, 2, 1, 1]


@dataclass(frozen=True)
class Pattern:
    per_day: float  # city-wide average
    season: list[float] = field(default_factory=lambda: FLAT_YEAR)
    weekday: list[float] = field(default_factory=lambda: EVERY_DAY)
    hours: list[int] = field(default_factory=lambda: _DAYTIME)
    downtown: float = 0.5  # how much more often central beats report it (0 = evenly)
    located: float = 1.0  # share of reports with a map position
    descriptions: tuple[str, ...] = ("Please look into this.",)
    resolutions: tuple[str, ...] = ("We looked into this and took care of it. Thank you.",)


PATTERNS: dict[str, Pattern] = {
    "noise": Pattern(
        3.4,
        SUMMER,
        WEEKENDS,
        _NIGHT,
        1.2,
        descriptions=(
            "Loud music from a house party that has gone on for hours.",
            "Dog barking all night next door.",
            "Cars revving engines in the parking lot every night.",
            "Construction noise starting before 6 am.",
        ),
        resolutions=(
            "An officer spoke with the people responsible and the noise stopped.",
            "We visited twice; it was quiet both times. Report again if it starts up.",
            "We gave a written warning under the city noise ordinance.",
        ),
    ),
    "abandoned-vehicle": Pattern(
        1.6,
        WINTER,
        WEEKDAYS,
        _DAYTIME,
        0.2,
        descriptions=(
            "Car with flat tyres has not moved in two weeks.",
            "Van parked in front of our house for over a month, expired tags.",
            "Burned-out car left in the alley.",
        ),
        resolutions=(
            "The vehicle was tagged and towed after 72 hours.",
            "The owner moved the vehicle after we left a notice.",
        ),
    ),
    "parking": Pattern(
        2.4,
        FLAT_YEAR,
        WEEKDAYS,
        _MORNING,
        1.0,
        descriptions=(
            "Someone is blocking my driveway again.",
            "Truck parked across the bike lane.",
            "Car parked by the fire hydrant all day.",
        ),
        resolutions=(
            "A parking citation was issued.",
            "The vehicle had left when our officer arrived.",
        ),
    ),
    "traffic-enforcement": Pattern(
        1.2,
        WARM,
        WEEKDAYS,
        _DAYTIME,
        -0.3,
        descriptions=(
            "Cars speed through the school zone every morning.",
            "Drivers roll through the stop sign at this corner.",
            "Street racing late at night on this road.",
        ),
        resolutions=(
            "We ran extra speed enforcement here for two weeks.",
            "The traffic unit set up a speed display sign and patrolled the area.",
        ),
    ),
    "graffiti": Pattern(
        1.5,
        WARM,
        EVERY_DAY,
        _DAYTIME,
        1.5,
        descriptions=(
            "Tagging on the side of the store.",
            "Graffiti on the bus shelter.",
            "Spray paint on the playground equipment.",
        ),
        resolutions=(
            "Photographed for our records; the city crew painted over it.",
            "The property owner was given a free removal kit.",
        ),
    ),
    "lost-property": Pattern(
        1.3,
        HOLIDAYS,
        EVERY_DAY,
        _DAYTIME,
        0.8,
        located=0.4,
        descriptions=(
            "Lost my wallet somewhere downtown.",
            "Lost a phone on the bus.",
            "Lost a set of keys with a blue tag.",
        ),
        resolutions=(
            "We found a matching item; bring ID to the front desk to collect it.",
            "Nothing matching has been turned in. We will keep your report on file for 90 days.",
        ),
    ),
    "found-property": Pattern(
        0.6,
        HOLIDAYS,
        EVERY_DAY,
        _DAYTIME,
        0.8,
        located=0.4,
        descriptions=("Found a bicycle in the park.", "Found a backpack at the bus stop."),
        resolutions=("Thank you for handing it in; it is logged with property and evidence.",),
    ),
    "minor-theft": Pattern(
        1.4,
        WARM,
        WEEKDAYS,
        _DAYTIME,
        0.9,
        descriptions=(
            "Package stolen from my porch.",
            "Bicycle stolen from the rack outside the library.",
            "Tools taken from my garage overnight.",
        ),
        resolutions=("Your report has been filed; the case number is in this note for insurance.",),
    ),
    "vehicle-break-in": Pattern(
        1.1,
        SUMMER,
        EVERY_DAY,
        _MORNING,
        0.9,
        descriptions=(
            "Window smashed and bag taken from the car overnight.",
            "Car was rummaged through, nothing major taken.",
        ),
        resolutions=("Your report has been filed; the case number is in this note for insurance.",),
    ),
    "records-request": Pattern(
        1.5,
        FLAT_YEAR,
        [1.2, 1.2, 1.2, 1.2, 1.1, 0.3, 0.2],
        _OFFICE,
        0.0,
        located=0.0,
        descriptions=(
            "Crash report for my insurance company.",
            "Copy of the incident report from last month.",
        ),
        resolutions=("The records you asked for are ready; we have sent them by e-mail.",),
    ),
    "unhoused-welfare": Pattern(
        0.9,
        WINTER,
        EVERY_DAY,
        _DAYTIME,
        1.4,
        descriptions=(
            "A man sleeping outside in the cold, seems unwell.",
            "Someone has been living under the bridge and looks like they need help.",
        ),
        resolutions=("Outreach workers checked on the person and offered shelter and services.",),
    ),
    "domestic-violence-followup": Pattern(
        0.3,
        HOLIDAYS,
        WEEKENDS,
        _DAYTIME,
        0.3,
        located=0.0,
        descriptions=("Please call me back about a safety plan.",),
        resolutions=("A victim advocate made contact.",),
    ),
}

DEFAULT_PATTERN = Pattern(0.5)

# Share of requests by channel (assistant-filed requests come later, with the assistant).
CHANNELS = [("web", 0.58), ("open311", 0.22), ("staff", 0.20)]

GROWTH_PER_YEAR = 0.15  # more people use the service each year


def pattern_for(code: str) -> Pattern:
    return PATTERNS.get(code, DEFAULT_PATTERN)
