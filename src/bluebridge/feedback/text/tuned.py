"""A sentiment classifier made by fine-tuning the MiniLM encoder on the labelled comments.

Optional (needs torch and the pinned model package) and slow on a CPU: about 3 minutes per epoch
over 8,000 tweets on 2 cores. The learned model (learned.py) blends it with its stack when asked
(`finetune_epochs`). The recipe is the assistant's (bluebridge.assistant.engine.finetune): a
cosine classifier trained with the whole encoder, the token embeddings included, label
smoothing, AdamW with warm-up and linear decay.

Pickling keeps the tuned encoder's weights as float32 arrays (about 87 MB) with the class
weights; unpickling rebuilds the encoder from the pinned package and loads them.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import numpy as np

from bluebridge.feedback.text import embeddings

EPOCHS = 4.0
LEARNING_RATE = 5e-5


def _fresh_encoder() -> Any:
    """A new copy of the pinned encoder (the shared one must not change)."""
    path = embeddings.model_dir()
    if path is None:
        raise RuntimeError("sentence embeddings are not available (see embeddings.available())")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(path), device="cpu", local_files_only=True)


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


class TunedSentiment:
    """fit(texts, labels) -> self; predict_proba(texts) with one column per `classes_`."""

    def __init__(
        self,
        epochs: float = EPOCHS,
        learning_rate: float = LEARNING_RATE,
        seed: int = 0,
        log: Any = None,
    ) -> None:
        self.epochs = epochs
        self.learning_rate = learning_rate
        self.seed = seed
        self.log = log
        self.classes_: list[str] = []
        self._weights: np.ndarray | None = None
        self._scale = 20.0
        self._model: Any = None

    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> TunedSentiment:
        from bluebridge.assistant.engine.finetune import finetune

        model, head = finetune(
            _fresh_encoder(),
            [str(t) for t in texts],
            [str(label) for label in labels],
            epochs=self.epochs,
            learning_rate=self.learning_rate,
            freeze_token_embeddings=False,
            seed=self.seed,
            log=self.log,
        )
        self._model = model
        self.classes_ = list(head.classes)
        self._weights = head.weights
        self._scale = head.scale
        return self

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        if self._model is None or self._weights is None:
            raise RuntimeError("the tuned classifier is not trained")
        if len(texts) == 0:
            return np.zeros((0, len(self.classes_)))
        vectors = self._model.encode(
            [str(t) for t in texts],
            batch_size=64,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return _softmax(self._scale * np.asarray(vectors, dtype=np.float64) @ self._weights.T)

    # --- pickling: the encoder travels as arrays --------------------------------------------------

    def __getstate__(self) -> dict[str, Any]:
        state = {k: v for k, v in self.__dict__.items() if k not in ("_model", "log")}
        if self._model is not None:
            network = self._model[0].auto_model
            state["_encoder_state"] = {
                k: v.detach().cpu().numpy().copy() for k, v in network.state_dict().items()
            }
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        arrays = state.pop("_encoder_state", None)
        self.__dict__.update(state)
        self.log = None
        self._model = None
        if arrays is not None:
            import torch

            model = _fresh_encoder()
            model[0].auto_model.load_state_dict({k: torch.from_numpy(v) for k, v in arrays.items()})
            model.eval()
            self._model = model
