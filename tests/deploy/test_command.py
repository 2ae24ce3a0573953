"""`build.py deploy` itself (to a folder): choosing the target, building first, never deploying a failed or altered build."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.deploy.conftest import NOW, copy_site


@pytest.fixture
def site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    copy_site(site)
    (tmp_path / "www").mkdir()
    (tmp_path / "other").mkdir()
    with (site / "site.toml").open("a", encoding="utf-8") as handle:
        handle.write(f'\n[deploy.share]\nurl = "file://{tmp_path / "www"}"\n\n'
                     f'[deploy.other]\nurl = "file://{tmp_path / "other"}"\nmax_deletes = 0\n')
    return site


def deploy(site: Path, *args: str):
    return run_cli("deploy", "--source", str(site), "--now", NOW, *args)


def files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_the_first_target_is_the_default_and_another_is_chosen_by_name(site):
    result = deploy(site, "--messages", "en")
    assert result.code == 0 and "(the build just made) to share (" in result.out
    assert files(site.parent / "www") and not files(site.parent / "other")
    assert deploy(site, "other").code == 0 and files(site.parent / "other") == files(site.parent / "www")


def test_messages_are_vietnamese_unless_english_is_asked_for(site):
    result = deploy(site)
    assert result.code == 0 and "Đã triển khai lên share (" in result.out and "tệp tải lên" in result.out


def test_an_unknown_target_or_none_at_all_is_wrong_usage(site, tmp_path):
    result = deploy(site, "nowhere", "--messages", "en")
    assert result.code == 2 and "no deploy target 'nowhere' in site.toml; the targets are: share, other" in result.err
    bare = tmp_path / "bare"
    copy_site(bare)
    result = run_cli("deploy", "--source", str(bare), "--messages", "en")
    assert result.code == 2 and "site.toml has no deploy target" in result.err and "[deploy.production]" in result.err


def test_a_failed_build_is_never_deployed(site):
    assert deploy(site).code == 0
    before = files(site.parent / "www")
    (site / "content/news/sai.vi.md").write_text("---\ntitle: Sai\ndate: 2020-13-01\n---\nx\n", encoding="utf-8")
    result = deploy(site, "--messages", "en")
    assert result.code == 1 and "the build failed; nothing was deployed to share (" in result.err
    assert "content/news/sai.vi.md:3" in result.err
    assert files(site.parent / "www") == before


def test_no_build_takes_only_the_untouched_output_of_the_last_successful_build(site):
    result = deploy(site, "--no-build", "--messages", "en")
    assert result.code == 1 and "is not the untouched output of a successful build" in result.err
    assert run_cli("build", "--source", str(site), "--now", NOW).code == 0
    result = deploy(site, "--no-build", "--messages", "en")
    assert result.code == 0 and "(the last successful build, made " in result.out
    (site / "public/vi/index.html").write_text("sửa tay", encoding="utf-8")
    result = deploy(site, "--no-build", "--messages", "en")
    assert result.code == 1 and "vi/index.html in" in result.err and "is not what the build wrote (changed)" in result.err
    (site / "public/vi/index.html").unlink()
    (site / "public/extra.html").write_text("x", encoding="utf-8")
    result = deploy(site, "--no-build", "--messages", "en")
    assert result.code == 1 and "extra.html" in result.err and "(added by hand)" in result.err


def test_a_folder_holding_the_source_is_refused(site, tmp_path):
    toml = (site / "site.toml").read_text(encoding="utf-8").replace(f"file://{tmp_path / 'www'}", f"file://{tmp_path}")
    (site / "site.toml").write_text(toml, encoding="utf-8")
    result = deploy(site, "--messages", "en")
    assert result.code == 1 and "holds the site's source or its build output; choose another folder" in result.err


def test_a_bad_target_in_site_toml_is_named_with_its_line(site):
    with (site / "site.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[deploy.broken]\nurl = "ftp://user:s3cret@host/www"\nmax_delete = 3\n')
    result = deploy(site, "broken", "--messages", "en")
    assert result.code == 1 and "s3cret" not in result.out + result.err
    lines = (site / "site.toml").read_text(encoding="utf-8").splitlines()
    url_line = lines.index('url = "ftp://user:s3cret@host/www"') + 1
    assert f"site.toml:{url_line}: deploy.broken.url: holds a password" in result.err
    assert f"site.toml:{url_line + 1}: deploy.broken.max_delete: unknown key" in result.err
