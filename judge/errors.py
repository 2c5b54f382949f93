"""The judge's failures, one small type per kind; each edge turns them into its own form."""


class JudgeError(Exception):
    """Base of everything the judge raises on purpose."""


class LanguageError(JudgeError):
    """A language entry is malformed, unknown, or cannot be detected for a file."""


class BuildError(JudgeError):
    """A judge-side program (an output validator) does not compile; the message says why."""


class SandboxError(JudgeError):
    """Docker or a container failed: the submission gets JE with this reason, never a guess."""

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message)
        self.exit_code = exit_code  # the runner's exit status, when it ended abnormally
