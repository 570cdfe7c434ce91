"""Helpers for the staff API tests: a client that sends a Bearer token."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client


class BearerClient(Client):
    def __init__(self, token: str, **kwargs: Any) -> None:
        super().__init__(HTTP_AUTHORIZATION=f"Bearer {token}", **kwargs)


@pytest.fixture
def api_as(
    make_user: Callable[..., User], token_for: Callable[[User], str]
) -> Callable[..., tuple[BearerClient, User]]:
    """A Bearer-token client for a new user in the given role."""

    def make(role: str | None, username: str | None = None) -> tuple[BearerClient, User]:
        user = make_user(role, username=username or f"api-{role}")
        return BearerClient(token_for(user)), user

    return make
