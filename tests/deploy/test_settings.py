"""[deploy.NAME] in site.toml: every target kind, secrets refused, each problem with its line and a way out."""

from __future__ import annotations

from pathlib import Path

from sitegen.diagnostics import Diagnostics
from sitegen.publish.deploy.headers import IMMUTABLE, REVALIDATE, cache_control, content_type
from sitegen.publish.deploy.messages import MESSAGES
from sitegen.publish.deploy.settings import read_targets

HEAD = 'base_url = "https://example.org/"\n'


def targets(tmp_path: Path, text: str, lang: str = "en"):
    (tmp_path / "site.toml").write_text(HEAD + text, encoding="utf-8")
    diags = Diagnostics()
    return read_targets(tmp_path, diags, lang), [d.format() for d in diags.errors]


def test_every_kind_of_target_is_read_in_the_order_written(tmp_path):
    found, errors = targets(tmp_path, '''
[deploy.production]
url = "s3://bucket/kontum?endpoint=https://s3.example.org&region=ap-southeast-1"
max_deletes = 10
[deploy.server]
url = "ssh://deploy@host.example.org:2222/srv/www/kontum"
[deploy.hosting]
url = "ftps://user@ftp.example.org/www"
[deploy.share]
url = "file:///srv/www/kontum"
''')
    assert errors == []
    assert [t.name for t in found] == ["production", "server", "hosting", "share"]
    s3, ssh, ftp, share = found
    assert (s3.scheme, s3.host, s3.path, s3.query, s3.max_deletes) == (
        "s3", "bucket", "kontum", {"endpoint": "https://s3.example.org", "region": "ap-southeast-1"}, 10)
    assert (ssh.user, ssh.host, ssh.port, ssh.path) == ("deploy", "host.example.org", 2222, "/srv/www/kontum")
    assert ssh.max_deletes == 256
    assert (ftp.scheme, ftp.user, ftp.path) == ("ftps", "user", "www")
    assert (share.scheme, share.path) == ("file", "/srv/www/kontum")
    assert ssh.label == "server (ssh://deploy@host.example.org:2222/srv/www/kontum)"


def test_a_password_in_site_toml_is_refused_with_its_line_and_never_repeated(tmp_path):
    found, errors = targets(tmp_path, '\n[deploy.hosting]\nurl = "ftp://user:hunter2@ftp.example.org/www"\n')
    assert found == []
    assert errors[0].startswith("site.toml:4: deploy.hosting.url: holds a password")
    assert "netrc" in errors[0] and "hunter2" not in "".join(errors)


def test_each_problem_is_named_with_its_line_and_a_hint(tmp_path):
    _, errors = targets(tmp_path, '''
[deploy.a]
ur = "file:///srv/www"
[deploy.b]
url = "http://example.org/"
[deploy.c]
url = "s3:///prefix"
[deploy.d]
url = "file:///srv/www"
max_deletes = -1
[deploy.e]
url = "s3://bucket/p?endpont=https://x"
[deploy.f]
url = "ssh://host.example.org"
''')
    text = "\n".join(errors)
    assert "site.toml:4: deploy.a.ur: unknown key\n    hint: did you mean 'url'?" in text
    assert "site.toml:6: deploy.b.url: 'http' is not a deploy target kind" in text
    assert "site.toml:8: deploy.c.url: names no bucket" in text
    assert "site.toml:11: deploy.d.max_deletes: must be a whole number, 0 or more" in text
    assert "site.toml:13: deploy.e.url: 'endpont' is not an option of this URL (allowed: endpoint, region)" in text
    assert "site.toml:15: deploy.f.url: needs the folder of the site" in text


def test_messages_are_vietnamese_by_default(tmp_path):
    _, errors = targets(tmp_path, '\n[deploy.a]\nurl = "ftp://u:p@h/www"\n', lang="vi")
    assert "có chứa mật khẩu" in errors[0]


def test_every_message_exists_in_both_languages_with_the_same_placeholders():
    import string

    for key, texts in MESSAGES.items():
        assert set(texts) == {"vi", "en"}, key
        fields = [{f for _, f, _, _ in string.Formatter().parse(texts[lang]) if f} for lang in ("vi", "en")]
        assert fields[0] == fields[1], key


def test_types_and_caching_follow_the_nginx_policy():
    assert content_type("vi/index.html") == "text/html; charset=utf-8"
    assert content_type("vi/su-kien/lich/all.ics") == "text/calendar; charset=utf-8"
    assert content_type("vi/rss.xml") == "application/rss+xml; charset=utf-8"
    assert content_type("sitemap.xml") == "application/xml; charset=utf-8"
    assert content_type("js/search.92c82356d7.js") == "text/javascript; charset=utf-8"
    assert content_type("documents/a.PDF") == "application/pdf"
    assert content_type("LICENSE") == "application/octet-stream"
    assert cache_control("css/site.f3a40eb66c.css") == IMMUTABLE
    assert cache_control("vi/tim-kiem/index/w-ko.d72dfc54ec.json") == IMMUTABLE
    assert cache_control("vi/tim-kiem/index.json") == REVALIDATE
    assert cache_control("vi/index.html") == cache_control("vi/rss.xml") == REVALIDATE
