"""The context cues of the emergency screen (`bluebridge.core.safety`), English and Spanish.

`safety_rules.py` says what danger looks like; this module says what changes its reading:
harmless phrases that contain a trigger word (blanked before anything else), negation, the
past, immediacy, questions about paperwork, what-ifs. Patterns read normalised text (lower
case, no accents, straight apostrophes, single spaces); see docs/assistant-safety.md.
"""

from __future__ import annotations

# Harmless phrases that contain a trigger word; a match inside one of them is ignored.
BENIGN = [
    r"\b(gun|guns|firearm|firearms|handgun|weapon|weapons|concealed|carry|pistol|rifle)('s)? (permit|permits|license|licence|licensing|registration|registry|safety|locks?|class|classes|course|range|show|shop|store|dealer|buyback|buy ?back|storage|laws?|owners?|ownership|purchase|transfer|violence (statistics|data|prevention)|background checks?)\b",
    r"\b(concealed|open) carry\b|\bgun ?locks?\b|\b(water|nerf|glue|staple|nail|heat|bb|airsoft|toy) guns?\b|\bshooting (range|hoops)\b|\bshooting (a |an |some |our |the |my )?(\w+ )?(film|movie|video|photos?|pictures?|scene|commercial|documentary)\b",
    r"\b(carro|auto|coche|vehiculo|camioneta|troca|car|truck|van|vehicle)\b((?!\b(he|she|he'?s|she'?s|him|her|kid|kids|child|boy|girl|baby|man|woman|person|someone|somebody|guy|driver|rider|cyclist|pedestrian|nino|nina|hombre|mujer|persona|alguien|senor|senora|conductor|ciclista|peaton)\b).){0,40}\b(no se mueve|not moving|hasn'?t moved)\b|\bcarro armado\b|\b(estacionad[oa]|parked|parks) (en sentido contrario|the wrong way)\b",
    r"\bfire ?(hydrants?|lanes?|stations?|department|dept|trucks?|works|pits?|place|alarm test|marshal|code|inspection|drill|safety|extinguishers?|escapes?|prevention|chief|academy|sirens?)\b",
    r"\bburglar alarms?\b|\bcandados? (para|de) (la |el |mi |las |los )?(pistola|arma|armas|rifle)\b|\b(programa de )?recompra de armas\b|\b(knife|knives) (sharpening|sharpener|set|block)\b",
    r"\bsecuestr\w*(?=.{0,60}\b(estafa|fraude|falso|falsa|virtual)\b)|\b(estafa|fraude)\b.{0,60}secuestr\w*|\bkidnap\w*(?=.{0,60}\b(scam|fraud|fake)\b)|\b(scam|fraud|fake)\b.{0,60}kidnap\w*",
    r"\b(capacitacion|curso|clase|taller|entrenamiento)\w* (de|sobre|en) prevencion del suicidio\b",
    r"\b(gun|firearm|rifle) (safes?|cabinets?|cases?)\b|\b(caja fuerte|cajas fuertes|gabinete|estuche)s? (para|de) (armas?|pistolas?|rifles?)\b",
    r"\b(get|getting|pick up|picking up|retrieve|claim) (my|his|her|our|their|the|a) (guns?|firearms?|rifles?|handguns?|pistols?|shotguns?) back\b|\b(guns?|firearms?|rifles?|handguns?|pistols?|ammunition|ammo) to (turn (it|them) in|get rid of|dispose of|surrender)\b",
    r"\b(turn in|turning in|surrender|dispose of|get rid of|drop off|transport|store|register|buy|sell|own) (a |my |an |an old |old |the |unwanted )?(guns?|firearms?|rifles?|handguns?|pistols?|ammunition|ammo)\b",
    r"\b(turn in|turning in|surrender|dispose of|get rid of|drop off|hand in) (a |an |my |our |the |his |her )?(late )?(\w+'s )?(old |unwanted |inherited )?(guns?|firearms?|rifles?|handguns?|pistols?|shotguns?|ammunition|ammo)\b|\b(entregar|deshacerme de|deshacerse de) (una |un |la |el |mi |las |los |mis )?(armas?|pistolas?|rifles?|escopetas?|balas|municiones)\b|\bcanje de armas\b",
    r"\bactive shooter (drills?|trainings?|exercises?|class(es)?|courses?|simulations?|response training|preparedness)\b|\bsimulacros? de (tirador activo|balacera|tiroteo)\b",
    r"\bmatar(me|nos|te|lo|la)? de (coraje|risa|susto|un susto|hambre|aburrimiento|los nervios|cansancio|sed|la risa)\b|\b(scared|bored|worried|freezing|tickled) (me )?to death\b",
    r"\b(permiso|permisos|licencia|licencias|registro|registrar|comprar|vender|entregar) (de |para |un |una |mi |mis )?(portar |tener )?(armas?|pistolas?|rifles?)( de fuego)?\b|\barmas? de fuego\b(?=.{0,30}\b(permiso|licencia|registro|ley|leyes)\b)",
    r"\bfuegos? artificiales\b|\bboca de incendios?\b|\b(alarma|alarmas|simulacro|prevencion|extintor) (de|contra) incendios?\b|\bcese al fuego\b",
    r"\b(fight|fighting|contest|contesting|dispute|pelear|impugnar) (a|the|my|this|that|una|la|mi|esta) (parking |speeding |traffic )?(ticket|citation|fine|charge|tow|multa|infraccion|cargo)\b",
    r"\b(panic|anxiety) attacks?\b|\bataque de (panico|ansiedad)\b",
    r"\b(feelings?|pride) (were |was |got |are )?hurt\b|\b(won'?t|wouldn'?t|doesn'?t|does it|would it|can'?t|cant|couldn'?t) hurt\b",
    r"\bkill(s|ing)? (me|time) (if|when|with)\b|\bkill (time|it)\b|\b(traffic|commute|heat|noise|wait|paperwork|line) is killing me\b|\bdying to\b|\bme (esta|estan) matando\b(?=.{0,40}\b(semaforo|trafico|calor|ruido|espera|fila|papeleo)\b)|\b(trafico|calor|ruido|papeleo|espera|fila)\b.{0,30}\bme (esta|estan) matando\b|\bme muero de (ganas|risa|hambre|sueno|calor|frio)\b",
    r"\b(secuestro|kidnapping|kidnap) virtual\b|\bvirtual (kidnapping|kidnap)\b|\bfake kidnapping\b",
    r"\b(suicide|suicidio) prevention (training|class|course|walk|month|week)\b|\bprevencion del suicidio\b(?=.{0,30}\b(curso|clase|caminata|capacitacion|mes|semana)\b)",
    r"\b(fire|bomberos)\b(?=.{0,15}\b(department|station|inspection|marshal)\b)|\bpegando (carteles|anuncios|volantes|papeles|stickers|calcomanias)\b",
    r"\bhot car\b(?=.{0,40}\b(law|laws|ley|leyes|tips|consejos|prevent\w*)\b)",
    r"\b(movies?|films?|shows?|series|documentar(y|ies)|docs?|docuseries|podcasts?|episodes?|books?|novels?|video ?games?|true crime)( \w+)? (about|called|sobre) (a |an |the |un |una |el |la |los |las )?(\w+ )?\w+\b|\b(peliculas?|documental(es)?|libros?|novelas?|videojuegos?|series?) (sobre|acerca de) (un |una |el |la |los |las )?\w+\b|\b(peliculas?|documental(es)?|libros?|novelas?|videojuegos?) de (secuestros?|balazos|tiros|disparos|terror|accion|miedo|guerra|crimen(es)?|asesinatos?|asesinos?|policias|narcos?|zombies?|mafia|robos?|asaltos?|violencia|incendios?)\b",
    r"\bunwanted (guns?|firearms?|rifles?|handguns?|pistols?|shotguns?|ammunition|ammo)\b|\b(armas?|pistolas?|rifles?|escopetas?|balas|municiones) que ya no (quiero|uso|necesito|queremos)\b",
    r"\barmed (forces|services)\b|\bfuerzas armadas\b|\bthe (attack|fight) on (crime|drugs)\b",
]

# Negation just before a match ("no one was hurt", "sin armas").
NEGATION = r"\b(no|not|nobody|no one|noone|none|never|without|wasn'?t|weren'?t|isn'?t|aren'?t|didn'?t|doesn'?t|sin|nadie|ningun\w*|nunca|tampoco)\b(\s+\S+){0,3}\s*$"

# Signs that it is over ("last week", "yesterday", "la semana pasada").
PAST = (
    r"\b(yesterday|last (night|week|month|year|weekend|summer|spring|fall|winter|time|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"ago|earlier (today|this (week|month|year))|already gone|is gone|were gone|the other (day|night)|over the weekend|back in|in (19|20)\d\d|"
    r"(last|past) (few )?(days|weeks|months|years)|months? back|years? back|"
    r"ayer|anoche|antier|anteayer|la semana pasada|el mes pasado|el ano pasado|el fin de semana pasado|(lunes|martes|miercoles|jueves|viernes|sabado|domingo) pasado|(la primavera|el verano|el otono|el invierno) pasad[oa]|el otro dia|la otra noche|"
    r"hace (un |una |unos |unas |\w+ )?(dia|dias|semana|semanas|mes|meses|ano|anos|hora|horas|rato|tiempo)|ya se fue|ya se fueron|en (19|20)\d\d)\b"
    r"|\b(last|past) (month|year|week)'s\b|\b(was|were|got) (stolen|robbed|mugged|attacked|assaulted|broken into)\b|\bstolen\b"
    r"|\bme (asaltaron|robaron|atacaron|agredieron|golpearon|pegaron)\b|\bse robaron (mi|mis|el|la|los|las|un|una)\b"
)

# Danger happening now.
IMMEDIATE = (
    r"\b(right now|rn|now(?! that\b)|currently|at the moment|as we speak|(is|it's|its) happening|hurry|please help|help me please|help us please|someone help|somebody help|send (someone|police|help|an officer|a cop|cops|officers)|"
    r"still (here|there|inside|outside|nearby|around|close|in the house|at it)|outside my (door|house|window|apartment)|i'?m hiding|hiding (in|under|with)|"
    r"ahora|ahorita|en este momento|ahora mismo|ayudenme|auxilio|socorro|ayuda por favor|manden|estoy escondid[oa]|sigue (cerca|aqui|ahi)|todavia (esta|estan) (aqui|ahi|adentro|afuera|en la casa|cerca))\b|\bhelp\s*!"
    r"|\b(is|are|'s|'re) (breaking|bleeding|fighting|shooting|stabbing|hitting|beating|choking|attacking|following|chasing|burning|overdosing|trying|pointing|waving|threatening|screaming)\b"
    r"|\b(has|have|got|with|holding|pointing) (a |an |his |her |their )?(gun|knife|pistol|rifle|machete|weapon)\b"
    r"|\b(esta|estan) (entrando|sangrando|peleando|disparando|golpeando|pegando|quemando|siguiendo|apuntando|amenazando|forzando|tratando|intentando)\b"
    r"|\b(tiene|tienen|trae|traen|lleva|llevan|con) (un |una )?(pistola|arma|cuchillo|navaja|machete|rifle)\b"
)

# Questions and requests about procedures, records, permits, prevention, news or statistics.
INQUIRY = (
    r"\?|(^|[?.,;!] ?|\b(and|but|y|pero) )(how|where|when|what|who|which|why|is it|are there|is there|can i|can we|could i|do i|do we|do you|does|did|should i|will|"
    r"como|donde|cuando|cuanto|cuantos|cuantas|cuanta|que|quien|cual|a quien|con quien|por que|hay|es legal|se puede|puedo|podemos|necesito|tengo que)\b"
    r"|\b(how (do|can|would|should|long|much|many|often|does|did)|how to|where (do|can|should) (i|we)|can i (get|request|obtain|find|see|pick up|order|file|carry|bring|take|keep|own|buy)|"
    r"is it (legal|possible|allowed|ok)|(do|does) (i|we|he|she|they|you) need|what (do|should|can) (i|we) do|what happens|what('s| is| are) the|"
    r"is (that|this|it) a (police|crime|criminal)|copy of|copies of|report number|case number|case status|status of|records? request|follow ?up|information (about|on)|info (about|on)|"
    r"rules (for|on|about)|laws? (for|on|about)|reglas (para|de|sobre)|leyes (de|sobre|para)|"
    r"statistics|stats|crime map|news|article|prevent|prevention|tips|advice|class|classes|training|permit|permits|license|licence|"
    r"complaint|complain|i( (want|need|would like)|'d like) to (file|get|request|report|know|thank|complain)|i need (a|an|the|my)( \w+){0,2} (copy|letter|report|record|clearance|check)|"
    r"who (do|should) i (talk|speak|contact|call)|what number|which number|my insurance|insurance company|claim|detective assigned|"
    r"quer(i|ia) (preguntar|saber)|quisiera (preguntar|saber)|i (wanted|want|wanna) to ask|i was wondering|"
    r"como (puedo|hago|obtengo|consigo|pido|solicito|reporto|denuncio|se|recupero|entrego|evito|saco)|donde (puedo|pido|consigo|obtengo|solicito|se|me dan)|que (debo|tengo que|puedo) hacer|"
    r"que hago|copia (del?|de la)|numero de (caso|reporte|informe)|estado de mi (caso|denuncia|reporte)|permiso|licencia|consejos|queja|quiero (poner|presentar|pedir|saber|agradecer|reportar)|"
    r"prevenir|prevencion|estadisticas|noticias|informacion (sobre|de)|mi seguro|aseguradora|reclamo|clases?|curso|capacitacion)\b"
)

# The question is about a situation that has not happened ("what should I do if...").
HYPOTHETICAL = (
    r"\b(what (should|do|can|would) (i|we|you|people) do (if|when|in case)|(?<!know )(?<!sure )(?<!wonder )(?<!see )(?<!check )if (someone|somebody|anyone|a|my|i|we|there)|in case (of|someone)|"
    r"how (do|can) (i|we) (prevent|protect|keep|avoid|stop .{0,20} from|make sure)|tips (on|for|to)|safety tips|"
    r"que (debo|tengo que|puedo|hay que|se debe) hacer (si|en caso|cuando)|que hago si|(?<!no se )(?<!sabe )(?<!saber )si (alguien|mi|un|una|me|hay|nos)|en caso de|como (prevenir|proteger|evitar|protejo|evito)|consejos? (para|de|sobre))\b"
)

# The writer says outright that it is a what-if; this clears even a sign of danger now
# ("hypothetical question: if someone breaks in, can I defend myself with a gun?").
MARKED_HYPOTHETICAL = r"\b(hypothetical(ly)?|hipotetic[oa]s?|hipoteticamente|in theory|en teoria)\b"

# Paperwork and administration about an incident or a legal item: records, cases, permits, laws.
PAPERWORK = (
    r"\b(report|reports|record|records|case|copy|file|paperwork|insurance|claim|detective|status|evidence|arrest\w*|investigat\w*|news|statistics|"
    r"permit|license|licence|licensed|legal|legally|law|laws|rules|regulations|register\w*|registration|turn in|surrender|dispose|buyback|storage|store|lock|"
    r"reporte|reportar\w*|informe|denuncia|denunciar\w*|expediente|caso|copia|seguro|estado|registro|registros|evidencia|arrest\w*|detuvieron|investig\w*|noticias|estadisticas|"
    r"permiso|licencia|legal|ley|leyes|reglas|entrego|entregar|guardar|candado|antecedentes|queja|complaint|"
    r"movies?|films?|documentar(y|ies)|episodes?|video ?games?|netflix|peliculas?|documental(es)?|videojuegos?|"
    r"seized|confiscated|returned|inherited|transport\w*|purchase|background|safe storage|safety class|hospital bills?|medical bills?|compensation|"
    r"carry|portar|andar armad\w*|entreg\w*|clase|clases|class|classes|guard\w*|"
    r"decomis\w*|hered\w*|devuelv\w*|regres\w*|guardado|cuenta del hospital|gastos|compensacion)\b"
)

# Personal violence that a question about paperwork must never clear ("he hit me last night").
STICKY = (
    r"\b(kill|hurt|hit|hits|hitting|attack\w*|beat|beats|beating|chok\w*|threaten\w*|rape\w*) (me|us)\b|\bmatar(me|nos)\b|"
    r"\bme (pega|golpea|amenaza|ataca|quiere matar|va a matar)\b|\b(pegarme|golpearme|atacarme)\b"
)

# Reasons whose matches a past-tense or paperwork question may clear. "followed" and "child"
# are only cleared by a clear what-if ("what should I do if someone follows me").
CLEARABLE = {
    "break-in",
    "robbery",
    "weapon",
    "hurt",
    "crash",
    "fire",
    "overdose",
    "violence",
    "dangerous-driving",
}
