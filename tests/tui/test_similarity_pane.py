"""The console's similarity pane and the server agree on the threshold it starts from."""

from __future__ import annotations

from appliance.similarity.fingerprints import DEFAULT_MIN
from tui.panes.similarity import MIN_SIMILARITY


def test_the_similarity_pane_states_the_servers_default_threshold() -> None:
    assert MIN_SIMILARITY == DEFAULT_MIN
