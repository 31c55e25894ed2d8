import pytest

from reviewer import ConfigError, Reviewer
from reviewer.checks import catalogue
from reviewer.config import ReviewerConfig

PLAN = "Action | Who | By when\nGo to the Sunflower group | Mum | ongoing\nAttend school | Brighter Futures worker | daily\n"


def test_disable_checks_by_id(reviewer, tmp_path):
    path = tmp_path / "reviewer.toml"
    path.write_text('[checks]\ndisable = ["plan.action.vague_timescale", "plan.no_contingency"]\n')
    custom = Reviewer.load(config=path)
    checks = {f.check for f in custom.review(PLAN, doc_type="cp_plan").findings}
    assert "plan.action.vague_timescale" not in checks and "plan.no_contingency" not in checks
    base = {f.check for f in reviewer.review(PLAN, doc_type="cp_plan").findings}
    assert "plan.action.vague_timescale" in base


def test_severity_override_and_vocabulary(reviewer):
    config = ReviewerConfig.from_dict({
        "checks": {"severity": {"plan.action.vague_timescale": "error"}},
        "vocabulary": {"services": ["Sunflower group"], "roles": ["Brighter Futures worker"]},
    })
    report = reviewer.with_config(config).review(PLAN, doc_type="cp_plan")
    vague = next(f for f in report.findings if f.check == "plan.action.vague_timescale")
    assert vague.severity == "error"
    sunflower = report.actions[0]
    assert sunflower.specific is True
    assert report.actions[1].owner == "Brighter Futures worker"


@pytest.mark.parametrize("toml,problem", [
    ('[checks]\ndisable = ["no.such.check"]\n', "unknown check id"),
    ('[colours]\nred = 1\n', "unknown section"),
    ('[checks]\nseverity = {"plan.no_actions" = "fatal"}\n', "severity"),
    ('[checks\n', "not valid TOML"),
])
def test_bad_config_names_the_file_and_problem(tmp_path, toml, problem):
    path = tmp_path / "bad.toml"
    path.write_text(toml)
    with pytest.raises(ConfigError) as err:
        ReviewerConfig.from_file(path, known_checks=set(catalogue()))
    assert "bad.toml" in str(err.value) and problem in str(err.value)


def test_every_check_has_message_why_and_suggestion():
    for check in catalogue().values():
        assert check.message and check.why and check.suggestion
        assert check.id.count(".") >= 1
