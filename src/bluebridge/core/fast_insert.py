"""Insert a parent row and rows that belong with it in ONE SQL statement on PostgreSQL.

A service request is written with its first timeline entry and its audit event; with the ORM
that is BEGIN, three INSERTs and COMMIT: five round trips to the database. On PostgreSQL one
statement with data-modifying common table expressions does the same atomically (a single
statement is its own transaction in autocommit mode, or part of the caller's transaction):

    WITH _p AS (INSERT INTO a (...) VALUES ($1, ...) RETURNING id),
         _c0 AS (INSERT INTO b (..., a_id) SELECT $9, ..., _p.id FROM _p),
         _c1 AS (INSERT INTO c (...) VALUES ($15, ...))
    SELECT id FROM _p

Values go through each field's own `pre_save` and `get_db_prep_save`, exactly as `Model.save()`
would prepare them; the SQL text is built once per combination of models and cached. Model
signals (pre_save/post_save) are NOT sent, so `available()` refuses models that have receivers;
callers fall back to `save()` then. On other databases `available()` is False. Django's
execute_wrappers are bypassed (the statement is still logged when queries are logged).

The statement is prepared on each connection (BLUEBRIDGE_PREPARED_STATEMENTS, default on; the
setting also gives psycopg the prepare_threshold without which it ignores prepare=True, see
settings.py); turn that off behind a connection pooler in transaction mode that cannot carry
prepared statements (PgBouncer before 1.21).
"""

from __future__ import annotations

import time
from functools import cache
from typing import Any

import psycopg
from django.conf import settings
from django.db import connection, models
from django.db.models import Field, Model
from django.db.models.signals import post_save, pre_save


def available(*models: type[Model]) -> bool:
    if connection.vendor != "postgresql":
        return False
    return not any(
        pre_save.has_listeners(model) or post_save.has_listeners(model) for model in models
    )


def _columns(model: type[Model], skip: str | None) -> tuple[Any, ...]:
    return tuple(
        f
        for f in model._meta.concrete_fields
        if not (f.primary_key and getattr(f, "db_returning", False)) and f.attname != skip
    )


# The SQL text below is assembled only from model metadata (table and column names, quoted by
# the backend) and "%s" placeholders; every value is a parameter (S608 is off for this file).
@cache
def _statement(parent: type[Model], children: tuple[tuple[type[Model], str | None], ...]) -> str:
    qn = connection.ops.quote_name

    def cols(fields: tuple[Any, ...], extra: str | None = None) -> str:
        names = [qn(f.column) for f in fields]
        if extra:
            names.append(qn(extra))
        return ", ".join(names)

    counter = iter(range(1, 10_000))

    def holes(n: int) -> str:
        return ", ".join(f"${next(counter)}" for _ in range(n))

    parent_fields = _columns(parent, None)
    assert parent._meta.pk is not None and parent._meta.pk.column is not None
    pk = qn(parent._meta.pk.column)
    parts = [
        f"_p AS (INSERT INTO {qn(parent._meta.db_table)} ({cols(parent_fields)}) "
        f"VALUES ({holes(len(parent_fields))}) RETURNING {pk})"
    ]
    for i, (model, fk) in enumerate(children):
        fields = _columns(model, fk)
        table = qn(model._meta.db_table)
        if fk is None:
            parts.append(
                f"_c{i} AS (INSERT INTO {table} ({cols(fields)}) VALUES ({holes(len(fields))}))"
            )
        else:
            fk_column = next(f.column for f in model._meta.concrete_fields if f.attname == fk)
            parts.append(
                f"_c{i} AS (INSERT INTO {table} ({cols(fields, fk_column)}) "
                f"SELECT {holes(len(fields))}, _p.{pk} FROM _p)"
            )
    return "WITH " + ", ".join(parts) + f" SELECT {pk} FROM _p"


# A value that is already of the column's own Python type (or None) needs no preparation: the
# field's get_db_prep_save would hand it back unchanged. Per field class, the types that qualify
# (exact types: a bool is not passed as an integer, an enum member goes the full way); any other
# value, and any field with its own pre_save (auto_now, files), takes the field's full path.
_PLAIN_TYPES: tuple[tuple[type[Field[Any, Any]], frozenset[type]], ...] = (
    (models.CharField, frozenset({str})),
    (models.TextField, frozenset({str})),
    (models.BooleanField, frozenset({bool})),
    (models.IntegerField, frozenset({int})),
    (models.AutoField, frozenset({int})),
    (models.FloatField, frozenset({float})),
)
_NOTHING: frozenset[type] = frozenset()


@cache
def _plan(model: type[Model], skip: str | None) -> tuple[tuple[Any, str, frozenset[type]], ...]:
    """Per column: the field, its attname, and the value types that may skip preparation."""
    return tuple((f, f.attname, _plain_types(f)) for f in _columns(model, skip))


def _plain_types(f: Any) -> frozenset[type]:
    if type(f).pre_save is not Field.pre_save:
        return _NOTHING
    if isinstance(f, models.ForeignKey):  # the key's value is the target's
        return (
            _plain_types(f.target_field) | {type(None)} if f.null else _plain_types(f.target_field)
        )
    if type(f).get_db_prep_save is not Field.get_db_prep_save:
        return _NOTHING
    for kind, types in _PLAIN_TYPES:
        if isinstance(f, kind):
            return types | {type(None)} if f.null else types
    return _NOTHING


def _values(obj: Model, skip: str | None) -> list[Any]:
    """Each column's value as Model.save() would send it (field.pre_save, get_db_prep_save)."""
    values = []
    for f, attname, plain in _plan(type(obj), skip):
        value = getattr(obj, attname)
        if type(value) in plain:
            values.append(value)
        else:
            values.append(f.get_db_prep_save(f.pre_save(obj, True), connection=connection))
    return values


def insert_together(parent: Model, *children: tuple[Model, str | None]) -> None:
    """INSERT `parent` and each child in one statement; sets the primary keys and the children's
    foreign key (named by its attname, e.g. "request_id", or None for an unrelated row).

    The children's own primary keys are not read back (callers here do not need them). Raises
    django.db.IntegrityError like save() would.
    """
    sql = _statement(type(parent), tuple((type(obj), fk) for obj, fk in children))
    params = _values(parent, None)
    for obj, fk in children:
        params.extend(_values(obj, fk))
    connection.ensure_connection()
    started = time.monotonic()
    # A psycopg RawCursor takes $n placeholders as they are: psycopg does not re-parse this long
    # statement on every call (it caches only statements with at most 50 parameters), and the
    # statement is prepared once per connection, so PostgreSQL does not re-plan it either.
    with connection.wrap_database_errors, psycopg.RawCursor(connection.connection) as cursor:
        cursor.execute(sql, params, prepare=settings.BLUEBRIDGE_PREPARED_STATEMENTS)
        row = cursor.fetchone()
    if connection.queries_logged:
        connection.queries_log.append({"sql": sql, "time": f"{time.monotonic() - started:.3f}"})
    assert row is not None
    pk = row[0]
    parent.pk = pk
    parent._state.adding = False
    parent._state.db = connection.alias
    for obj, fk in children:
        if fk is not None:
            setattr(obj, fk, pk)
