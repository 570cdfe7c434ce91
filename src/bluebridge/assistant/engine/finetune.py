"""Fine-tuning the sentence encoder on the training texts (optional; needs torch).

Recipe: token embeddings and the lower `frozen_layers` layers frozen; a cosine classifier (scaled, normalised class weights) on the encoder's normalised
mean-pooled embedding, cross-entropy with label smoothing, AdamW with linear warm-up and decay.
The out-of-scope examples, if any, form one extra class. Afterwards the engine trains its usual
head on the fine-tuned embeddings. On 2 CPU cores one epoch over CLINC150 (15,100 sentences)
takes a few minutes.
"""

from __future__ import annotations

import math
import random
from typing import Any


def finetune(
    model: Any,
    texts: list[str],
    labels: list[str],
    *,
    epochs: float = 2.0,
    batch_size: int = 32,
    learning_rate: float = 1e-4,
    scale: float = 20.0,
    label_smoothing: float = 0.1,
    max_length: int = 48,
    frozen_layers: int = 3,
    seed: int = 0,
    log: Any = None,
) -> Any:
    import torch
    import torch.nn.functional as F

    torch.manual_seed(seed)
    rng = random.Random(seed)
    classes = sorted(set(labels))
    index = {c: i for i, c in enumerate(classes)}
    y_all = [index[label] for label in labels]
    model.max_seq_length = max_length
    # The token embeddings and the lower layers stay as they are: half the cost per step, and
    # the general-purpose lower layers need no change for short intent sentences.
    bert = model[0].auto_model
    frozen = [bert.embeddings, *bert.encoder.layer[:frozen_layers]]
    for module in frozen:
        for parameter in module.parameters():
            parameter.requires_grad = False
    tokenize = getattr(model, "preprocess", None) or model.tokenize
    model.train()
    with torch.no_grad():
        init = model.encode(
            texts, batch_size=64, convert_to_tensor=True, normalize_embeddings=True
        ).float()
        centroids = torch.stack(
            [init[[i for i, y in enumerate(y_all) if y == k]].mean(0) for k in range(len(classes))]
        )
    weight = torch.nn.Parameter(F.normalize(centroids, dim=1).clone())
    params = [
        {"params": [p for p in model.parameters() if p.requires_grad], "lr": learning_rate},
        {"params": [weight], "lr": learning_rate * 20},
    ]
    optimiser = torch.optim.AdamW(params, weight_decay=0.01)
    order = list(range(len(texts)))
    steps_per_epoch = math.ceil(len(order) / batch_size)
    total = max(1, int(steps_per_epoch * epochs))
    warmup = max(1, total // 10)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimiser,
        lambda s: min((s + 1) / warmup, max(0.0, (total - s) / max(1, total - warmup))),
    )
    step = 0
    model.train()
    while step < total:
        rng.shuffle(order)
        for start in range(0, len(order), batch_size):
            if step >= total:
                break
            batch = order[start : start + batch_size]
            features = tokenize([texts[i] for i in batch])
            out = model(dict(features))["sentence_embedding"]
            emb = F.normalize(out, dim=1)
            logits = scale * emb @ F.normalize(weight, dim=1).T
            target = torch.tensor([y_all[i] for i in batch])
            loss = F.cross_entropy(logits, target, label_smoothing=label_smoothing)
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            scheduler.step()
            step += 1
            if log is not None and step % 50 == 0:
                log(f"fine-tune step {step}/{total} loss {loss.item():.3f}")
    model.eval()
    return model
