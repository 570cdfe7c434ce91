"""Fine-tuning the sentence encoder on the training texts (optional; needs torch).

Recipe: every encoder layer trains (the token embeddings stay frozen unless told otherwise;
`frozen_layers` freezes the lower layers too); a cosine classifier (scaled, normalised class weights, started at the class centroids)
on the encoder's normalised mean-pooled embedding; cross-entropy with label smoothing; AdamW
with linear warm-up and decay. Batches hold texts of similar length (sorted within chunks of
16 batches, the batches then shuffled), which halves the padding. The out-of-scope examples, if
any, form one extra class.

`finetune` returns the tuned model and its head (`TunedHead`): the engine classifies with that
head, whose weights saw every training text, rather than refitting a regression on embeddings
the encoder has already separated (measured on Banking77: 93.1 % with the tuned head, 91.2 % with
a regression over the tuned layers and n-grams). On 2 quiet CPU cores one step of 32 short
sentences takes about 0.4 s: an epoch over Banking77's 8,000 training questions about 100 s.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass
class TunedHead:
    """The cosine classifier trained with the encoder: logits = scale * cos(embedding, weight)."""

    classes: list[str]
    weights: np.ndarray  # (n_classes, 384), rows of unit length
    scale: float


def batches(lengths: list[int], batch_size: int, rng: random.Random) -> list[list[int]]:
    """One epoch of batches (indices): shuffled, then sorted by length within chunks of 16
    batches so each batch pads little, then the batches shuffled."""
    order = list(range(len(lengths)))
    rng.shuffle(order)
    chunk = batch_size * 16
    out: list[list[int]] = []
    for start in range(0, len(order), chunk):
        part = sorted(order[start : start + chunk], key=lambda i: lengths[i])
        out += [part[i : i + batch_size] for i in range(0, len(part), batch_size)]
    rng.shuffle(out)
    return out


def finetune(
    model: Any,
    texts: list[str],
    labels: list[str],
    *,
    epochs: float = 5.0,
    batch_size: int = 32,
    learning_rate: float = 1e-4,
    scale: float = 20.0,
    label_smoothing: float = 0.1,
    max_length: int = 64,
    frozen_layers: int = 0,
    freeze_token_embeddings: bool = True,
    seed: int = 0,
    log: Callable[[str], Any] | None = None,
) -> tuple[Any, TunedHead]:
    """Fine-tune `model` (a SentenceTransformer, changed in place) on (texts, labels)."""
    import torch
    import torch.nn.functional as F

    if len(texts) != len(labels) or not texts:
        raise ValueError("fine-tuning needs as many labels as texts, and at least one text")
    torch.manual_seed(seed)
    rng = random.Random(seed)
    classes = sorted(set(labels))
    index = {c: i for i, c in enumerate(classes)}
    y_all = torch.tensor([index[label] for label in labels])
    model.max_seq_length = max_length
    bert = model[0].auto_model
    frozen = list(bert.encoder.layer[:frozen_layers])
    if freeze_token_embeddings:
        frozen.insert(0, bert.embeddings)
    for module in frozen:
        for parameter in module.parameters():
            parameter.requires_grad = False
    tokenize = getattr(model, "preprocess", None) or model.tokenize
    model.eval()
    with torch.no_grad():
        init = model.encode(
            texts, batch_size=64, convert_to_tensor=True, normalize_embeddings=True
        ).float()
        init = init.clone()  # encode() runs in inference mode; autograd needs a plain tensor
        centroids = torch.stack([init[y_all == k].mean(0) for k in range(len(classes))])
    weight = torch.nn.Parameter(F.normalize(centroids, dim=1).clone())
    params = [
        {"params": [p for p in model.parameters() if p.requires_grad], "lr": learning_rate},
        {"params": [weight], "lr": learning_rate * 20},
    ]
    optimiser = torch.optim.AdamW(params, weight_decay=0.01)
    lengths = [len(t) for t in texts]
    steps_per_epoch = math.ceil(len(texts) / batch_size)
    total = max(1, int(steps_per_epoch * epochs))
    warmup = max(1, total // 10)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimiser,
        lambda s: min((s + 1) / warmup, max(0.0, (total - s) / max(1, total - warmup))),
    )
    step = 0
    model.train()
    while step < total:
        for batch in batches(lengths, batch_size, rng):
            if step >= total:
                break
            features = tokenize([texts[i] for i in batch])
            out = model(dict(features))["sentence_embedding"]
            logits = scale * F.normalize(out, dim=1) @ F.normalize(weight, dim=1).T
            loss = F.cross_entropy(logits, y_all[batch], label_smoothing=label_smoothing)
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            scheduler.step()
            step += 1
            if log is not None and (step % 100 == 0 or step == total):
                log(f"fine-tune step {step}/{total} loss {loss.item():.3f}")
    model.eval()
    for parameter in model.parameters():
        parameter.requires_grad = False
    head = TunedHead(
        classes, F.normalize(weight.detach(), dim=1).numpy().astype(np.float64), float(scale)
    )
    return model, head
