"""Every message of the desk, in Vietnamese and English, in one place (to move into the catalogue as is)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "refused": {
        "vi": "bàn biên tập từ chối yêu cầu {what} từ {peer}: {why}",
        "en": "desk refused {what} from {peer}: {why}",
    },
    "host": {"vi": "tên máy (Host) lạ '{host}'", "en": "unknown Host '{host}'"},
    "origin": {"vi": "nguồn (Origin) lạ '{origin}'", "en": "foreign Origin '{origin}'"},
    "method": {"vi": "chỉ nhận POST", "en": "only POST is accepted"},
    "too_big": {"vi": "yêu cầu quá lớn ({size} byte, tối đa {limit})", "en": "request too large ({size} bytes, at most {limit})"},
    "not_json": {"vi": "nội dung không phải JSON", "en": "the body is not JSON"},
    "action": {"vi": "thao tác không biết '{action}'", "en": "unknown action '{action}'"},
    "params": {"vi": "tham số sai: {detail}", "en": "bad parameters: {detail}"},
    "path": {"vi": "đường dẫn '{path}' bị từ chối: {why}", "en": "path '{path}' refused: {why}"},
    "token": {"vi": "thiếu mã truy cập của bàn biên tập", "en": "the desk's token is missing or wrong"},
    "off": {"vi": "bàn biên tập đang tắt", "en": "the desk is off"},
    "wrote": {"vi": "bàn biên tập đã ghi {paths}", "en": "desk wrote {paths}"},
    "kept_untranslated": {
        "vi": "bản dịch {path} còn trống nên không ghi (trang vẫn là \"chưa dịch\")",
        "en": "{path} was left empty and not written (the page stays \"not yet translated\")",
    },
    "deleted": {"vi": "bàn biên tập đã xoá {paths}", "en": "desk deleted {paths}"},
    "desk_at": {"vi": "Bàn biên tập tại {url}", "en": "Desk at {url}"},
    "desk_off_network": {
        "vi": "Bàn biên tập tắt vì --host {host} mở bản xem trước ra mạng; bật bằng --desk-token MÃ",
        "en": "The desk is off because --host {host} opens the preview to the network; turn it on with --desk-token TOKEN",
    },
    "script_missing_title": {"vi": "Thiếu chương trình của bàn biên tập", "en": "The desk's program is missing"},
    "script_missing": {
        "vi": "Chưa có bản sao Decap CMS {version} trong {folder}. {reason} Trang xem trước vẫn chạy bình thường.",
        "en": "There is no copy of Decap CMS {version} in {folder}. {reason} The preview itself works as usual.",
    },
    "script_fetching": {
        "vi": "Đang tải Decap CMS {version} (một lần, khoảng 6 MB); trang này tự tải lại khi xong.",
        "en": "Downloading Decap CMS {version} (once, about 6 MB); this page reloads when it is done.",
    },
    "script_failed": {"vi": "Tải không được: {error}.", "en": "The download failed: {error}."},
    "script_how": {
        "vi": "Khi có mạng, mở lại trang này để tải; hoặc chép thư mục đó từ một máy khác.",
        "en": "Open this page again when online to download it, or copy that folder from another computer.",
    },
    "desk_off_title": {"vi": "Bàn biên tập đang tắt", "en": "The desk is off"},
    "desk_off_body": {
        "vi": "Bản xem trước đang mở ra mạng (--host). Khởi động lại với --desk-token MÃ rồi mở /admin/?token=MÃ.",
        "en": "The preview is open to the network (--host). Restart it with --desk-token TOKEN, then open /admin/?token=TOKEN.",
    },
}


def text(key: str, lang: str = "vi", **values: object) -> str:
    """A message in one language (Vietnamese unless asked), with its values filled in."""
    entry = MESSAGES[key]
    return entry.get(lang, entry["en"]).format(**values)


def both(key: str, **values: object) -> str:
    """Vietnamese / English, for pages an editor reads whatever their setting."""
    return f"{text(key, 'vi', **values)} / {text(key, 'en', **values)}"
