"""The pupil's survey in the browser: server-rendered pages that work without JavaScript."""

from backend.pupil.controllers import PupilController, pupil_router
from backend.pupil.session import COOKIE_KEY, PupilState
from backend.pupil.support import support_for

__all__ = ["COOKIE_KEY", "PupilController", "PupilState", "pupil_router", "support_for"]
