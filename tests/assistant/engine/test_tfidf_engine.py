import pytest

from bluebridge.assistant.engine import (
    EngineLoadError,
    NotTrainedError,
    Prediction,
    load_engine,
    make_engine,
)


@pytest.fixture(scope="module")
def engine(training):
    texts, labels = training
    return make_engine("tfidf").fit(texts, labels)


def test_it_answers_questions_in_english_and_spanish(engine):
    english, spanish = engine.predict(
        ["how can I get a copy of the police report", "¿dónde pago mi multa de estacionamiento?"]
    )
    assert isinstance(english, Prediction)
    assert (english.decision, english.label) == ("answer", "police-reports")
    assert spanish.label == "parking-tickets"
    assert spanish.decision in {"answer", "clarify"}
    assert 0.0 <= english.confidence <= 1.0


def test_it_hands_off_messages_about_something_else(engine):
    (weather,) = engine.predict(["what will the weather be like tomorrow in madrid"])
    assert weather.decision == "out_of_scope"


def test_it_records_how_the_operating_point_was_chosen(engine):
    assert engine.name == "tfidf"
    assert engine.operating.source == "cross-validation"
    assert engine.operating.calibration_oos > 0


def test_it_predicts_the_same_after_save_and_load(engine, tmp_path):
    engine.save(tmp_path / "model")
    again = load_engine(tmp_path / "model")
    messages = ["loud music next door", "multa de aparcamiento", "tell me a joke"]
    assert again.name == "tfidf"
    assert again.predict(messages) == engine.predict(messages)


def test_it_uses_validation_data_with_out_of_scope_examples_when_given(training):
    texts, labels = training
    engine = make_engine("tfidf", builtin_offtopic=False).fit(
        texts,
        labels,
        oos_texts=["recipe for pancakes", "who won the match"],
        val_texts=["copy of the crash report", "loud neighbours", "best pizza in town"],
        val_labels=["police-reports", "noise-complaints", None],
    )
    assert engine.operating.source == "validation"
    assert engine.operating.calibration_oos == 1


def test_it_refuses_bad_training_input():
    engine = make_engine("tfidf")
    with pytest.raises(ValueError, match="at least one"):
        engine.fit([], [])
    with pytest.raises(ValueError, match="2 texts but 1 labels"):
        engine.fit(["a", "b"], ["x"])
    with pytest.raises(ValueError, match="non-empty"):
        engine.fit(["a"], [""])
    with pytest.raises(ValueError, match="oos_recall_target"):
        engine.fit(["a", "b"], ["x", "y"], oos_recall_target=0)


def test_it_refuses_to_predict_before_training():
    with pytest.raises(NotTrainedError):
        make_engine("tfidf").predict(["hello"])


def test_it_refuses_a_single_string_instead_of_a_list(engine):
    with pytest.raises(TypeError):
        engine.predict("hello")


def test_it_reports_a_missing_or_broken_saved_engine(tmp_path):
    with pytest.raises(EngineLoadError, match="no saved intent engine"):
        load_engine(tmp_path)
    (tmp_path / "manifest.json").write_text("{not json")
    with pytest.raises(EngineLoadError, match="unreadable"):
        load_engine(tmp_path)


def test_it_rejects_an_unknown_engine_kind():
    with pytest.raises(ValueError, match="unknown engine kind"):
        make_engine("gpt")
