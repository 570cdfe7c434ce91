"""Recurring concerns: cluster free text into themes with readable labels and redacted quotes.

Vectors: sentence embeddings (all-MiniLM-L6-v2, see embeddings.py) when available, otherwise
TF-IDF reduced by truncated SVD (LSA). Clusters: k-means (k given, or chosen by the silhouette
score between 2 and 12). Labels: the top keywords of each cluster by class-based TF-IDF (words
frequent in the theme and rare in the others), joined with " · ". Quotes: the members nearest
the cluster centre, with personal details redacted.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer, TfidfVectorizer
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import normalize

from bluebridge.feedback.text import embeddings
from bluebridge.feedback.text.language import words
from bluebridge.feedback.text.redact import redact

SPANISH_STOP_WORDS = words(
    """a al algo algunas algunos ante antes como con contra cual cuando de del desde donde
    durante e el ella ellas ellos en entre era es esa esas ese eso esos esta estaba estaban
    estamos estan estar estas este esto estos fue fueron ha habia han hasta hay la las le les
    lo los mas me mi mis mucho muy nada ni no nos nosotros o os otra otro para pero poco por
    porque que quien se sea ser si sin sobre son su sus tambien te tiene tienen todo todos tu
    tus un una uno unos usted ustedes ya yo qué más está están también aquí ahí"""
)
STOP_WORDS = sorted(
    ENGLISH_STOP_WORDS
    | SPANISH_STOP_WORDS
    | {"amp", "url", "just", "get", "got", "im", "dont", "did", "does", "like", "really"}
    | {"name", "phone", "email", "address"}  # redaction placeholders
)
WORD_PATTERN = r"(?u)\b[^\W\d_][^\W\d_'’]+\b"
_URL = re.compile(r"https?://\S+|www\.\S+")
_HANDLE = re.compile(r"(?<!\w)@\w+")
MAX_K = 12
QUOTE_CHARS = 280


@dataclass
class Theme:
    id: int
    label: str  # e.g. "parking · blocked · driveway"
    keywords: list[str]
    size: int
    quotes: list[str] = field(default_factory=list)  # redacted, most representative first
    members: list[int] = field(default_factory=list)  # indices into the input texts

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def clean(text: str) -> str:
    """Text as clustered: entities decoded, links and @handles removed."""
    text = html.unescape(text or "")
    return " ".join(_HANDLE.sub(" ", _URL.sub(" ", text)).split())


def vectorise(
    texts: list[str], use_embeddings: bool | None = None, cache_dir: str | None = None
) -> tuple[np.ndarray, str]:
    """Unit-length row vectors for clustering and the name of the method used."""
    if use_embeddings is None:
        use_embeddings = embeddings.available()
    if use_embeddings and embeddings.available():
        return embeddings.encode_cached(texts, cache_dir), "minilm"
    tfidf = TfidfVectorizer(
        stop_words=STOP_WORDS,
        token_pattern=WORD_PATTERN,
        sublinear_tf=True,
        min_df=2 if len(texts) >= 50 else 1,
        ngram_range=(1, 2),
    )
    try:
        matrix = tfidf.fit_transform(texts)
    except ValueError:  # nothing but stop words
        return np.zeros((len(texts), 1)), "tfidf"
    components = min(100, matrix.shape[1] - 1, len(texts) - 1)
    if components >= 2:
        reduced = TruncatedSVD(n_components=components, random_state=0).fit_transform(matrix)
        return normalize(reduced), "tfidf-lsa"
    return normalize(matrix.toarray()), "tfidf"


def cluster(vectors: np.ndarray, k: int | None, random_state: int = 0) -> np.ndarray:
    n = len(vectors)
    # Identical comments are one point to k-means: never ask for more clusters than distinct ones.
    distinct = len(np.unique(np.round(vectors, 9), axis=0)) if n else 0
    if n < 3 or k == 1 or distinct < 2:
        return np.zeros(n, dtype=int)
    if k is not None:
        k = max(1, min(k, distinct))
        return KMeans(n_clusters=k, n_init=10, random_state=random_state).fit_predict(vectors)
    best: tuple[float, np.ndarray] | None = None
    for candidate in range(2, min(MAX_K, n - 1, distinct) + 1):
        labels = KMeans(n_clusters=candidate, n_init=5, random_state=random_state).fit_predict(
            vectors
        )
        if len(set(labels)) < 2:
            continue
        sample = min(n, 2000)
        score = silhouette_score(vectors, labels, sample_size=sample, random_state=random_state)
        if best is None or score > best[0]:
            best = (float(score), labels)
    return best[1] if best else np.zeros(n, dtype=int)


def keywords_per_cluster(
    texts: list[str], labels: np.ndarray, top: int = 5
) -> dict[int, list[str]]:
    """Class-based TF-IDF: term frequency within a cluster x log(1 + mean words / term's total)."""
    counter = CountVectorizer(stop_words=STOP_WORDS, token_pattern=WORD_PATTERN, lowercase=True)
    try:
        counts = counter.fit_transform(texts)
    except ValueError:
        return {int(c): [] for c in set(labels)}
    vocabulary = np.array(counter.get_feature_names_out())
    clusters = sorted(set(int(c) for c in labels))
    per_class = np.vstack([np.asarray(counts[labels == c].sum(axis=0)).ravel() for c in clusters])
    totals = per_class.sum(axis=0) + 1e-9
    mean_words = per_class.sum() / max(len(clusters), 1)
    tf = per_class / (per_class.sum(axis=1, keepdims=True) + 1e-9)
    weights = tf * np.log(1 + mean_words / totals)
    out: dict[int, list[str]] = {}
    for row, c in enumerate(clusters):
        order = np.argsort(-weights[row])
        out[c] = [str(vocabulary[i]) for i in order[:top] if per_class[row, i] > 0]
    return out


def _quotes(
    texts: Sequence[str], members: np.ndarray, vectors: np.ndarray, how_many: int
) -> list[str]:
    centre = vectors[members].mean(axis=0)
    order = members[np.argsort(-(vectors[members] @ centre))]
    seen: set[str] = set()
    quotes: list[str] = []
    for index in order:
        quote = redact(clean(texts[index]))
        if len(quote) > QUOTE_CHARS:
            quote = quote[: QUOTE_CHARS - 1].rsplit(" ", 1)[0] + "…"
        if quote.lower() in seen:
            continue
        seen.add(quote.lower())
        quotes.append(quote)
        if len(quotes) == how_many:
            break
    return quotes


def find_themes(
    texts: Sequence[str],
    *,
    k: int | None = None,
    language_hint: str | None = None,
    use_embeddings: bool | None = None,
    n_keywords: int = 3,
    n_quotes: int = 3,
    random_state: int = 0,
) -> list[Theme]:
    """Cluster texts into themes, largest first. Blank texts belong to no theme.

    language_hint is accepted for callers that know the language; the stop words cover English
    and Spanish together, and the embeddings are multilingual enough for mixed sets.
    """
    del language_hint
    kept = [i for i, t in enumerate(texts) if clean(t).strip()]
    if not kept:
        return []
    cleaned = [clean(texts[i]) for i in kept]
    vectors, _method = vectorise(cleaned, use_embeddings)
    labels = cluster(vectors, k, random_state)
    # Keywords come from redacted text so a label never shows a person's name or number.
    keywords = keywords_per_cluster([redact(t) for t in cleaned], labels, top=max(n_keywords, 5))
    found = []
    for c in sorted(set(int(x) for x in labels)):
        local = np.flatnonzero(labels == c)
        words = keywords.get(c, [])[: max(n_keywords, 5)]
        found.append(
            Theme(
                id=0,
                label=" · ".join(words[:n_keywords]) or "(no keywords)",
                keywords=words,
                size=len(local),
                quotes=[],
                members=sorted(kept[i] for i in local),
            )
        )
        found[-1].quotes = _quotes(cleaned, local, vectors, n_quotes)
    found.sort(key=lambda t: (-t.size, t.members[0]))
    for number, theme in enumerate(found):
        theme.id = number
    return found
