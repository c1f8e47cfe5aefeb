"""Why a file could not be ingested. Messages are shown to users as they are (Spanish)."""


class ReportError(ValueError):
    """The file is not a readable compliance report; nothing is written for it."""
