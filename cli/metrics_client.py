"""The HTTP client `podium status` reads a running server's /metrics with."""

from __future__ import annotations

import base64
import urllib.error
import urllib.request


class MetricsUnavailable(Exception):
    """The server's /metrics could not be read; the message says what is wrong, in one line."""


def fetch_metrics(server: str, user: str | None, password: str | None) -> str:
    """The text of the server's /metrics, with Basic credentials when a user is given."""
    request = urllib.request.Request(server.rstrip("/") + "/metrics")
    if user is not None:
        token = base64.b64encode(f"{user}:{password}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.read().decode()
    except urllib.error.HTTPError as exc:
        if exc.code == 401 and user is not None:
            message = f"wrong user name or password for {user!r}"
        elif exc.code == 401:
            message = "from another machine the server wants a jury account: --user, --password"
        elif exc.code == 403:
            message = f"{user!r} is not a jury account (judge or admin)"
        else:
            message = f"the server answered {exc.code} {exc.reason}"
        raise MetricsUnavailable(f"{server}: {message}") from exc
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise MetricsUnavailable(f"no Podium server answers at {server} ({reason}): is "
                                 "`podium serve` running? (--data DIR reads the store "
                                 "instead)") from exc
