"""The danger patterns of the emergency screen (`bluebridge.core.safety`), English and Spanish.

Patterns run on normalised text: lower case, no accents, straight apostrophes, single spaces.
Each rule is (reason, pattern). To add one: put it under its reason, add an example that must
match to tests/core/test_safety.py or tests/assistant/safety/, and an ordinary sentence that
must not match (see docs/assistant-safety.md). Harmless phrases and the cues that soften or
clear a match (negation, past, what-ifs, paperwork questions) are in `safety_cues.py`.
"""

from __future__ import annotations

EMERGENCY_RULES: list[tuple[str, str]] = [
    # Break-in or intruder
    (
        "break-in",
        r"\b(breaking|broke|break|braking|brakeing) ?in(to)?\b(?=.{0,40}\b(now|right now|at the moment)\b)",
    ),
    (
        "break-in",
        r"\b(is|are|someone|somebody|they|he|she)('s| is| are)? (trying to )?(breaking|break|braking|brakeing) ?in",
    ),
    ("break-in", r"\b(breaking|braking|brakeing) in(to)?\b|\bbreakin in\b"),
    (
        "break-in",
        r"\b(someone|somebody|a stranger|a man|a guy|a woman|people|strangers|some ?one) (is |are |'s )?(inside|in) (my|our|the) (house|home|apartment|apt|room|garage|basement|bedroom|backyard|yard)\b",
    ),
    (
        "break-in",
        r"\bintruders?\b|\bburglars? (is |are )?(in|inside)\b|\bthere'?s a (burglar|robber)\b|\bburglary in progress\b|\btry(ing|in'?) to (get|break|brake|climb|force) (in|into|through|open)\b",
    ),
    (
        "break-in",
        r"\b(someone|somebody|a man|a guy|he) (just )?(broke|has broken) in\b|\b(they|people) just broke in\b|\btrying (the|my|our) (doors?|door handles?|windows?)\b",
    ),
    (
        "break-in",
        r"\b(guy|man|woman|person|stranger|someone|somebody|people|men)( i don'?t know| i dont know)? (is |are |'s )?(in|inside) (my|our|the) (kitchen|living room|bedroom|basement|attic|garage|house|home|apartment|hallway|yard|backyard)\b",
    ),
    (
        "break-in",
        r"\b(glass|window|windows|door) (breaking|shattering|smashing|being (broken|smashed|kicked))\b|\bhear (someone|somebody|people|footsteps) (downstairs|upstairs|inside|in the house)\b"
        r"|\b(heard|hear|hearing) (the |a |my |our )?(sound of )?(\w+ )?(glass|windows?) (break|breaking|shatter\w*|smash\w*)\b"
        r"|\b(heard|hear|hearing) (noises?|someone|somebody|footsteps|voices) (downstairs|upstairs|inside|in (the|my|our) (house|kitchen|basement|attic|garage|living room|hallway))\b",
    ),
    (
        "break-in",
        r"\b(kicking|kicked|busting|forcing|prying|smashing) (in |down |open )?(my|our|the) (front |back )?(door|window|lock)\b",
    ),
    (
        "break-in",
        r"\b(climbing|crawling|coming) (in|into|through) (my|our|the) (window|house|home)\b",
    ),
    (
        "break-in",
        r"\b(smashing|breaking|bashing) (in )?(the |my |our |some |all the |car |people'?s )*(car )?(windows|windshields)\b|\b(someone|somebody|a man|a guy|a woman|he|she|they|people) (got|came|snuck|sneaked|walked) (in|into) (my|our|the) (house|home|apartment|room)\b",
    ),
    (
        "break-in",
        r"\b(alguien|un \w+|una \w+|unos \w+|gente) (entro|entraron|se metio|se metieron) (a|en) (mi|la|nuestra) (casa|departamento|apartamento|cuarto)\b",
    ),
    (
        "break-in",
        r"\b(esta|estan|estamos) (entrando|metiendose)\b|\bintentando? (entrar|meterse)\b|\b(quiere|quieren|tratan? de) (entrar|meterse) a (mi|la|nuestra) casa\b",
    ),
    (
        "break-in",
        r"\bhay (alguien|un hombre|una mujer|gente|un extrano|un tipo|unos tipos|extranos) (adentro|dentro|metido|en) (de )?(mi|la|nuestra)? ?(casa|departamento|apartamento|cuarto|cochera|garaje|patio)\b",
    ),
    (
        "break-in",
        r"\bhay (alguien|gente|un \w+|una \w+|unos \w+)( \w+)? (adentro|dentro|metid[oa]s?|en) (de )?(mi|la|nuestra) (casa|departamento|apartamento|cuarto|cocina|sala|cochera|garaje|patio)\b|\b(alguien|un \w+) se metio (a|en) (mi|la|nuestra) casa\b",
    ),
    (
        "break-in",
        r"\b(rompen|rompiendo|romper|quebrando|quiebran) (una|la|el|un|mi|los|las|mis|unos|unas) (ventanas?|vidrios?|puertas?|cristal(es)?)\b|\b(tratando|intentando|quieren|quiere) (de )?(abrir|forzar|romper) (la|mi|nuestra) (puerta|ventana|cerradura)\b",
    ),
    (
        "break-in",
        r"\bhay alguien (adentro|dentro|metido)\b|\b(oigo|escucho|se oyen|oimos) (ruidos|pasos|a alguien|voces) (en|dentro de|adentro de) (la|mi|nuestra) (casa|cocina|sala|cuarto|sotano|cochera|garaje)\b|"
        r"\bse (esta|estan) metiendo\b|\brobando ahora\b|\bintrusos?\b|\b(forzando|rompiendo|pateando) (la|mi|nuestra) (puerta|ventana|cerradura)\b",
    ),
    # Robbery
    (
        "robbery",
        r"\b(being robbed|robbing me|robbing us|mugged|mugging me|held up|hold ?up|at gunpoint|carjack\w*)\b",
    ),
    (
        "robbery",
        r"\b(robbery|hold ?up|stick ?up) (in progress|happening|going on)\b|\b(is|are|'s|'re) (robbing|holding up|sticking up) (the|a|this|that)\b|\b(robo|asalto|atraco)s? (en curso|en progreso)\b|\b(robo|asalto|atraco)s?\b(?=.{0,40}\b(en este momento|ahora mismo|ahorita)\b)|\b(estan|esta) (robando|asaltando) (el|la|un|una)\b|\bme (esta|estan) (asaltando|robando)\b|\bme (asaltan|asaltaron|acaban de (robar|asaltar))\b|\b(asalto|atraco) (a mano armada|en curso)\b",
    ),
    # Weapons
    (
        "weapon",
        r"\b(guns?|gunn|pistols?|handguns?|firearms?|rifles?|shotguns?|knife|knifes|knives|machetes?|armed|ak-?47|ar-?15)\b",
    ),
    (
        "weapon",
        r"\b(shooting|shootings|shooter|shots? fired|gunshots?|gun shots?|stabbed|stabbing|got shot|been shot|shot at)\b",
    ),
    (
        "weapon",
        r"\b(going|threaten\w*|wants?|trying|gonna|about|says he'?ll|said he'?d) to (shoot|stab)\b|\b(va a|amenaza con|quiere) (disparar|apunalar|acuchillar)\b",
    ),
    (
        "weapon",
        r"\b(pistolas?|armas?|armados?|armadas?|disparos?|disparando|disparo|dispararon|balazos?|balaceras?|baleado|tiroteos?|dispar(a|an|ar|arle|arles|arme|aron|ando|o|os|e|en|ado|ados)|cuchillos?|cuchiyo|navajas?|machetes?|apunal\w*|acuchill\w*)\b",
    ),
    # Someone hurt or a medical emergency
    (
        "hurt",
        r"\b(bleeding|bleding|unconscious|unconcious|unresponsive|not breathing|can'?t breathe|cant breath|passed out|collapsed|seizure|hurt|injured|wounded|heart attack|having a stroke|no pulse|not moving|won'?t wake up|trapped|pinned (under|in|between))\b(?! myself)",
    ),
    ("hurt", r"\b(hit by a car|ran over|run over|got hit by)\b"),
    (
        "hurt",
        r"\b(drowning|drowned|going under|fell (through|into) the (ice|river|lake|water|pond)|(fell|fallen|falling|went|broke|breaking) (through|thru) the ice|(fell|fallen|falling) (in|into) the (river|lake|pond|pool|creek|canal|ocean|sea|bay))\b|\b(se (esta )?ahoga\w*|ahogandose|se cayo al (agua|rio|lago)|cayo (por|a traves de)l? hielo)\b",
    ),
    (
        "crash",
        r"\b(flipped|rolled) over\b|\b(crash|wreck|accident|collision)\b.{0,60}\b(trapped|screaming|bleeding|unconscious|not moving|hurt|injured)\b|\bse (volteo|volco)\b",
    ),
    (
        "dangerous-driving",
        r"\b(drunk|impaired) driv\w*|\bdriving (the )?wrong way\b|\bwrong way (on|down) the (highway|freeway|interstate)\b|\bswerving\b|\b(conductor|chofer) (borracho|ebrio)\b|\bmanejando (borracho|ebrio)\b|\ben sentido contrario\b",
    ),
    (
        "violence",
        r"\b(screaming|yelling|crying) for help\b|\b(grita|gritando|gritan) (pidiendo )?(ayuda|auxilio)\b|\bse oyen golpes\b|\bhear (things|stuff|furniture) (breaking|being thrown)\b",
    ),
    (
        "hurt",
        r"\b(sangrando|sangra|inconscientes?|no respira|desmayad[oa]s?|convulsion\w*|herid[oa]s?|lastimad[oa]s?|lesionad[oa]s?|atropell\w*|ataque al corazon|no despierta|no se mueve|atrapad[oa]s?|prensad[oa]s?|tirad[oa] (en|por) (la|el) (calle|piso|suelo|banqueta|acera))\b",
    ),
    # Fire
    (
        "fire",
        r"\bfire\b(?! ?(hydrants?|lane|station|department|dept|truck|works|pit|place|alarm test|marshal|code|inspection|drill|safety|extinguisher|escape|prevention|chief|academy))",
    ),
    (
        "fire",
        r"\b(on fire|burning|flames|smoke (is |are )?(coming|pouring|billowing|everywhere|filling)|(smell|see|lots of|full of) smoke|set fire|gas leak|smell (of )?gas)\b",
    ),
    (
        "fire",
        r"\b(fuego|incendio|incendiando|llamas|quemando\w*|se quema|sale humo|mucho humo|hay humo|humo (en|por) todo|saliendo humo|huele (\w+ )?a (humo|gas|quemado)|fuga de gas)\b",
    ),
    # Overdose or poisoning
    (
        "overdose",
        r"\b(overdos\w*|overdoes\w*|o\.?d\.?'?ing|od'?d|too many pills|took (all|a bunch of|a lot of) (the |his |her |my )?(pills|meds|medication))\b|\bsobredosis\b",
    ),
    (
        "overdose",
        r"\b(se tomo|tomo|se trago|me tome) (todas las|todas mis|muchas|un monton de|un frasco de) (pastillas|pildoras|medicinas)\b",
    ),
    (
        "overdose",
        r"\b(drank|swallowed|ate|drinking) (some |the )?(bleach|antifreeze|poison|chemicals|drain cleaner|rat poison|pills)\b|\b(se )?(tomo|trago|bebio) (el |la |un poco de )?(cloro|veneno|blanqueador|anticongelante|raticida)\b",
    ),
    # A child in danger
    (
        "child",
        r"\b(child|children|kid|kids|baby|babies|toddler|infant)\b.{0,40}\b(alone|locked|in danger|hot car|being hit|beaten|abused|missing)\b",
    ),
    ("child", r"\b(missing|lost) (child|kid|baby|toddler)\b"),
    (
        "child",
        r"\blost my (son|daughter|child|kid|baby|toddler|little (boy|girl)|\d+ ?(year|yr)[- ]old) (at|in) the\b|\b(se (me )?perdio|desaparecio|no encuentro a|no encontramos a|perdi a) (mi|mis|el|la) (hijo|hija|hijos|hijas|nino|nina|ninos|bebe|nieto|nieta|chamaco|chamaca|pequen[oa]|chiquit[oa])\b",
    ),
    (
        "child",
        r"\b(can'?t|cannot|cant) find my (son|daughter|child|kid|baby|little (boy|girl)|\d+ ?(year|yr)[- ]old)\b|\bmy \d+ ?(year|yr)[- ]old (is |has gone |went )?missing\b",
    ),
    (
        "child",
        r"\b(baby|child|kid|toddler|infant)\b.{0,20}\bleft (alone )?in (a|the) (hot )?(car|vehicle|truck)\b",
    ),
    (
        "child",
        r"\b(took|grabbed|is taking|snatched|taking) (my|a|the) (child|kid|son|daughter|baby|little (boy|girl))\b",
    ),
    (
        "child",
        r"\b(nino|nina|ninos|ninas|bebe|bebes|menor|menores)\b.{0,40}\b(solos?|solas?|encerrad[oa]s?|en peligro|golpe\w*|maltrat\w*|desaparecid[oa]s?|perdid[oa]s?)\b",
    ),
    (
        "child",
        r"\bmi (hijo|hija|nino|nina|bebe|nieto|nieta)( de \w+ anos?| pequen[oa]| chiquit[oa])? (desaparecio|se perdio|esta desaparecid[oa]|esta perdid[oa]|no aparece)\b|\bmy (son|daughter|child|kid|baby|toddler|grandson|granddaughter|little (boy|girl))( \w+)? (is missing|disappeared|has disappeared|went missing|is lost)\b|\bno (encuentro|encontramos|aparece) (a )?mi (hijo|hija|nino|nina|bebe)\b|\bse (llevaron|llevo|robaron|robo) a (mi|un|una|el|la) (hijo|hija|nino|nina|bebe|menor)\b",
    ),
    # A vulnerable adult who has just wandered off (dementia)
    (
        "missing-person",
        r"\b(alzheimer'?s?|dementia|demencia)\b.{0,80}\b(walked out|wandered|got out|left the house|left home|is missing|went missing|is gone|can'?t find|cant find|se salio|se fue|salio de la casa|no (lo|la) (encontramos|encuentro|hallamos)|desaparecio|se perdio|se escapo)|\b(walked out|wandered off|wandered away|went missing|se salio|se perdio|desaparecio)\b.{0,60}\b(alzheimer'?s?|dementia|demencia)\b",
    ),
    # Being followed or stalked
    (
        "followed",
        r"\b(following|stalking|chasing|folowing) (me|us)\b|\bbeing (followed|chased|stalked)\b|\bfollowed me\b",
    ),
    (
        "followed",
        r"\b(walking|coming|running|heading) (toward|towards|at|after) me\b|\bwatching me from\b|\bme (esta|estan) (vigilando|observando) desde\b",
    ),
    (
        "followed",
        r"\b(i was|i am|i'm|im|we were|we are|i've been|i keep being|i got) (being )?(followed|stalked|chased)\b|\b(i have|i've got|there's) a stalker\b",
    ),
    (
        "followed",
        r"\bme (esta|estan|viene|vienen) (siguiendo|persiguiendo)\b|\bme (sigue|siguen|persigue|persiguen)\b(?! \w+(ando|iendo)\b)|\bnos (estan|esta) siguiendo\b|\bme (siguieron|siguio|persiguieron|persiguio|acosa|acosan|esta acosando)\b",
    ),
    # Violence now
    (
        "violence",
        r"\b(hitting|beating|attacking|assaulting|choking|strangling|punching|kicking) (me|her|him|them|someone|somebody|a|my|his|her)\b",
    ),
    (
        "violence",
        r"\b(fight|fighting|assault|attack|attacked|raped?|raping|kidnapp?\w*|abducted|hostage)\b",
    ),
    (
        "violence",
        r"\b(threat\w*|going|wants?|trying) to kill\b(?! (myself|time))|\bkill (me|her|him|us|them)\b",
    ),
    (
        "violence",
        r"\b(golpeando|pegandome|pegandole|pegandoles|atacando|ahorcando|estrangulando|pateando)\b|\bpegando(le)? a\b|\b(pelea|peleando|peleas|agresion|agrediendo)\b",
    ),
    ("violence", r"\b(violando|violacion|secuestr\w*|rehen\w*)\b"),
    (
        "violence",
        r"\b(got|was|were|being|been|get) (pulled|dragged|forced|shoved|thrown|pushed|grabbed|snatched) (into|in) (a|the|an|his|their|some) (\w+ )?(van|car|truck|vehicle|suv|pickup)\b|\b(pulled|dragged|forced|shoved|threw|pushed|grabbed|snatched) (a |an |the |my |his |her |our |this |that |some )?(\w+ )?(woman|man|girl|boy|kid|child|teen|teenager|person|lady|guy|sister|brother|daughter|son|mom|mother|dad|father|wife|husband|friend|neighbou?r|her|him|me|us|them|someone|somebody) (into|in) (a|the|an|his|their|some) (\w+ )?(van|car|truck|vehicle|suv|pickup)\b|\b(l[oa]s?|me) (subieron|metieron a la fuerza|jalaron|aventaron|forzaron a subir) (a|en) (una|un|la|el) (\w+ )?(camioneta|carro|van|auto|coche|troca)\b",
    ),
    (
        "violence",
        r"(?<!se )\b(amenaz\w*|quiere|va a|intenta\w*|trata de) (con )?matar(me|nos|la|lo|los|las)?\b",
    ),
]

CRISIS_RULES: list[tuple[str, str]] = [
    (
        "self-harm",
        r"\b(in|inside) (the|my) (car|garage)\b.{0,50}\b(engine|motor|car) (running|on)\b|\bengine running\b.{0,50}\bgarage\b|\b(garaje|cochera)\b.{0,60}\b(motor|carro|coche) (encendido|prendido|andando|corriendo)\b|\b(motor|carro|coche) (encendido|prendido)\b.{0,60}\b(garaje|cochera)\b",
    ),
    (
        "self-harm",
        r"\b(suicid\w*|sucid\w*|suicd\w*|suiside|kill myself|killing myself|kil myself|kms|end my life|ending my life|take my (own )?life|unalive (myself|me))\b",
    ),
    (
        "self-harm",
        r"\b(want to die|wanna die|self[- ]harm\w*|hurt myself|hurting myself|cut myself|cutting myself|end it all|better off dead|better off without me|no reason to live|don'?t want to (live|be alive|wake up)|hang myself|slit my wrists?)\b",
    ),
    (
        "self-harm",
        r"\b(kill|killing|hurt|hurting|cut|cutting) (himself|herself|themselves|themself)\b|\bwants? to die\b",
    ),
    (
        "self-harm",
        r"\b(quiero|voy a|pienso|pensando en|ganas de) (matarme|suicidarme|morirme|quitarme la vida|ahorcarme|cortarme)\b",
    ),
    (
        "self-harm",
        r"\bme quiero (matar|morir|suicidar)\b|\b(hacerme dano|lastimarme|cortarme|autolesion\w*)\b",
    ),
    (
        "self-harm",
        r"\b(no quiero|ya no quiero) (vivir|seguir viviendo|estar aqui|despertar)\b|\bacabar con (mi vida|todo)\b|\bmejor (estaria|estarian) (muert[oa]|sin mi)\b",
    ),
    (
        "self-harm",
        r"\bwant (it all|everything) to (end|stop)\b|\bwant to end it\b|\bhow many pills (would|does|will|to)\b|\b(painless|easiest|best|quickest) way to die\b|\bpills (ready|saved up|lined up)\b",
    ),
    (
        "self-harm",
        r"\b(jump|jumping) (off|from) (a|the|this) (bridge|building|roof|overpass|cliff)\b|\bthinking (about|of) jumping\b|\bgoing to jump\b|\b(no point|nothing) (in |to )?liv(e|ing)\b|\bnot worth living\b",
    ),
    (
        "self-harm",
        r"\b(use it|shoot|turn it) on myself\b|\bshoot myself\b|\bhang(ing)? (himself|herself|myself|themselves)\b|\b(goodbye|suicide) (letter|note)\b|\bsleep forever\b|\b(never|not|don'?t want to|doesn'?t want to) wake up\b",
    ),
    (
        "self-harm",
        r"\btak(e|ing) (my|his|her|their) (own )?life\b|\b(nobody|no one|noone) (would|will) (miss|notice|care)( about)? (me|if i)\b",
    ),
    (
        "self-harm",
        r"\b(estarian|estaria|estan|estaran) mejor sin mi\b|\b(cortandome|me corto|me estoy cortando|se corta|se esta cortando)\b|\bse (va a|quiere) (matar|suicidar|morir)\b|\bva a (matarse|suicidarse)\b",
    ),
    (
        "self-harm",
        r"\bquitar(me|se|te)? la vida\b|\bdesaparecer para siempre\b|\b(no|nunca|ya no) (volver a )?despertar\b|\btirar(me|se) (del|de un|de una|de la|por la|al|a las) (puente|edificio|azotea|ventana|tren|metro|vias)\b",
    ),
    (
        "self-harm",
        r"\b(ahorcarse|ahorcarme|colgarme|colgarse)\b|\bnadie me (extranaria|va a extranar|extrañaria)\b|\b(lastimando|hiriendo|haciendo dano) a proposito\b|\b(se|me) (esta|estoy) (lastimando|haciendo dano)\b|\bme tome (todas|todos) (mis|las|los)\b",
    ),
    (
        "self-harm",
        r"\bgave away (all )?(my|of my) (things|stuff|belongings|possessions)\b|\bregal(e|o|ando) (todas )?mis cosas\b|\b(tired of|done with) (living|life|being alive)\b|\bcansad[oa] de (vivir|la vida|estar viv[oa])\b|\b(usarla|usarlo|dispararme|apuntarme) (contra|a) mi( mism[oa])?\b|\bme (he estado|estoy|sigo|vuelvo a) cortando\b|\bcarta de (despedida|suicidio)\b|\bnota (de despedida|suicida)\b|\bse quiere (matar|morir|suicidar)\b|\bquiere (matarse|suicidarse|quitarse la vida)\b|\bno vale la pena vivir\b",
    ),
]
