"""Every text the deploy command shows, in Vietnamese and English, in one place (ready for the catalogue)."""

from __future__ import annotations

LANGUAGES = ("vi", "en")

MESSAGES: dict[str, dict[str, str]] = {
    # site.toml: the [deploy.NAME] tables
    "no-targets": {
        "en": "site.toml has no deploy target",
        "vi": "site.toml chưa có nơi triển khai (deploy) nào",
    },
    "no-targets-hint": {
        "en": 'add one, e.g.  [deploy.production]  url = "ssh://user@host:22/srv/www/kontum"  (see the README: Deploying)',
        "vi": 'hãy thêm, ví dụ  [deploy.production]  url = "ssh://user@host:22/srv/www/kontum"  (xem README: Deploying)',
    },
    "unknown-target": {
        "en": "no deploy target '{name}' in site.toml; the targets are: {names}",
        "vi": "site.toml không có nơi triển khai '{name}'; các nơi đã khai báo: {names}",
    },
    "must-be-table": {"en": "must be a table: [deploy.{name}] with url = \"...\"",
                      "vi": "phải là một bảng: [deploy.{name}] với url = \"...\""},
    "unknown-key": {"en": "unknown key", "vi": "khóa không hợp lệ"},
    "did-you-mean": {"en": "did you mean '{near}'?", "vi": "có phải ý bạn là '{near}'?"},
    "allowed": {"en": "allowed: {keys}", "vi": "các khóa được dùng: {keys}"},
    "url-required": {"en": "is required", "vi": "là bắt buộc"},
    "url-hint": {
        "en": 'url = "s3://bucket/prefix?endpoint=https://...", "ssh://user@host:22/srv/www/kontum", '
              '"ftp://user@host/www", "ftps://...", or "file:///srv/www/kontum"',
        "vi": 'url = "s3://bucket/prefix?endpoint=https://...", "ssh://user@host:22/srv/www/kontum", '
              '"ftp://user@host/www", "ftps://..." hoặc "file:///srv/www/kontum"',
    },
    "url-scheme": {"en": "'{scheme}' is not a deploy target kind (s3, ssh, ftp, ftps, file)",
                   "vi": "'{scheme}' không phải loại nơi triển khai được hỗ trợ (s3, ssh, ftp, ftps, file)"},
    "url-password": {"en": "holds a password: site.toml must never hold secrets",
                     "vi": "có chứa mật khẩu: site.toml không bao giờ được chứa thông tin bí mật"},
    "url-password-hint": {
        "en": "remove it from the URL; put it in ~/.netrc (machine HOST login USER password ...) or in FTP_PASSWORD",
        "vi": "hãy xóa nó khỏi URL; ghi vào ~/.netrc (machine HOST login USER password ...) hoặc biến môi trường FTP_PASSWORD",
    },
    "url-host": {"en": "names no server", "vi": "không ghi tên máy chủ"},
    "url-bucket": {"en": "names no bucket: s3://BUCKET/prefix", "vi": "không ghi tên bucket: s3://BUCKET/prefix"},
    "url-path": {"en": "needs the folder of the site: {example}", "vi": "cần ghi thư mục của trang: {example}"},
    "url-port": {"en": "has a port that is not a number from 1 to 65535", "vi": "có cổng không phải số từ 1 đến 65535"},
    "url-query": {"en": "'{key}' is not an option of this URL (allowed: {keys})",
                  "vi": "'{key}' không phải tùy chọn của URL này (được dùng: {keys})"},
    "url-endpoint": {"en": "endpoint '{value}' is not an http(s) URL", "vi": "endpoint '{value}' không phải URL http(s)"},
    "url-file-host": {"en": "a file:/// URL names a folder on this computer, not a server",
                      "vi": "URL file:/// là một thư mục trên máy này, không ghi máy chủ"},
    "max-deletes": {"en": "must be a whole number, 0 or more", "vi": "phải là số nguyên, từ 0 trở lên"},
    "toml-error": {"en": "TOML syntax error: {detail}", "vi": "lỗi cú pháp TOML: {detail}"},
    # building first
    "build-failed": {"en": "build.py: error: the build failed; nothing was deployed to {target}",
                     "vi": "build.py: lỗi: dựng trang thất bại; chưa triển khai gì lên {target}"},
    "deploying-new": {"en": "Deploying {output} (the build just made) to {target}",
                      "vi": "Đang triển khai {output} (bản vừa dựng) lên {target}"},
    "deploying-last": {"en": "Deploying {output} (the last successful build, made {when}) to {target}",
                       "vi": "Đang triển khai {output} (bản dựng thành công gần nhất, lúc {when}) lên {target}"},
    "no-last-build": {
        "en": "build.py: error: {output} is not the untouched output of a successful build of {source}; "
              "run the deploy without --no-build",
        "vi": "build.py: lỗi: {output} không phải kết quả nguyên vẹn của một lần dựng thành công từ {source}; "
              "hãy chạy deploy không có --no-build",
    },
    "output-changed": {
        "en": "build.py: error: {path} in {output} is not what the build wrote ({what}); nothing was deployed; build again",
        "vi": "build.py: lỗi: {path} trong {output} không còn như lúc dựng ({what}); chưa triển khai gì; hãy dựng lại",
    },
    "changed-missing": {"en": "missing", "vi": "bị mất"},
    "changed-extra": {"en": "added by hand", "vi": "được thêm bằng tay"},
    "changed-content": {"en": "changed", "vi": "bị sửa"},
    # the target: one line each, naming the target and what to check
    "unreachable": {
        "en": "{target}: cannot reach {host}: check the address and port, the network, and that the server is running",
        "vi": "{target}: không kết nối được {host}: hãy kiểm tra địa chỉ và cổng, mạng, và máy chủ có đang chạy không",
    },
    "ftp-login-refused": {
        "en": "{target}: the server refused the login of '{user}': check the password in ~/.netrc or FTP_PASSWORD",
        "vi": "{target}: máy chủ từ chối đăng nhập của '{user}': hãy kiểm tra mật khẩu trong ~/.netrc hoặc FTP_PASSWORD",
    },
    "ssh-login-refused": {
        "en": "{target}: the server refused the SSH login of '{user}': check your key in ~/.ssh "
              "(`ssh {user}@{host}` must work without a password)",
        "vi": "{target}: máy chủ từ chối đăng nhập SSH của '{user}': hãy kiểm tra khóa trong ~/.ssh "
              "(`ssh {user}@{host}` phải vào được mà không hỏi mật khẩu)",
    },
    "ssh-host-key": {
        "en": "{target}: the host key of {host} is unknown or has changed: connect once with `ssh {user}@{host}` and check it",
        "vi": "{target}: khóa máy chủ của {host} chưa biết hoặc đã đổi: hãy kết nối một lần bằng `ssh {user}@{host}` và kiểm tra",
    },
    "s3-login-refused": {
        "en": "{target}: the S3 server refused access: check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) "
              "and that the key may write to bucket '{bucket}'",
        "vi": "{target}: máy chủ S3 từ chối truy cập: hãy kiểm tra AWS_ACCESS_KEY_ID và AWS_SECRET_ACCESS_KEY (hoặc AWS_PROFILE) "
              "và khóa có quyền ghi vào bucket '{bucket}'",
    },
    "s3-no-credentials": {
        "en": "{target}: no S3 credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, "
              "or AWS_PROFILE (~/.aws/credentials)",
        "vi": "{target}: không tìm thấy thông tin đăng nhập S3: hãy đặt AWS_ACCESS_KEY_ID và AWS_SECRET_ACCESS_KEY, "
              "hoặc AWS_PROFILE (~/.aws/credentials)",
    },
    "missing-bucket": {
        "en": "{target}: bucket '{bucket}' does not exist: create it, or correct the bucket in site.toml",
        "vi": "{target}: bucket '{bucket}' không tồn tại: hãy tạo nó, hoặc sửa tên bucket trong site.toml",
    },
    "missing-folder": {
        "en": "{target}: folder '{path}' does not exist: create it (the site's root), or correct the path in site.toml",
        "vi": "{target}: thư mục '{path}' không tồn tại: hãy tạo nó (thư mục gốc của trang), hoặc sửa đường dẫn trong site.toml",
    },
    "write-refused": {
        "en": "{target}: cannot write '{path}': check that the account may write to the site's folder",
        "vi": "{target}: không ghi được '{path}': hãy kiểm tra tài khoản có quyền ghi vào thư mục của trang",
    },
    "folder-guarded": {
        "en": "{target}: folder '{path}' holds the site's source or its build output; choose another folder",
        "vi": "{target}: thư mục '{path}' chứa mã nguồn hoặc kết quả dựng của trang; hãy chọn thư mục khác",
    },
    "missing-tool": {
        "en": "{target}: '{tool}' is not installed on this computer: install it (apt-get install {package})",
        "vi": "{target}: máy này chưa cài '{tool}': hãy cài (apt-get install {package})",
    },
    "remote-no-rsync": {
        "en": "{target}: rsync is not installed on {host}: ask the host to install it",
        "vi": "{target}: máy chủ {host} chưa cài rsync: hãy đề nghị bên quản trị cài đặt",
    },
    "no-boto3": {
        "en": "{target}: the S3 target needs the boto3 library: pip install -r requirements.txt",
        "vi": "{target}: nơi triển khai S3 cần thư viện boto3: pip install -r requirements.txt",
    },
    "netrc-error": {
        "en": "{target}: ~/.netrc cannot be read ({detail}): correct it",
        "vi": "{target}: không đọc được ~/.netrc ({detail}): hãy sửa lại",
    },
    "tls-refused": {
        "en": "{target}: {host} does not offer FTPS (AUTH TLS was refused): ask the host to enable TLS, or use ftp://",
        "vi": "{target}: {host} không hỗ trợ FTPS (từ chối AUTH TLS): hãy đề nghị bên quản trị bật TLS, hoặc dùng ftp://",
    },
    "tls-certificate": {
        "en": "{target}: the TLS certificate of {host} cannot be trusted ({detail}): ask the host for a valid certificate, "
              "or install its CA certificate on this computer (SSL_CERT_FILE)",
        "vi": "{target}: không tin cậy được chứng chỉ TLS của {host} ({detail}): hãy đề nghị bên quản trị dùng chứng chỉ hợp lệ, "
              "hoặc cài chứng chỉ CA của họ trên máy này (SSL_CERT_FILE)",
    },
    "connection-lost": {
        "en": "{target}: the connection to {host} was lost: check the network, then run the deploy again",
        "vi": "{target}: mất kết nối tới {host}: hãy kiểm tra mạng rồi chạy lại lệnh triển khai",
    },
    "interrupted": {"en": "{target}: interrupted", "vi": "{target}: đã bị ngắt"},
    "failed-other": {"en": "{target}: {detail}", "vi": "{target}: {detail}"},
    "too-many-deletes": {
        "en": "{target}: refusing to delete {count} files, more than max_deletes = {limit}; nothing was changed. "
              "If that is right, raise max_deletes in [deploy.{name}] or run with --max-deletes {count}",
        "vi": "{target}: từ chối xóa {count} tệp, nhiều hơn max_deletes = {limit}; chưa thay đổi gì. "
              "Nếu đúng là vậy, hãy tăng max_deletes trong [deploy.{name}] hoặc chạy với --max-deletes {count}",
    },
    # what happened
    "would-upload": {"en": "would upload  {path}", "vi": "sẽ tải lên  {path}"},
    "would-delete": {"en": "would delete  {path}", "vi": "sẽ xóa  {path}"},
    "dry-run-summary": {
        "en": "Dry run of {target}: {upload} to upload, {delete} to delete, {same} unchanged; nothing was changed.",
        "vi": "Chạy thử {target}: {upload} tệp sẽ tải lên, {delete} tệp sẽ xóa, {same} tệp không đổi; chưa thay đổi gì.",
    },
    "summary": {
        "en": "Deployed to {target}: {upload} uploaded, {delete} deleted, {same} unchanged.",
        "vi": "Đã triển khai lên {target}: {upload} tệp tải lên, {delete} tệp đã xóa, {same} tệp không đổi.",
    },
    "partial": {
        "en": "build.py: error: stopped after uploading {up_done} of {up_total} files and deleting {del_done} of {del_total}; "
              "readers still get a working site (old pages keep their files). Run the same command again to finish.",
        "vi": "build.py: lỗi: đã dừng sau khi tải lên {up_done}/{up_total} tệp và xóa {del_done}/{del_total} tệp; "
              "người đọc vẫn xem được trang (trang cũ vẫn còn đủ tệp). Hãy chạy lại đúng lệnh này để hoàn tất.",
    },
    "s3-headers-note": {
        "en": "note: S3 sets each file's type and caching, not the Content-Security-Policy and security headers: "
              "add them at the CDN in front of the bucket (README: Deploying)",
        "vi": "lưu ý: S3 đặt kiểu và chế độ lưu đệm của từng tệp, nhưng không đặt Content-Security-Policy và các header "
              "bảo mật: hãy thêm chúng ở CDN phía trước bucket (README: Deploying)",
    },
    "progress": {"en": "{done}/{total} {what} {path}", "vi": "{done}/{total} {what} {path}"},
    "uploading": {"en": "uploading", "vi": "đang tải lên"},
    "deleting": {"en": "deleting", "vi": "đang xóa"},
}


def say(message: str, lang: str = "vi", /, **values: object) -> str:
    """The message named `message` in `lang` (Vietnamese unless English is asked for), with its values filled in."""
    texts = MESSAGES[message]
    return texts.get(lang if lang in LANGUAGES else "vi", texts["en"]).format(**values)
