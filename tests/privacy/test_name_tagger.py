"""The redactor's learned name tagger (reviewer/name_tagger.py, models/name_tagger/)."""
import json
import shutil

import numpy as np
import pytest

from privacy_helpers import assert_gone, assert_kept
from reviewer import name_tagger as nt
from reviewer import redact


@pytest.fixture(scope="module")
def tagger():
    return redact.name_tagger()


def _p(tagger, text, word):
    return max(p for tok, p in tagger.probabilities(text) if tok.text == word)


def test_probabilities_cover_every_word_and_lie_in_0_1(tagger):
    text = "Visit to Oskar Brennan-Achebe (9) at home. Mum Delphine was there; the dog barked."
    scored = tagger.probabilities(text)
    assert [t.text for t, _ in scored] == [w for w in nt.TOKEN.findall(text) if w[0].isalpha()]
    assert all(0.0 <= p <= 1.0 for _, p in scored)
    for tok, _ in scored:
        assert text[tok.start:tok.end] == tok.text


def test_names_score_high_and_ordinary_words_low(tagger):
    text = "Spoke to Delphine Okafor-Reyes on the phone; she said the boiler is broken again."
    assert _p(tagger, text, "Delphine") >= tagger.threshold
    assert _p(tagger, text, "Okafor-Reyes") >= tagger.threshold
    for word in ("phone", "boiler", "broken"):
        assert _p(tagger, text, word) < tagger.threshold


def test_lower_case_notes_read_lower_case_given_names_as_names(tagger):
    note = ("hv rang 10.15, spoke to mum (marnie) at the door. marnie says kit still not sleeping, "
            "nursery say he was tired again. will ring back tmrw.")
    assert _p(tagger, note, "marnie") >= tagger.threshold
    assert _p(tagger, note, "tired") < tagger.threshold


def test_redact_uses_the_tagger_for_names_no_cue_finds():
    # A surname-first capitals header and a lower-case note: every mention goes, one placeholder each.
    text = ("Officer in case: PC 2231 Morwenna TREGASKIS\n"
            "TREGASKIS attended at 21:40 and spoke to the children.\n"
            "later: rang mum (marnie) – marnie upset, says she will call back.")
    out = assert_gone(text, "Morwenna", "TREGASKIS", "marnie")
    assert "PC 2231" in out


def test_the_tagger_leaves_placeholders_and_role_words_alone():
    text = "[CHILD 1] told Mum that [PERSON 2] shouted. Mum rang the Social Worker."
    assert_kept(text, "[CHILD 1]", "[PERSON 2]", "Mum", "Social Worker")


def test_weights_are_numbers_only_and_match_the_settings():
    folder = nt.models_dir() / nt.FOLDER
    meta = json.loads((folder / "model.json").read_text())
    assert meta["n_features"] == nt.N_FEATURES and meta["feature_version"] == nt.FEATURE_VERSION
    with np.load(folder / "weights.npz", allow_pickle=False) as data:
        assert data["index"].dtype.kind == "i" and data["value"].dtype.kind == "f"
        assert len(data["index"]) == meta["non_zero_weights"]
        assert data["index"].max() < nt.N_FEATURES


def test_a_missing_model_is_a_clear_error(tmp_path):
    with pytest.raises(nt.NameTaggerMissing, match="make train"):
        nt.NameTagger.load(redact._is_word, [], tmp_path)


def test_a_model_built_for_other_features_is_refused(tmp_path):
    folder = nt.models_dir() / nt.FOLDER
    shutil.copytree(folder, tmp_path / "t")
    meta = json.loads((tmp_path / "t" / "model.json").read_text())
    meta["feature_version"] = nt.FEATURE_VERSION + 1
    (tmp_path / "t" / "model.json").write_text(json.dumps(meta))
    with pytest.raises(nt.ConfigError, match="other features"):
        nt.NameTagger.load(redact._is_word, [], tmp_path / "t")


def test_training_is_deterministic(tmp_path):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from training import train_name_tagger as train

    docs = train.load_documents(before=21)
    first = train.fit(docs)
    second = train.fit(docs)
    assert first[2] == second[2] and first[2]["documents"] == 20
    assert np.array_equal(first[0], second[0]) and first[1] == second[1]
