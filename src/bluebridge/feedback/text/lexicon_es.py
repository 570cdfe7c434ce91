"""A small Spanish sentiment lexicon for the VADER method (hand-written for Bluebridge, Apache-2.0).

Valences follow VADER's −4..+4 scale. Words are stored without accents; adjectives get their
feminine and plural forms automatically. About 250 entries centred on service, safety and police
contact: far smaller than VADER's 7,500 English entries, so Spanish scores are coarser.
"""

from __future__ import annotations

_WORDS = """
bueno 1.9 buen 1.9 bien 1.6 mejor 1.8 excelente 3.0 estupendo 2.8 genial 2.8 maravilloso 3.0
fantastico 3.0 perfecto 2.7 increible 2.2 magnifico 3.0 agradable 2.0 amable 2.2 atento 1.9
educado 1.9 respetuoso 2.1 profesional 1.8 rapido 1.5 eficaz 1.9 eficiente 1.9 util 1.7
servicial 2.0 contento 2.2 feliz 2.6 satisfecho 2.1 tranquilo 1.4 seguro 1.5 limpio 1.3
claro 0.8 justo 1.6 honesto 2.1 cordial 2.0 simpatico 2.0 paciente 1.4 dispuesto 1.1
comprensivo 1.8 puntual 1.6 resuelto 1.2 solucionado 1.5 gracias 1.9 agradecido 2.1
agradezco 2.0 agradecemos 2.0 felicidades 2.6 felicitar 2.2 felicito 2.2 enhorabuena 2.6
encantado 2.6 encanta 2.6 encanto 2.3 gusta 1.8 gusto 1.9 recomiendo 2.0 recomendable 2.0
ayuda 1.4 ayudo 1.4 ayudaron 1.6 ayudaste 1.6 apoyo 1.6 confianza 1.9 confio 1.6 alivio 1.6
esperanza 1.7 mejora 1.4 mejorado 1.6 mejoro 1.5 exito 2.5 amor 3.2 alegria 2.9 alegre 2.4
orgulloso 2.3 tranquilidad 1.7 seguridad 1.2 respeto 1.8 excelencia 2.8 gran 1.4 grande 0.8
bonito 2.0 precioso 2.5 lindo 2.1 hermoso 2.6 positivo 1.6 correcto 1.2 facil 1.3 vale 0.8
si 0.3 ok 0.9 cumplieron 1.3 cumplio 1.3 atendieron 1.1 atendio 1.1 resolvieron 1.6
malo -2.5 mal -2.1 peor -2.6 pesimo -3.0 terrible -2.9 horrible -3.0 fatal -2.7 horroroso -3.0
espantoso -2.9 desastre -2.8 desastroso -3.0 lamentable -2.6 vergonzoso -2.6 verguenza -2.4
grosero -2.5 maleducado -2.5 irrespetuoso -2.5 agresivo -2.3 violento -2.8 abusivo -2.8
arrogante -2.2 prepotente -2.5 racista -3.1 injusto -2.2 corrupto -2.8 corrupcion -2.8
incompetente -2.4 inutil -2.3 lento -1.4 tarde -0.9 tardaron -1.3 tardo -1.2 retraso -1.5
retrasado -1.4 espera -0.7 esperando -0.9 nunca -0.2 ignorado -1.9 ignoraron -2.0
ignoro -1.9 olvidado -1.4 perdido -1.5 roto -1.6 sucio -1.8 peligroso -2.3 peligro -2.2
inseguro -1.9 miedo -2.2 asustado -2.0 preocupado -1.6 preocupacion -1.5 preocupa -1.5
molesto -1.8 molestia -1.6 enfadado -2.1 enojado -2.1 furioso -2.8 harto -2.2 cansado -1.3
triste -2.1 decepcionado -2.2 decepcion -2.2 decepcionante -2.2 frustrado -2.1
frustrante -2.1 indignado -2.4 indignante -2.5 insoportable -2.6 inaceptable -2.5
problema -1.6 problemas -1.6 queja -1.6 quejas -1.6 denuncia -1.0 robo -2.3 robaron -2.4
robado -2.2 ladron -2.3 ruido -1.0 ruidoso -1.4 basura -1.6 drogas -1.7 pelea -2.0
golpe -2.1 golpearon -2.5 amenaza -2.3 amenazas -2.3 amenazo -2.4 acoso -2.8 abuso -2.9
insulto -2.4 insultaron -2.5 grito -1.4 gritaron -1.8 mentira -2.2 mintieron -2.5
mentiroso -2.6 falso -1.7 nadie -0.6 nada -0.5 ninguno -0.5 error -1.6 fallo -1.7
falla -1.6 fallaron -1.8 culpa -1.5 dano -2.1 danado -1.9 herido -2.2 muerto -2.7
muerte -2.9 odio -3.0 odiar -2.9 asco -2.6 asqueroso -2.8 caos -2.0 abandonado -2.0
abandono -1.9 cancelado -1.3 cancelaron -1.5 negligente -2.4 negligencia -2.4
descuidado -1.8 grave -1.8 dificil -1.2 complicado -1.1 imposible -1.8 negativo -1.6
lamento -1.4 lamentamos -1.2 siento -0.5 disculpa -0.4 perdon -0.3 sospechoso -1.3
"""
_BOOSTERS_TO_EN = {
    "muy": "very",
    "tan": "so",
    "super": "very",
    "demasiado": "extremely",
    "extremadamente": "extremely",
    "totalmente": "totally",
    "completamente": "completely",
    "realmente": "really",
    "bastante": "quite",
    "sumamente": "extremely",
    "increiblemente": "incredibly",
    "algo": "somewhat",
    "poco": "slightly",
    "apenas": "barely",
}
_NEGATORS_TO_EN = {
    "no": "not",
    "nunca": "never",
    "jamas": "never",
    "tampoco": "neither",
    "ni": "nor",
    "sin": "without",
}
FUNCTION_WORDS_TO_EN = {**_BOOSTERS_TO_EN, **_NEGATORS_TO_EN, "pero": "but", "aunque": "but"}


def _forms(word: str) -> list[str]:
    if word.endswith("o") and len(word) > 3:
        return [word, word[:-1] + "a", word + "s", word[:-1] + "as"]
    if word.endswith("e") and len(word) > 3:
        return [word, word + "s"]
    if word[-1] in "lrnz" and len(word) > 3 and not word.endswith("on"):
        return [word, word + "es"]
    return [word]


def lexicon() -> dict[str, float]:
    items = _WORDS.split()
    out: dict[str, float] = {}
    for word, value in zip(items[0::2], items[1::2], strict=True):
        for form in _forms(word):
            out.setdefault(form, float(value))
    return out
