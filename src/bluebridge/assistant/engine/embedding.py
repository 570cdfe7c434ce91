"""The embedding engine: MiniLM features (the mean-pooled hidden state of each encoder layer,
plus the TF-IDF n-grams of the fallback engine: the model is English-trained, the n-grams carry
Spanish and rare words), logistic regression, and a fused out-of-scope score (maximum
probability plus Mahalanobis distance, over the sentence embedding, to the nearest intent).

By default the encoder is frozen (fast: the demo knowledge base trains in seconds). With
`finetune_epochs > 0` the encoder is first fine-tuned on the training texts (see finetune.py);
the engine then reads the tuned encoder's last layer alone (no lower layers, no n-grams) and
classifies with the cosine head trained with it. Tuning costs minutes on a CPU for a few
thousand texts; it is for large knowledge bases and benchmarks, not the default.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
from scipy import sparse

from . import encoder as enc
from .base import FeatureEngine
from .head import OOS_CLASS, LinearHead
from .tfidf import TfidfEngine

FINETUNED_FILE = "encoder.safetensors"


class EmbeddingEngine(FeatureEngine):
    name: ClassVar[str] = "embedding"
    scorer = "fused"
    dense_dims = enc.DIMENSION
    dist_weight = 0.5
    # Mean-pooled hidden states of these encoder layers, each normalised, side by side; the
    # last layer (the sentence embedding) comes first, so the Mahalanobis distance, over the
    # first `dense_dims` columns, is taken on it alone. Lower layers add surface and word-level
    # cues to the classifier (chosen by a split of the CLINC150 training data: 96.8 % vs 96.4 %).
    LAYERS: tuple[int, ...] = (6, 1, 2, 3, 4, 5)
    LAYER_WEIGHT = 1.0
    LEGACY_LAYERS: tuple[int, ...] = (6,)  # engines saved before layers were recorded
    LEGACY_WEIGHT = 2.0

    def __init__(
        self,
        *,
        hybrid: bool = True,
        finetune_epochs: float = 0,
        finetune_options: dict | None = None,
        cache_dir: str | Path | None = None,
        layers: tuple[int, ...] | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("c", 5.0)
        super().__init__(**kwargs)
        self.hybrid = hybrid
        self.tfidf = TfidfEngine() if hybrid else None
        self.finetune_epochs = finetune_epochs
        self.finetune_options = dict(finetune_options or {})
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self.layers = tuple(layers) if layers else tuple(self.LAYERS)
        if any(not 0 <= k <= 6 for k in self.layers):
            raise ValueError(f"encoder layers lie in 0..6, not {self.layers}")
        # one layer alone keeps the old weight of the sentence embedding against the n-grams
        self.layer_weight = self.LAYER_WEIGHT if len(self.layers) > 1 else self.LEGACY_WEIGHT
        self.model: Any = None
        self.finetuned = False
        self._finetuned_sha256: str | None = None
        self._tuned_head: Any = None  # set while a fine-tuned engine fits (see finetune.py)

    # --- features --------------------------------------------------------------------------------

    def _encoder(self) -> Any:
        if self.model is None:
            self.model = enc.shared_encoder()
        return self.model

    def fit(  # type: ignore[override]
        self,
        texts,
        labels,
        *,
        oos_texts=(),
        val_texts=None,
        val_labels=None,
        oos_recall_target: float = 0.9,
    ):
        if self.finetune_epochs <= 0:
            return super().fit(
                texts,
                labels,
                oos_texts=oos_texts,
                val_texts=val_texts,
                val_labels=val_labels,
                oos_recall_target=oos_recall_target,
            )
        from . import offtopic
        from .finetune import finetune

        texts, labels = list(texts), list(labels)
        oos = list(oos_texts) + (offtopic.sentences() if self.builtin_offtopic else [])
        no_val = val_labels is None or val_texts is None or all(v is not None for v in val_labels)
        if no_val and oos:
            # The fine-tuned encoder has seen its training texts, so scores on them are
            # optimistic: hold out a part for choosing the operating point instead. (With no
            # out-of-scope examples at all there is no threshold to choose: train on everything.)
            texts, labels, oos, val_texts, val_labels = hold_out(texts, labels, oos, self.seed)
        self.model, self._tuned_head = finetune(
            enc.load_encoder(),
            texts + oos,
            labels + [OOS_CLASS] * len(oos),
            epochs=self.finetune_epochs,
            seed=self.seed,
            **self.finetune_options,
        )
        self.finetuned = True
        # The tuned encoder's last layer is the feature, its own cosine classifier the head.
        self.layers, self.layer_weight, self.tfidf = (6,), 1.0, None
        builtin, self.builtin_offtopic = self.builtin_offtopic, False
        try:
            return super().fit(
                texts,
                labels,
                oos_texts=oos,
                val_texts=val_texts,
                val_labels=val_labels,
                oos_recall_target=oos_recall_target,
            )
        finally:
            self.builtin_offtopic = builtin
            self._tuned_head = None

    def _fit_head(self, x, labels: list[str]) -> LinearHead:
        tuned = getattr(self, "_tuned_head", None)
        if tuned is None:
            return super()._fit_head(x, labels)
        # The classifier trained with the encoder, in the head's class order (in-scope labels
        # sorted, the out-of-scope class last), plus Mahalanobis statistics of these rows.
        classes = self._classes(labels)
        rows = [tuned.classes.index(c) for c in classes]
        head = LinearHead(classes, tuned.scale * tuned.weights[rows], np.zeros(len(classes)))
        index = {c: i for i, c in enumerate(classes)}
        head.fit_mahalanobis(np.asarray(x, dtype=np.float64), np.array([index[c] for c in labels]))
        return head

    def _fit_features(self, texts: list[str]) -> None:
        if self.tfidf is not None:
            self.tfidf._fit_features(texts)

    def _features(self, texts: list[str]):  # type: ignore[override]
        vectors = self._embed(texts).reshape(len(texts), -1) * self.layer_weight
        if self.tfidf is None:
            return vectors
        return sparse.hstack(
            [sparse.csr_matrix(vectors), self.tfidf._features(texts)],
            format="csr",
        )

    def _embed(self, texts: list[str]) -> np.ndarray:
        """(len(texts), len(self.layers), 384) pooled, normalised layer states."""
        if self.cache_dir is None or self.finetuned:
            return enc.encode_layers(self._encoder(), texts, self.layers)
        tag = ",".join(map(str, self.layers))
        key = hashlib.sha256("\n".join([enc.WEIGHTS_SHA256, tag, *texts]).encode()).hexdigest()
        path = self.cache_dir / f"layers-{key[:32]}.npy"
        if path.exists():
            return np.load(path)
        vectors = enc.encode_layers(self._encoder(), texts, self.layers)
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        np.save(path, vectors)
        return vectors

    # --- storage ---------------------------------------------------------------------------------

    def save(self, directory: Path) -> None:
        self._finetuned_sha256 = None
        if self.finetuned:
            from safetensors.torch import save_file

            Path(directory).mkdir(parents=True, exist_ok=True)
            state = {k: v.contiguous() for k, v in self.model[0].auto_model.state_dict().items()}
            save_file(state, str(Path(directory) / FINETUNED_FILE))
            self._finetuned_sha256 = enc.file_sha256(Path(directory) / FINETUNED_FILE)
        super().save(directory)

    def _state(self) -> tuple[dict, dict[str, np.ndarray]]:
        config, arrays = self.tfidf._state() if self.tfidf is not None else ({}, {})
        return {
            "package": enc.PACKAGE,
            "version": enc.PACKAGE_VERSION,
            "weights_sha256": enc.WEIGHTS_SHA256,
            "finetuned": self.finetuned,
            "finetuned_sha256": getattr(self, "_finetuned_sha256", None),
            "hybrid": self.tfidf is not None,
            "layers": list(self.layers),
            "layer_weight": self.layer_weight,
            "tfidf": config,
        }, arrays

    def _restore(self, config: dict, arrays: Any) -> None:
        if config.get("weights_sha256") not in (None, enc.WEIGHTS_SHA256):
            raise enc.WeightsMismatch(
                "this engine was trained on other encoder weights "
                f"({config.get('weights_sha256')}); retrain it"
            )
        self.finetuned = bool(config.get("finetuned"))
        self.layers = tuple(int(k) for k in config.get("layers", self.LEGACY_LAYERS))
        self.layer_weight = float(config.get("layer_weight", self.LEGACY_WEIGHT))
        if not self.layers or any(not 0 <= k <= 6 for k in self.layers):
            raise enc.WeightsMismatch(f"unusable encoder layers {self.layers} in the manifest")
        self._finetuned_sha256 = config.get("finetuned_sha256")
        if config.get("hybrid"):
            self.tfidf = TfidfEngine()
            self.tfidf._restore(config["tfidf"], arrays)
        else:
            self.tfidf = None

    @classmethod
    def load(cls, directory: Path, manifest: dict, arrays: Any) -> EmbeddingEngine:
        engine = cls.restore(manifest, arrays)
        assert isinstance(engine, EmbeddingEngine)
        if engine.finetuned:
            from safetensors.torch import load_file

            tuned = Path(directory) / FINETUNED_FILE
            if not tuned.is_file() or enc.file_sha256(tuned) != engine._finetuned_sha256:
                raise enc.WeightsMismatch(f"{tuned} is missing or not the file this engine saved")
            model = enc.load_encoder()
            model[0].auto_model.load_state_dict(load_file(str(tuned)))
            engine.model = model
        return engine


def hold_out(texts: list[str], labels: list[str], oos: list[str], seed: int, share: float = 0.1):
    """Split off `share` of the in-scope texts (at least one per label with 5 or more) and 30 % of
    the out-of-scope ones."""
    import random

    rng = random.Random(seed)
    keep_t: list[str] = []
    keep_l: list[str] = []
    val_t: list[str] = []
    val_l: list[str | None] = []
    by_label: dict[str, list[str]] = {}
    for text, label in zip(texts, labels, strict=True):
        by_label.setdefault(label, []).append(text)
    for label, items in by_label.items():
        rng.shuffle(items)
        n = max(1, int(len(items) * share)) if len(items) >= 5 else 0
        val_t += items[:n]
        val_l += [label] * n
        keep_t += items[n:]
        keep_l += [label] * (len(items) - n)
    shuffled = list(oos)
    rng.shuffle(shuffled)
    n = int(len(shuffled) * 0.3)
    val_t += shuffled[:n]
    val_l += [None] * n
    return keep_t, keep_l, shuffled[n:], val_t, val_l
