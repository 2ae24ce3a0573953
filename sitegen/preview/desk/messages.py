"""The desk's pages show their texts in both languages (an editor reads them whatever their setting).

The texts themselves are in the message catalogue (sitegen/messages/catalogue.toml, `desk-*`);
the desk's terminal lines are shown in the editors' language by the server's log.
"""

from __future__ import annotations

from sitegen.messages import Msg


def both(message: Msg) -> str:
    """Vietnamese / English, for pages an editor reads whatever their setting."""
    return f"{message.render('vi')} / {message.render('en')}"
