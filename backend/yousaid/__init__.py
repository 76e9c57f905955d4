""""You said, we did": the public page per edition, with headline findings as pictures and
sentences and the actions the partnership recorded against them."""

from backend.yousaid.views import YouSaidWeDidController

__all__ = ["YouSaidWeDidController"]
