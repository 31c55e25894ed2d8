"""The app's settings: Streamlit usage statistics off and the server bound to localhost by default;
models load only from the package or models/, and nothing user-supplied is unpickled."""
from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LOCAL = {"localhost", "127.0.0.1", "::1"}


def _config() -> dict:
    path = ROOT / ".streamlit" / "config.toml"
    if not path.exists():
        pytest.fail(".streamlit/config.toml is missing: usage statistics would be on by default")
    return tomllib.loads(path.read_text(encoding="utf-8"))


def test_streamlit_config_turns_usage_statistics_off_and_binds_localhost():
    config = _config()
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["address"] in LOCAL
    assert config["server"].get("enableXsrfProtection", True) is True
    assert config.get("client", {}).get("showErrorDetails") in ("none", "type", False)


def test_streamlit_reads_those_settings(tmp_path):
    """What Streamlit itself resolves when started from the repository (no user config)."""
    script = ("from streamlit import config\nconfig.get_config_options(force_reparse=True)\n"
              "print(config.get_option('browser.gatherUsageStats'), config.get_option('server.address'))")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr[-2000:]
    stats, address = done.stdout.split()[-2:]
    assert stats == "False" and address in LOCAL


def test_make_run_starts_the_app_on_localhost():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    run = re.search(r"^run:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert run, "Makefile has no run target"
    command = run.group(1)
    address = re.search(r"--server\.address[ =](\S+)", command)
    assert address is None or address.group(1) in LOCAL
    assert "--browser.gatherUsageStats true" not in command and "0.0.0.0" not in command


# --------------------------------------------------------------------------- models


def test_models_folder_is_the_repository_models_folder(monkeypatch):
    from reviewer.trained import models_dir

    monkeypatch.delenv("REVIEWER_MODELS", raising=False)
    assert models_dir() == ROOT / "models"


FORBIDDEN = re.compile(r"\b(?:pickle\.loads?|cPickle|joblib\.load|dill\.loads?|cloudpickle|torch\.load|"
                       r"allow_pickle\s*=\s*True|pd\.read_pickle|read_pickle|marshal\.loads?|shelve\.open|"
                       r"yaml\.load\(|yaml\.unsafe_load|eval\(|exec\()")


def test_no_unpickling_or_eval_in_the_package_source():
    hits = []
    for path in sorted((ROOT / "reviewer").rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if FORBIDDEN.search(code):
                hits.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert hits == []


def test_every_built_model_loads_and_reviews_with_unpickling_switched_off(tmp_path):
    """In a fresh process where pickle and torch.load raise, every model in models/ loads."""
    script = """
import pickle, sys
def refuse(*args, **kwargs):
    raise RuntimeError("unpickling attempted")
pickle.load = pickle.loads = refuse
pickle.Unpickler = refuse
try:
    import torch
    torch.load = refuse
except ImportError:
    pass
import numpy
_np_load = numpy.load
def np_load(*args, **kwargs):
    if kwargs.get("allow_pickle"):
        raise RuntimeError("allow_pickle=True")
    return _np_load(*args, **kwargs)
numpy.load = np_load
from reviewer import Reviewer
from reviewer.models import built
text = open(sys.argv[1], encoding="utf-8").read()
for name in built():
    if name.startswith("minilm"):
        continue  # the sentence-transformers weights are safetensors in an installed package
    report = Reviewer.load(model=name).review(text)
    print(name, len(report.sentences))
"""
    done = subprocess.run([sys.executable, "-c", script, str(ROOT / "examples" / "cp_plan.txt")],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    loaded = [line.split()[0] for line in done.stdout.splitlines()]
    assert "rules" in loaded and len(loaded) >= 2


@pytest.mark.parametrize("name", ["../models/tfidf", "/etc/passwd", "models/tfidf", "tfidf/../../x"])
def test_model_names_are_a_fixed_list_not_paths(capsys, name):
    from reviewer import cli

    code = cli.main(["review", str(ROOT / "examples" / "cp_plan.txt"), "--model", name])
    err = capsys.readouterr().err
    assert code == 2 and "unknown model" in err and "Traceback" not in err


def test_a_config_file_is_parsed_as_toml_never_unpickled(capsys, tmp_path):
    import pickle

    from reviewer import cli

    bad = tmp_path / "reviewer.toml"
    bad.write_bytes(pickle.dumps({"checks": {"disable": []}}))
    code = cli.main(["review", str(ROOT / "examples" / "cp_plan.txt"), "--config", str(bad)])
    err = capsys.readouterr().err
    assert code == 2 and "reviewer.toml" in err and "Traceback" not in err
