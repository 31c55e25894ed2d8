"""Quality reviewer for children's social care writing (assessments, CP and CIN plans).

    from reviewer import Reviewer
    report = Reviewer.load().review(text)
"""
__version__ = "0.1.0"

from .errors import ConfigError, InputError, ReviewerError  # noqa: E402
from .report import Finding, Report  # noqa: E402
from .reviewer import Reviewer  # noqa: E402

__all__ = ["Reviewer", "Report", "Finding", "InputError", "ConfigError", "ReviewerError", "__version__"]
