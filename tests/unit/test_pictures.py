"""<img> of photos -> <picture>: srcset, sizes, width/height, lazy loading after the first; other images untouched."""

from __future__ import annotations

from sitegen.write.images import Photo, Variant
from sitegen.write.pictures import rewrite

PHOTO = Photo("images/a b.jpg", "static/images/a b.jpg", "k", 3000, 2000, False,
              (Variant("images/a b.480.webp", 480, 320, "image/webp"), Variant("images/a b.960.webp", 960, 640, "image/webp")),
              Variant("images/a b.960.jpg", 960, 640, "image/jpeg"))


def _photos(path: str) -> Photo | None:
    return PHOTO if path == "images/a b.jpg" else None


def test_photos_become_pictures_and_only_the_first_loads_eagerly():
    body = ('<p><img alt="Lễ &amp; hội" src="/kontum/images/a%20b.jpg"></p>'
            '<p><img alt="Hai" src="/kontum/images/a%20b.jpg" title="t" width="10"></p>')
    html, first = rewrite(body, "/kontum/", _photos)
    assert first is PHOTO
    pictures = html.split("<picture>")[1:]
    assert len(pictures) == 2
    assert 'srcset="/kontum/images/a%20b.480.webp 480w, /kontum/images/a%20b.960.webp 960w"' in pictures[0]
    assert 'sizes="(min-width: 49rem) 46rem, calc(100vw - 2rem)"' in pictures[0]
    assert '<img src="/kontum/images/a%20b.960.jpg" alt="Lễ &amp; hội" width="960" height="640" decoding="async">' \
        in pictures[0]
    assert 'loading="lazy"' not in pictures[0]
    assert 'title="t" width="960" height="640" loading="lazy"' in pictures[1] and 'width="10"' not in pictures[1]


def test_other_images_are_left_as_written():
    body = ('<img alt="a" src="https://example.org/x.jpg"><img alt="b" src="/kontum/documents/x.jpg">'
            '<img alt="c" src="/kontum/images/other.jpg">'
            '<picture><img alt="d" src="/kontum/images/a%20b.jpg"></picture>'
            '<img alt="e" src="/kontum/images/a%20b.jpg" srcset="/kontum/images/a%20b.jpg 1x">')
    assert rewrite(body, "/kontum/", _photos) == (body, None)
