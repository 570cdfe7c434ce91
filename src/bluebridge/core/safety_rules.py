"""The patterns of the emergency screen (`bluebridge.core.safety`), English and Spanish.

Patterns run on normalised text: lower case, no accents, straight apostrophes, single spaces.
Each rule is (reason, pattern). To add one: put it under its reason, add an example that must
match to tests/core/test_safety.py or tests/assistant/safety/, and an ordinary sentence that
must not match (see docs/assistant-safety.md).
"""

from __future__ import annotations

EMERGENCY_RULES: list[tuple[str, str]] = [
    # Break-in or intruder
    ("break-in", r"\b(breaking|broke|break|braking|brakeing) ?in(to)?\b(?=.{0,40}\b(now|right now|at the moment)\b)"),
    ("break-in", r"\b(is|are|someone|somebody|they|he|she)('s| is| are)? (trying to )?(breaking|break|braking|brakeing) ?in"),
    ("break-in", r"\b(breaking|braking|brakeing) in(to)?\b|\bbreakin in\b"),
    ("break-in", r"\b(someone|somebody|a stranger|a man|a guy|a woman|people|strangers|some ?one) (is |are |'s )?(inside|in) (my|our|the) (house|home|apartment|apt|room|garage|basement|bedroom|backyard|yard)\b"),
    ("break-in", r"\bintruders?\b|\bburglary in progress\b|\btrying to (get|break|climb) (in|into|through)\b"),
    ("break-in", r"\b(kicking|kicked|busting|forcing|prying|smashing) (in |down |open )?(my|our|the) (front |back )?(door|window|lock)\b"),
    ("break-in", r"\b(climbing|crawling|coming) (in|into|through) (my|our|the) (window|house|home)\b"),
    ("break-in", r"\b(esta|estan|estamos) (entrando|metiendose)\b|\bintentando? (entrar|meterse)\b|\b(quiere|quieren|tratan? de) (entrar|meterse) a (mi|la|nuestra) casa\b"),
    ("break-in", r"\bhay (alguien|un hombre|una mujer|gente|un extrano|un tipo|unos tipos|extranos) (adentro|dentro|metido|en) (de )?(mi|la|nuestra)? ?(casa|departamento|apartamento|cuarto|cochera|garaje|patio)\b"),
    ("break-in", r"\bse (esta|estan) metiendo\b|\brobando ahora\b|\bintrusos?\b|\b(forzando|rompiendo|pateando) (la|mi|nuestra) (puerta|ventana|cerradura)\b"),
    # Weapons
    ("weapon", r"\b(guns?|gunn|pistols?|handguns?|firearms?|rifles?|shotguns?|knife|knifes|knives|machetes?|armed|ak-?47|ar-?15)\b"),
    ("weapon", r"\b(shooting|shootings|shooter|shots? fired|gunshots?|gun shots?|stabbed|stabbing|got shot|been shot|shot at)\b"),
    ("weapon", r"\b(pistolas?|armas?|armados?|armadas?|disparos?|disparando|disparo|dispararon|balazos?|balaceras?|baleado|tiroteos?|cuchillos?|cuchiyo|navajas?|machetes?|apunal\w*|acuchill\w*)\b"),
    # Someone hurt or a medical emergency
    ("hurt", r"\b(bleeding|bleding|unconscious|unconcious|unresponsive|not breathing|can'?t breathe|cant breath|passed out|collapsed|seizure|hurt|injured|wounded|heart attack|having a stroke|no pulse|not moving|won'?t wake up|trapped)\b(?! myself)"),
    ("hurt", r"\b(hit by a car|ran over|run over|got hit by)\b"),
    ("hurt", r"\b(sangrando|sangra|inconscientes?|no respira|desmayad[oa]s?|convulsion\w*|herid[oa]s?|lastimad[oa]s?|lesionad[oa]s?|atropell\w*|ataque al corazon|no despierta|no se mueve|atrapad[oa]s?)\b"),
    # Fire
    ("fire", r"\bfire\b(?! ?(hydrants?|lane|station|department|dept|truck|works|pit|place|alarm test|marshal|code|inspection|drill|safety|extinguisher|escape|prevention|chief|academy))"),
    ("fire", r"\b(on fire|burning|flames|smoke (coming|pouring)|(smell|see|lots of|full of) smoke|set fire|gas leak|smell gas)\b"),
    ("fire", r"\b(fuego|incendio|incendiando|llamas|quemando\w*|se quema|sale humo|mucho humo|huele a humo|huele a gas|fuga de gas)\b"),
    # Overdose or poisoning
    ("overdose", r"\b(overdos\w*|overdoes\w*|o\.?d\.?'?ing|od'?d|too many pills|took (all|a bunch of|a lot of) (the |his |her |my )?(pills|meds|medication))\b|\bsobredosis\b"),
    ("overdose", r"\b(se tomo|tomo|se trago) (todas las|muchas|un monton de|un frasco de) (pastillas|pildoras|medicinas)\b"),
    # A child in danger
    ("child", r"\b(child|children|kid|kids|baby|babies|toddler|infant)\b.{0,40}\b(alone|locked|in danger|hot car|being hit|beaten|abused|missing)\b"),
    ("child", r"\b(missing|lost) (child|kid|baby|toddler)\b"),
    ("child", r"\b(can'?t|cannot|cant) find my (son|daughter|child|kid|baby|little (boy|girl))\b"),
    ("child", r"\b(took|grabbed|is taking|snatched|taking) (my|a|the) (child|kid|son|daughter|baby|little (boy|girl))\b"),
    ("child", r"\b(nino|nina|ninos|ninas|bebe|bebes|menor|menores)\b.{0,40}\b(solos?|solas?|encerrad[oa]s?|en peligro|golpe\w*|maltrat\w*|desaparecid[oa]s?|perdid[oa]s?)\b"),
    ("child", r"\bno (encuentro|encontramos|aparece) (a )?mi (hijo|hija|nino|nina|bebe)\b|\bse (llevaron|llevo|robaron) a mi (hijo|hija|nino|nina|bebe)\b"),
    # Being followed or stalked
    ("followed", r"\b(following|stalking|chasing|folowing) (me|us)\b|\bbeing (followed|chased|stalked)\b|\bfollowed me\b"),
    ("followed", r"\b(i was|i am|i'm|im|we were|we are|i've been|i keep being|i got) (being )?(followed|stalked|chased)\b|\b(i have|i've got|there's) a stalker\b"),
    ("followed", r"\bme (esta|estan|viene|vienen) (siguiendo|persiguiendo)\b|\bme (sigue|siguen|persigue|persiguen)\b|\bnos (estan|esta) siguiendo\b|\bme (siguieron|siguio|persiguieron|persiguio|acosa|acosan|esta acosando)\b"),
    # Violence now
    ("violence", r"\b(hitting|beating|attacking|assaulting|choking|strangling|punching|kicking) (me|her|him|them|someone|somebody|a|my|his|her)\b"),
    ("violence", r"\b(fight|fighting|assault|attack|attacked|raped?|raping|kidnapp?\w*|abducted|hostage)\b"),
    ("violence", r"\b(threat\w*|going|wants?|trying) to kill\b(?! (myself|time))|\bkill (me|her|him|us|them)\b"),
    ("violence", r"\b(golpeando|pegandome|pegandole|pegandoles|atacando|ahorcando|estrangulando|pateando)\b|\bpegando(le)? a\b|\b(pelea|peleando|peleas|agresion|agrediendo)\b"),
    ("violence", r"\b(violando|violacion|secuestr\w*|rehen\w*)\b"),
    ("violence", r"\b(amenaz\w*|quiere|va a|intenta\w*|trata de) (con )?matar(me|nos|la|lo|los|las)?\b"),
]

CRISIS_RULES: list[tuple[str, str]] = [
    ("self-harm", r"\b(suicid\w*|sucid\w*|suicd\w*|suiside|kill myself|killing myself|kil myself|kms|end my life|ending my life|take my (own )?life|unalive (myself|me))\b"),
    ("self-harm", r"\b(want to die|wanna die|self[- ]harm\w*|hurt myself|hurting myself|cut myself|cutting myself|end it all|better off dead|better off without me|no reason to live|don'?t want to (live|be alive|wake up)|hang myself|slit my wrists?)\b"),
    ("self-harm", r"\b(kill|killing|hurt|hurting|cut|cutting) (himself|herself|themselves|themself)\b|\bwants? to die\b"),
    ("self-harm", r"\b(quiero|voy a|pienso|pensando en|ganas de) (matarme|suicidarme|morirme|quitarme la vida|ahorcarme|cortarme)\b"),
    ("self-harm", r"\bme quiero (matar|morir|suicidar)\b|\b(hacerme dano|lastimarme|cortarme|autolesion\w*)\b"),
    ("self-harm", r"\b(no quiero|ya no quiero) (vivir|seguir viviendo|estar aqui|despertar)\b|\bacabar con (mi vida|todo)\b|\bmejor (estaria|estarian) (muert[oa]|sin mi)\b"),
    ("self-harm", r"\bse quiere (matar|morir|suicidar)\b|\bquiere (matarse|suicidarse|quitarse la vida)\b|\bno vale la pena vivir\b"),
]

# Harmless phrases that contain a trigger word; a match inside one of them is ignored.
BENIGN = [
    r"\b(gun|guns|firearm|firearms|handgun|weapon|weapons|concealed|carry|pistol|rifle)('s)? (permit|permits|license|licence|licensing|registration|registry|safety|locks?|class|classes|course|range|show|shop|store|dealer|buyback|buy ?back|storage|laws?|owners?|ownership|purchase|transfer|violence (statistics|data|prevention))\b",
    r"\b(concealed|open) carry\b|\bgun ?locks?\b|\b(water|nerf|glue|staple|nail|heat|bb|airsoft|toy) guns?\b|\bshooting (range|photos?|video|hoops|a (film|movie|video))\b",
    r"\b(turn in|turning in|surrender|dispose of|get rid of|drop off|transport|store|register|buy|sell|own) (a |my |an |an old |old |the |unwanted )?(guns?|firearms?|rifles?|handguns?|pistols?|ammunition|ammo)\b",
    r"\b(permiso|permisos|licencia|licencias|registro|registrar|comprar|vender|entregar) (de |para |un |una |mi |mis )?(portar |tener )?(armas?|pistolas?|rifles?)( de fuego)?\b|\barmas? de fuego\b(?=.{0,30}\b(permiso|licencia|registro|ley|leyes)\b)",
    r"\bfuegos? artificiales\b|\bboca de incendios?\b|\b(alarma|alarmas|simulacro|prevencion|extintor) (de|contra) incendios?\b|\bcese al fuego\b",
    r"\b(fight|fighting|contest|contesting|dispute|pelear|impugnar) (a|the|my|this|that|una|la|mi|esta) (parking |speeding |traffic )?(ticket|citation|fine|charge|tow|multa|infraccion|cargo)\b",
    r"\b(panic|anxiety) attacks?\b|\bataque de (panico|ansiedad)\b",
    r"\b(feelings?|pride) (were |was |got |are )?hurt\b|\b(won'?t|wouldn'?t|doesn'?t|does it|would it|can'?t|cant|couldn'?t) hurt\b",
    r"\bkill(s|ing)? (me|time) (if|when|with)\b|\bkill (time|it)\b|\b(traffic|commute|heat|noise|wait) is killing me\b|\bdying to\b",
    r"\b(secuestro|kidnapping|kidnap) virtual\b|\bvirtual (kidnapping|kidnap)\b|\bfake kidnapping\b",
    r"\b(suicide|suicidio) prevention (training|class|course|walk|month|week)\b|\bprevencion del suicidio\b(?=.{0,30}\b(curso|clase|caminata|capacitacion|mes|semana)\b)",
    r"\b(fire|bomberos)\b(?=.{0,15}\b(department|station|inspection|marshal)\b)|\bpegando (carteles|anuncios|volantes|papeles|stickers|calcomanias)\b",
    r"\bhot car\b(?=.{0,40}\b(law|laws|ley|leyes|tips|consejos|prevent\w*)\b)",
    r"\barmed (forces|services)\b|\bfuerzas armadas\b|\bthe (attack|fight) on (crime|drugs)\b",
]

# Negation just before a match ("no one was hurt", "sin armas").
NEGATION = r"\b(no|not|nobody|no one|noone|none|never|without|wasn'?t|weren'?t|isn'?t|aren'?t|didn'?t|doesn'?t|sin|nadie|ningun\w*|nunca|tampoco)\b(\s+\S+){0,3}\s*$"

# Signs that it is over ("last week", "yesterday", "la semana pasada").
PAST = (
    r"\b(yesterday|last (night|week|month|year|weekend|summer|spring|fall|winter|time|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"ago|earlier (today|this (week|month|year))|already gone|is gone|were gone|the other (day|night)|over the weekend|back in|in (19|20)\d\d|"
    r"(last|past) (few )?(days|weeks|months|years)|months? back|years? back|"
    r"ayer|anoche|antier|anteayer|la semana pasada|el mes pasado|el ano pasado|el fin de semana pasado|el otro dia|la otra noche|"
    r"hace (un |una |unos |unas |\w+ )?(dia|dias|semana|semanas|mes|meses|ano|anos|hora|horas|rato|tiempo)|ya se fue|ya se fueron|en (19|20)\d\d)\b"
    r"|\b(last|past) (month|year|week)'s\b"
)

# Danger happening now.
IMMEDIATE = (
    r"\b(right now|now|currently|at the moment|as we speak|(is|it's|its) happening|hurry|please help|help me please|help us please|someone help|somebody help|send (someone|police|help|an officer|a cop|cops|officers)|"
    r"still (here|there|inside|outside|in the house|at it)|outside my (door|house|window|apartment)|"
    r"ahora|ahorita|en este momento|ahora mismo|ayudenme|auxilio|socorro|ayuda por favor|manden|todavia (esta|estan) (aqui|ahi|adentro|afuera|en la casa))\b|\bhelp\s*!"
    r"|\b(is|are|'s|'re) (breaking|bleeding|fighting|shooting|stabbing|hitting|beating|choking|attacking|following|chasing|burning|overdosing|trying|pointing|waving)\b"
    r"|\b(has|have|got|with|holding|pointing) (a |an |his |her |their )?(gun|knife|pistol|rifle|machete|weapon)\b"
    r"|\b(esta|estan) (entrando|sangrando|peleando|disparando|golpeando|pegando|quemando|siguiendo|apuntando|amenazando)\b"
    r"|\b(tiene|tienen|trae|traen|lleva|llevan|con) (un |una )?(pistola|arma|cuchillo|navaja|machete|rifle)\b"
)

# Questions about procedures, records, permits, prevention or statistics.
INQUIRY = (
    r"\b(how (do|can|would|should|long|much) (i|we|you|it)|how to|where (do|can|should) (i|we)|can i (get|request|obtain|find|see|pick up|order|file)|"
    r"is it (legal|possible|allowed|ok)|do i need|what (do|should|can) (i|we) do (if|when|after|about)|what happens (if|when|after)|"
    r"what('s| is| are) the (process|procedure|steps|fee|fees|cost|rules|law|laws)|copy of|copies of|(police|incident|crash|accident) report (for|from|about|of|number)|"
    r"the report (for|from|about|of|on)|report number|case number|case status|status of (my|the)|records? request|follow ?up|information (about|on)|info (about|on)|"
    r"statistics|stats|crime map|in the news|news (article|story|report)|prevent|prevention|tips|advice (on|about|for)|class|classes|training|permit|permits|license|licence|"
    r"who (do|should) i (talk|speak|contact|call)|what number|which number|my insurance|insurance company|claim|detective assigned|"
    r"como (puedo|hago|obtengo|consigo|pido|solicito|reporto|denuncio|se)|donde (puedo|pido|consigo|obtengo|solicito|se)|que (debo|tengo que|puedo) hacer (si|cuando|despues)|"
    r"que hago (si|cuando|despues)|se puede|copia (del?|de la)|numero de (caso|reporte|informe)|estado de mi (caso|denuncia|reporte)|permiso|licencia|consejos|"
    r"prevenir|prevencion|estadisticas|noticias|informacion (sobre|de)|mi seguro|aseguradora|reclamo|clases?|curso)\b"
)

# The question is about a situation that has not happened ("what should I do if...").
HYPOTHETICAL = (
    r"\b(what (should|do|can|would) (i|we|you|people) do (if|when|in case)|if (someone|somebody|anyone|a|my|i|we|there)|in case (of|someone)|"
    r"how (do|can) (i|we) (prevent|protect|keep|avoid|stop .{0,20} from|make sure)|tips (on|for|to)|"
    r"que (debo|tengo que|puedo|hay que|se debe) hacer (si|en caso|cuando)|que hago si|si (alguien|mi|un|una|me|hay|nos)|en caso de|como (prevenir|proteger|evitar|protejo|evito))\b"
)

# Records and paperwork about an incident: "the report for", "case number", "insurance".
RECORDS = (
    r"\b(report|reports|record|records|case|copy|file|paperwork|insurance|claim|detective|status|reporte|informe|denuncia|expediente|caso|copia|seguro|estado|registro|registros)\b"
)

# Reasons whose matches a benign frame (an inquiry about the past or a what-if) may clear.
# "followed" and "child" never clear: a resident asking about them may still be in danger.
CLEARABLE = {"break-in", "weapon", "hurt", "fire", "overdose", "violence"}
