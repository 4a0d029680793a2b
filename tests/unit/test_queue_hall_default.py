"""The queue commands act in the hall this PC was set up for when they use its database."""

from __future__ import annotations

import argparse

import pytest

from counter.commands import queue
from counter.config import StationConfig


@pytest.fixture
def set_up_for_village(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COUNTER_DATABASE_URL", raising=False)
    monkeypatch.setattr(
        StationConfig, "load", classmethod(lambda cls, path=None: cls(hall="QS-SQ"))
    )


def test_the_pcs_own_hall_is_the_default(set_up_for_village: None) -> None:
    assert queue._hall_code(argparse.Namespace(hall=None, db=None)) == "QS-SQ"


def test_an_explicit_hall_or_another_database_does_not_take_it(
    set_up_for_village: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert queue._hall_code(argparse.Namespace(hall="QS", db=None)) == "QS"
    assert queue._hall_code(argparse.Namespace(hall=None, db="sqlite:///x.db")) is None
    monkeypatch.setenv("COUNTER_DATABASE_URL", "sqlite:///y.db")
    assert queue._hall_code(argparse.Namespace(hall=None, db=None)) is None
