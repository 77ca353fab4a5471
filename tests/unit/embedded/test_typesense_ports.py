import socket
from pathlib import Path

from revenge_app.embedded.typesense import ports_for


def test_a_data_dir_keeps_its_ports_across_starts(tmp_path: Path) -> None:
    api, peering = ports_for(tmp_path)
    assert api != peering
    assert ports_for(tmp_path) == (api, peering)


def test_new_ports_are_chosen_when_a_saved_one_is_taken(tmp_path: Path) -> None:
    api, peering = ports_for(tmp_path)
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", api))
        squatter.listen()
        moved = ports_for(tmp_path)
    assert moved != (api, peering)
    assert ports_for(tmp_path) == moved  # the new pair is kept
