"""Configuration discovery, validation with file:line, and its effect on the rule set."""
import pytest

from replylint import config as cfgmod
from replylint.config import ConfigError, discover, load_file
from replylint.engine import RunOptions, ruleset


@pytest.fixture(autouse=True)
def fresh_discovery_cache():
    cfgmod._DISCOVERED.clear()
    yield
    cfgmod._DISCOVERED.clear()


def test_discovered_upward_from_the_file(tmp_path):
    (tmp_path / ".replylint.yaml").write_text("ignore: [common.emoji]\n", encoding="utf-8")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    draft = sub / "draft.txt"
    draft.write_text("x", encoding="utf-8")
    cfg = discover(str(draft))
    assert cfg is not None and cfg.path == str(tmp_path / ".replylint.yaml")
    assert "common.emoji" not in [r.id for r in ruleset(cfg, RunOptions()).rules]


def test_nearest_config_wins_and_pyproject_section_counts(tmp_path):
    (tmp_path / ".replylint.yaml").write_text("ignore: [common]\n", encoding="utf-8")
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname="x"\n\n[tool.replylint]\nselect = ["common.emoji"]\n',
                                          encoding="utf-8")
    cfg = discover(str(inner / "d.txt"))
    assert cfg.path.endswith("pyproject.toml") and cfg.select == ["common.emoji"]


def test_pyproject_without_section_is_skipped(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname="x"\n', encoding="utf-8")
    (tmp_path / "d").mkdir()
    cfg = discover(str(tmp_path / "d" / "f.txt"))
    assert cfg is None or not cfg.path.startswith(str(tmp_path))


@pytest.mark.parametrize("text,line,needle", [
    ("select: [ru]\nignor: [x]\n", 2, "unknown key 'ignor'"),
    ("rules:\n  ru.deadline:\n    severty: error\n", 3, "unknown key 'severty'"),
    ("rules:\n  ru.deadline: loud\n", 2, "severity of ru.deadline"),
    ("settings:\n  work_hours: 1\n", 2, "unknown setting 'work_hours'"),
    ("select: [ru\n", 2, "invalid YAML"),
    ("max_file_size: huge\n", 1, "max_file_size"),
])
def test_bad_config_is_file_line_message(tmp_path, text, line, needle):
    p = tmp_path / ".replylint.yaml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_file(p)
    assert str(e.value).startswith(f"{p}:{line}: ") and needle in str(e.value)


def test_severity_override_off_and_options(tmp_path):
    p = tmp_path / ".replylint.yaml"
    p.write_text("rules:\n  common.emoji: off\n  common.placeholder: warning\n"
                 "  common.sentence-length: {options: {max: 10}}\nmax_file_size: 1MB\n", encoding="utf-8")
    cfg = load_file(p)
    rs = ruleset(cfg, RunOptions())
    ids = [r.id for r in rs.rules]
    assert "common.emoji" not in ids
    assert cfg.severities["common.placeholder"] == "warning"
    assert rs.options["common.sentence-length"] == {"max": 10}
    assert cfg.max_file_size == 1 << 20


def test_select_and_ignore_by_pack_and_id(tmp_path):
    rs = ruleset(None, RunOptions(select=["common"], ignore=["common.emoji"]))
    assert rs.rules and all(r.id.startswith("common.") for r in rs.rules)
    assert "common.emoji" not in [r.id for r in rs.rules]


def test_per_file_ignores_by_glob(tmp_path):
    p = tmp_path / ".replylint.yaml"
    p.write_text('per_file_ignores:\n  "templates/*.txt": [common.placeholder]\n', encoding="utf-8")
    cfg = load_file(p)
    assert cfg.ignored_for(str(tmp_path / "templates" / "a.txt")) == ["common.placeholder"]
    assert cfg.ignored_for(str(tmp_path / "letters" / "a.txt")) == []


def test_user_pack_folder(tmp_path):
    pack = tmp_path / "house"
    pack.mkdir()
    (pack / "pack.yaml").write_text("name: house\nlanguage: ru\n", encoding="utf-8")
    (pack / "ban.yaml").write_text(
        "id: house.ban\nseverity: error\nmessage: нельзя\nsource: {document: d, clause: c, quote: q}\n"
        "check: existence\nwords: [ну]\nexamples: {bad: ['ну']}\n", encoding="utf-8")
    p = tmp_path / ".replylint.yaml"
    p.write_text("packs: [common, ./house]\n", encoding="utf-8")
    ids = [r.id for r in ruleset(load_file(p), RunOptions()).rules]
    assert "house.ban" in ids and not any(i.startswith("ru.") for i in ids)
