"""site.toml: every problem reported with its key and line; defaults and overrides."""

from pathlib import Path

from sitegen.diagnostics import Diagnostics
from sitegen.load.config import load_config
from tests.conftest import PROJECT, SITES


def test_project_config_loads_six_sections():
    diags = Diagnostics()
    config = load_config(PROJECT, diags)
    assert not diags.items
    assert list(config.sections) == ["policies", "intellectual-property", "standards", "business-models",
                                     "technology", "news"]
    assert list(config.languages) == ["vi", "en"]
    assert config.timezone_name == "Asia/Ho_Chi_Minh"


def test_base_url_override_and_base_path():
    config = load_config(SITES / "mini", Diagnostics(), "http://127.0.0.1:8000/sub/folder")
    assert config.base_url == "http://127.0.0.1:8000/sub/folder/"
    assert config.base_path == "/sub/folder/"


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "site.toml").write_text(text, encoding="utf-8")
    return tmp_path


def test_every_problem_is_reported(tmp_path: Path):
    diags = Diagnostics()
    config = load_config(write(tmp_path, 'base_url = "ftp://x"\ntimezone = "Mars/Base"\nitems_per_page = 0\n'
                                         'tittle = "x"\n[languages.fr]\nname = "Français"\n'), diags)
    assert config is None
    messages = [d.format() for d in diags.errors]
    assert ('site.toml:1: base_url: "ftp://x" is not an http(s) URL\n'
            '    hint: for example "https://example.org/kontum/"') in messages
    assert any(m.startswith('site.toml:2: timezone: unknown time zone "Mars/Base"') for m in messages)
    assert any(m.startswith("site.toml:3: items_per_page: must be a whole number") for m in messages)
    assert any(m.startswith("site.toml:4: tittle: unknown key") for m in messages)
    assert any(m.startswith("site.toml:5: languages.fr: unsupported language") for m in messages)


def test_missing_and_broken_files(tmp_path: Path):
    diags = Diagnostics()
    assert load_config(tmp_path, diags) is None
    assert diags.errors[0].message.startswith("no site.toml in")
    diags = Diagnostics()
    assert load_config(write(tmp_path, "title = \n"), diags) is None
    assert diags.errors[0].line == 1 and "TOML syntax error" in diags.errors[0].message
