"""Least-privilege PostgreSQL roles for the town database (最小权限数据库角色).

Every PC of a hall signs in to the town's PostgreSQL with a login of its own, member of one of
four group roles (``NOLOGIN``), named ``<prefix><kind>`` (prefix ``counter_`` by default):

``app`` — window and back-office PCs (窗口、后台)
    read and write what the services do; never UPDATE or DELETE the audit log, case events, seal
    uses, documents or the change log (append-only), never DELETE cases, applicants or
    evaluations; no DDL (only the owner migrates).
``kiosk`` — the ticket kiosk (取号机), a PC in the public hall
    issue tickets (INSERT ticket, ticket_event, change_log, audit_log, reading back only the new
    rows' ids; INSERT/UPDATE the day's ticket counter), check appointments in (SELECT appointment; UPDATE its state and ticket),
    read queue state (queue, window_queue, service_window, ticket without the ID-number hash,
    ticket_counter), the hall without its secret, the catalogue and the calendar.
``display`` — hall and window displays (叫号屏、窗口屏)
    read only: queue state as above, the hall without its secret, staff numbers and names (a
    window display may show who serves), departments and the calendar.
``manager`` — the hall manager's PC (管理), reports
    read everything but the hall's secret; sign in (the staff row's sign-in columns); record
    follow-ups of evaluations; append to the audit and change logs.

Neither kiosk nor display can read applicants, cases, their materials, events, documents, seal
uses or evaluations, a staff password hash, the hall's ID-hash key (``hall.secret``) or the
hashes of ID numbers on tickets; the change log is filtered for them by row-level security to
the public event types (:data:`counter.changes.PUBLIC_CHANGE_PREFIXES`). No role owns a
table, so none can ALTER, TRUNCATE or drop a trigger of the audit log.

The script is generated from a schema (table → columns): this version's models when printed
without a database, the live database when applied, so columns a later migration adds are
covered; ``counter db upgrade`` applies the grants again after migrating. The same tables drive
:func:`compare_grants`, which ``counter doctor`` uses to tell whether a PC's login holds exactly
what its job needs.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection, text

from counter.changes import PUBLIC_CHANGE_PREFIXES
from counter.errors import Bi, ConfigError, Conflict, InvalidInput

Schema = Mapping[str, Sequence[str]]

DEFAULT_PREFIX = "counter_"
KINDS = ("app", "kiosk", "display", "manager")
KIND_NAMES = {
    "app": ("窗口与后台", "window and back office"),
    "kiosk": ("取号机", "kiosk"),
    "display": ("叫号屏与窗口屏", "hall and window displays"),
    "manager": ("管理（报表）", "manager (reports)"),
}
JOB_KIND = {
    "window": "app",
    "backoffice": "app",
    "kiosk": "kiosk",
    "display": "display",
    "window-display": "display",
    "manager": "manager",
}
PRIVILEGES = ("SELECT", "INSERT", "UPDATE", "DELETE")

# Tables that hold a person's data or a case: never readable from a public PC.
PERSONAL_TABLES = (
    "applicant",
    "service_case",
    "case_material",
    "case_event",
    "document",
    "seal_use",
    "evaluation",
)
# Written once, never changed (督着办, 用印登记, what was printed, the screens' log).
APPEND_ONLY = ("audit_log", "case_event", "seal_use", "document", "change_log")
NO_DELETE = (*APPEND_ONLY, "service_case", "applicant", "evaluation", "audit_chain")
# Columns a public PC never reads: the key of the ID-number hash and the hashes themselves.
HIDDEN_FROM_PUBLIC = {"hall": ("secret",), "ticket": ("applicant_id_hash",)}
QUEUE_STATE = ("queue", "window_queue", "service_window", "ticket_counter")
CALENDAR = ("calendar_year", "calendar_day")
CATALOGUE = ("department", "service_item", "service_item_version", "material")
STAFF_PUBLIC_COLUMNS = ("id", "hall_id", "staff_no", "name", "department_id", "active")
SIGN_IN_COLUMNS = ("failed_attempts", "locked_until", "last_sign_in_at", "password_hash")
FOLLOWUP_COLUMNS = (
    "followup_state",
    "followup_deadline",
    "followup_note",
    "followup_by",
    "followup_at",
)
_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")


@dataclass(frozen=True)
class Grant:
    """One privilege on one table: the whole table, only ``columns``, or every column but
    ``except_columns`` (resolved against the schema)."""

    privilege: str
    table: str
    columns: tuple[str, ...] = ()
    except_columns: tuple[str, ...] = ()

    def resolve(self, schema: Schema) -> tuple[str, ...] | None:
        """The columns of a column grant that exist in ``schema`` (None: a table grant)."""
        have = list(schema.get(self.table, ()))
        if self.columns:
            return tuple(c for c in self.columns if c in have)
        if self.except_columns:
            return tuple(c for c in have if c not in self.except_columns)
        return None


REVOCATION_COLUMNS = ("revoked_at", "revoked_by", "revoke_reason")
# The audit chain's head is moved, never removed (its triggers refuse DELETE and TRUNCATE).
# An audit entry is chained under a lock on the chain's head row (db.audit_chain): whoever
# appends to the log reads and moves the head.
AUDIT_CHAIN_HEAD = (Grant("SELECT", "audit_chain"), Grant("UPDATE", "audit_chain"))


def _public_reader(*extra: str) -> list[Grant]:
    grants = [Grant("SELECT", t) for t in (*QUEUE_STATE, *CALENDAR, "alembic_version")]
    grants += [Grant("SELECT", t, except_columns=c) for t, c in HIDDEN_FROM_PUBLIC.items()]
    grants += [Grant("SELECT", "change_log")]  # filtered by row-level security
    grants += [Grant("SELECT", t) for t in extra]
    return grants


def spec(kind: str, schema: Schema) -> list[Grant]:
    """What a role of ``kind`` holds on ``schema``'s tables."""
    tables = [t for t in schema if t != "alembic_version"]
    if kind == "app":
        out = [Grant("SELECT", "alembic_version")]
        for t in tables:
            out += [Grant("SELECT", t), Grant("INSERT", t)]
            if t not in APPEND_ONLY:
                out.append(Grant("UPDATE", t))
            if t not in NO_DELETE:
                out.append(Grant("DELETE", t))
        # A sealed document is never rewritten; revoking it (撤销) is recorded on its row.
        out.append(Grant("UPDATE", "document", columns=REVOCATION_COLUMNS))
        return out
    if kind == "kiosk":
        return [
            *_public_reader(*CATALOGUE, "appointment"),
            *(Grant("INSERT", t) for t in ("ticket", "ticket_event", "ticket_counter")),
            Grant("INSERT", "change_log"),
            Grant("INSERT", "audit_log"),
            *AUDIT_CHAIN_HEAD,
            # INSERT … RETURNING id needs the id readable, nothing more.
            Grant("SELECT", "ticket_event", columns=("id",)),
            Grant("SELECT", "audit_log", columns=("id",)),
            Grant("UPDATE", "ticket_counter"),
            Grant("UPDATE", "appointment", columns=("state", "ticket_id")),
        ]
    if kind == "display":
        return [
            *_public_reader("department"),
            Grant("SELECT", "staff", columns=STAFF_PUBLIC_COLUMNS),
        ]
    if kind == "manager":
        out = [Grant("SELECT", t) for t in schema if t != "hall"]
        out.append(Grant("SELECT", "hall", except_columns=HIDDEN_FROM_PUBLIC["hall"]))
        out += [Grant("INSERT", "audit_log"), *AUDIT_CHAIN_HEAD, Grant("INSERT", "change_log")]
        out.append(Grant("UPDATE", "staff", columns=SIGN_IN_COLUMNS))
        out.append(Grant("UPDATE", "evaluation", columns=FOLLOWUP_COLUMNS))
        return out
    raise InvalidInput(field=f"角色类型 {kind}（可选：{'、'.join(KINDS)}）")


def insert_tables(kind: str, schema: Schema) -> list[str]:
    """Tables the role inserts into: it needs their id sequences."""
    return sorted({g.table for g in spec(kind, schema) if g.privilege == "INSERT"})


# --------------------------------------------------------------------------------------------
# The script
# --------------------------------------------------------------------------------------------


def check_prefix(prefix: str) -> str:
    if not _NAME.match(prefix) or len(prefix) > 40:
        raise InvalidInput(field=f"角色名前缀 {prefix!r}（小写字母、数字、下划线）")
    return prefix


def role_name(kind: str, prefix: str = DEFAULT_PREFIX) -> str:
    return check_prefix(prefix) + kind


def default_prefix() -> str:
    """``COUNTER_DB_ROLE_PREFIX`` or ``counter_`` (a test database uses a prefix of its own:
    roles belong to the whole PostgreSQL cluster, not to one database)."""
    return check_prefix(os.environ.get("COUNTER_DB_ROLE_PREFIX") or DEFAULT_PREFIX)


def ident(name: str) -> str:
    """A quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def model_schema() -> dict[str, list[str]]:
    """Tables and columns of this version's models (plus alembic_version)."""
    from db.models import Base

    out = {t.name: [c.name for c in t.columns] for t in Base.metadata.sorted_tables}
    out["alembic_version"] = ["version_num"]
    return dict(sorted(out.items()))


def live_schema(conn: Connection) -> dict[str, list[str]]:
    """Tables and columns of the connected database's public schema (from pg_catalog, which
    every role may read, unlike information_schema)."""
    rows = conn.execute(
        text(
            """
            SELECT c.relname, a.attname
            FROM pg_catalog.pg_class c
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
              AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY c.relname, a.attnum
            """
        )
    ).all()
    out: dict[str, list[str]] = {}
    for table, column in rows:
        out.setdefault(str(table), []).append(str(column))
    return out


def _grant_lines(grants: Iterable[Grant], schema: Schema, role: str) -> list[str]:
    """GRANT statements, one per table (and one per column grant), in schema order."""
    whole: dict[str, list[str]] = {}
    column: list[str] = []
    for g in grants:
        if g.table not in schema:
            continue
        cols = g.resolve(schema)
        if cols is None:
            whole.setdefault(g.table, []).append(g.privilege)
        elif cols:
            column.append(
                f"GRANT {g.privilege} ({', '.join(ident(c) for c in cols)}) "
                f"ON {ident(g.table)} TO {ident(role)};"
            )
    lines = [
        f"GRANT {', '.join(privs)} ON {ident(t)} TO {ident(role)};"
        for t in schema
        if (privs := whole.get(t))
    ]
    return lines + column


def _public_types_sql() -> str:
    return "ARRAY[" + ", ".join(_literal(p + "%") for p in PUBLIC_CHANGE_PREFIXES) + "]"


def grants_sql(schema: Schema, prefix: str = DEFAULT_PREFIX) -> str:
    """REVOKE everything from the four roles, then GRANT what each holds, and the change log's
    row-level security. Needs the tables' owner (or a superuser); idempotent."""
    roles = {k: role_name(k, prefix) for k in KINDS}
    everyone = ", ".join(ident(r) for r in roles.values())
    lines = [
        "-- Start from nothing, then grant what each job needs.",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC, {everyone};",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC, {everyone};",
        f"GRANT USAGE ON SCHEMA public TO {everyone};",
    ]
    for kind, role in roles.items():
        lines.append(f"-- {role}: {KIND_NAMES[kind][0]} / {KIND_NAMES[kind][1]}")
        lines += _grant_lines(spec(kind, schema), schema, role)
        seqs = ", ".join(
            _literal(t) for t in insert_tables(kind, schema) if "id" in schema.get(t, ())
        )
        if seqs:
            lines.append(
                "DO $$ DECLARE t text; s text; BEGIN\n"
                f"  FOREACH t IN ARRAY ARRAY[{seqs}] LOOP\n"
                "    s := pg_get_serial_sequence(quote_ident(t), 'id');\n"
                "    IF s IS NOT NULL THEN\n"
                f"      EXECUTE format('GRANT USAGE ON SEQUENCE %s TO %I', s, {_literal(role)});\n"
                "    END IF;\n"
                "  END LOOP;\n"
                "END $$;"
            )
    if "change_log" in schema:
        staff = f"{ident(roles['app'])}, {ident(roles['manager'])}"
        public = f"{ident(roles['kiosk'])}, {ident(roles['display'])}"
        types = _public_types_sql()
        p = check_prefix(prefix)
        lines += [
            "-- The change log: public PCs see (and the kiosk writes) only public event types.",
            "ALTER TABLE change_log ENABLE ROW LEVEL SECURITY;",
            f"DROP POLICY IF EXISTS {p}staff ON change_log;",
            f"CREATE POLICY {p}staff ON change_log TO {staff} USING (true) WITH CHECK (true);",
            f"DROP POLICY IF EXISTS {p}public_read ON change_log;",
            f"CREATE POLICY {p}public_read ON change_log FOR SELECT TO {public}\n"
            f"  USING (type LIKE ANY ({types}));",
            f"DROP POLICY IF EXISTS {p}kiosk_write ON change_log;",
            f"CREATE POLICY {p}kiosk_write ON change_log FOR INSERT TO {ident(roles['kiosk'])}\n"
            f"  WITH CHECK (type LIKE ANY ({types}));",
        ]
    return "\n".join(lines) + "\n"


def roles_sql(schema: Schema | None = None, prefix: str = DEFAULT_PREFIX) -> str:
    """The whole script: the four group roles (created when missing), the database's CONNECT
    (revoked from PUBLIC), then :func:`grants_sql`. Run it as a superuser (or a role with
    CREATEROLE that owns the database and its tables), in one transaction."""
    schema = schema if schema is not None else model_schema()
    roles = {k: role_name(k, prefix) for k in KINDS}
    everyone = ", ".join(ident(r) for r in roles.values())
    lines = [
        "-- Least-privilege roles for the counter client (counter db roles).",
        "-- Re-run after every `counter db upgrade` (which re-applies the grants itself).",
        "BEGIN;",
        "DO $$ BEGIN",
    ]
    for role in roles.values():
        lines += [
            f"  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = {_literal(role)}) THEN",
            f"    CREATE ROLE {ident(role)} NOLOGIN;",
            "  END IF;",
        ]
    lines.append("END $$;")
    for kind, role in roles.items():
        zh, en = KIND_NAMES[kind]
        lines.append(f"COMMENT ON ROLE {ident(role)} IS {_literal(f'counter: {zh} / {en}')};")
    lines += [
        "DO $$ BEGIN",
        "  EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());",
        f"  EXECUTE format('GRANT CONNECT ON DATABASE %I TO {everyone}', current_database());",
        "END $$;",
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC;",
        grants_sql(schema, prefix).rstrip("\n"),
        "COMMIT;",
    ]
    return "\n".join(lines) + "\n"


def _run_script(conn: Connection, script: str) -> None:
    """Run the script inside the caller's transaction (which replaces its BEGIN/COMMIT).

    Through the driver's own cursor without parameters, so psycopg sends the statements as one
    simple query and leaves the ``%`` of ``format()`` and ``LIKE`` alone."""
    body = "\n".join(
        line for line in script.splitlines() if line.strip() not in ("BEGIN;", "COMMIT;")
    )
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(body)
    finally:
        cursor.close()


def _require_postgres(conn: Connection) -> None:
    if conn.dialect.name != "postgresql":
        raise ConfigError(
            "数据库角色只用于 PostgreSQL；单机 SQLite 不需要 / roles are for PostgreSQL only",
            what="counter db roles",
        )


def apply_roles(conn: Connection, prefix: str = DEFAULT_PREFIX) -> dict[str, str]:
    """Create the roles and apply the grants on the connected database (its live schema)."""
    _require_postgres(conn)
    _run_script(conn, roles_sql(live_schema(conn), prefix))
    return {k: role_name(k, prefix) for k in KINDS}


def roles_exist(conn: Connection, prefix: str = DEFAULT_PREFIX) -> bool:
    names = [role_name(k, prefix) for k in KINDS]
    n = conn.execute(
        text("SELECT count(*) FROM pg_roles WHERE rolname = ANY(:names)"), {"names": names}
    ).scalar_one()
    return int(n) == len(names)


def reapply_grants(conn: Connection, prefix: str = DEFAULT_PREFIX) -> bool:
    """After a migration: grant again on the live schema if the roles exist (False if not)."""
    _require_postgres(conn)
    if not roles_exist(conn, prefix):
        return False
    _run_script(conn, grants_sql(live_schema(conn), prefix))
    return True


def create_login(
    conn: Connection,
    name: str,
    job: str,
    password: str | None,
    prefix: str = DEFAULT_PREFIX,
    *,
    change_job: bool = False,
) -> str:
    """Create (or update) the login ``name`` for a PC of ``job``: member of that job's group
    only. The password is sent as a SCRAM verifier computed on this PC, so it never travels
    or lands in the server's log in clear; None makes a login for client certificates only.

    An existing login of another job is moved to ``job`` only with ``change_job`` (a typo in
    a login name must not turn a window PC's login into a kiosk's): else :class:`Conflict`."""
    _require_postgres(conn)
    if job not in JOB_KIND:
        raise InvalidInput(field=f"岗位 {job}（可选：{'、'.join(JOB_KIND)}）")
    if not _NAME.match(name) or len(name) > 63:
        raise InvalidInput(field=f"登录名 {name!r}（小写字母、数字、下划线）")
    group = role_name(JOB_KIND[job], prefix)
    if not conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": group}).first():
        raise ConfigError(
            f"角色 {group} 不存在，请先运行 counter db roles --apply / run `counter db roles "
            "--apply` first",
            what=group,
        )
    secret = "NULL"
    if password:
        raw = conn.connection.dbapi_connection
        verifier = raw.pgconn.encrypt_password(  # type: ignore[union-attr]
            password.encode("utf-8"), name.encode("utf-8"), b"scram-sha-256"
        )
        secret = _literal(verifier.decode("ascii"))
    exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": name}).first()
    if exists and not change_job:
        others = [
            str(r[0])
            for r in conn.execute(
                text(
                    "SELECT g.rolname FROM pg_auth_members m "
                    "JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member "
                    "WHERE u.rolname = :n AND g.rolname = ANY(:groups) AND g.rolname <> :group"
                ),
                {"n": name, "groups": [role_name(k, prefix) for k in KINDS], "group": group},
            )
        ]
        if others:
            raise Conflict(
                what=Bi(
                    f"登录名 {name} 已属于 {'、'.join(others)}；确要改为 {group}，请加 --change-job",
                    f"login {name} already belongs to {', '.join(others)}; "
                    f"to move it to {group}, add --change-job",
                )
            )
    verb = "ALTER" if exists else "CREATE"
    conn.exec_driver_sql(
        f"{verb} ROLE {ident(name)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE "
        f"INHERIT PASSWORD {secret}"
    )
    for kind in KINDS:
        other = role_name(kind, prefix)
        if other != group:
            conn.exec_driver_sql(f"REVOKE {ident(other)} FROM {ident(name)}")
    conn.exec_driver_sql(f"GRANT {ident(group)} TO {ident(name)}")
    return group


# --------------------------------------------------------------------------------------------
# What a login holds, compared with what its job needs (counter doctor)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GrantReport:
    """The connected login against a job's grants: ``missing`` privileges the job needs,
    ``excess`` ones it must not have (each as ``"SELECT ticket(applicant_id_hash)"``)."""

    user: str
    kind: str
    superuser: bool
    owner: bool
    groups: tuple[str, ...]
    missing: tuple[str, ...] = ()
    excess: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not (self.superuser or self.owner or self.missing or self.excess)


def _expected(kind: str, schema: Schema) -> dict[tuple[str, str], set[str] | None]:
    """(privilege, table) → None for the whole table, or the set of columns."""
    out: dict[tuple[str, str], set[str] | None] = {}
    for g in spec(kind, schema):
        if g.table not in schema:
            continue
        cols = g.resolve(schema)
        key = (g.privilege, g.table)
        if cols is None:
            out[key] = None
        elif out.get(key, set()) is not None:
            out.setdefault(key, set()).update(cols)  # type: ignore[union-attr]
    return out


def compare_grants(conn: Connection, kind: str) -> GrantReport:
    """What the connected login may do on every table, against the spec of ``kind``."""
    _require_postgres(conn)
    schema = live_schema(conn)
    expected = _expected(kind, schema)
    user, superuser = conn.execute(
        text("SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user")
    ).one()
    owner = bool(
        conn.execute(
            text(
                "SELECT bool_or(pg_has_role(current_user, tableowner, 'USAGE')) "
                "FROM pg_tables WHERE schemaname = 'public'"
            )
        ).scalar()
    )
    groups = tuple(
        str(r)
        for (r,) in conn.execute(
            text(
                "SELECT b.rolname FROM pg_auth_members m "
                "JOIN pg_roles b ON b.oid = m.roleid "
                "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = current_user "
                "ORDER BY 1"
            )
        )
    )
    checks: list[tuple[str, str, str | None]] = []
    for table, columns in schema.items():
        for priv in (*PRIVILEGES, "TRUNCATE"):
            checks.append((priv, table, None))
            if priv in ("SELECT", "INSERT", "UPDATE"):
                checks.extend((priv, table, c) for c in columns)
    held = _held(conn, checks)
    missing: list[str] = []
    excess: list[str] = []
    for table, columns in schema.items():
        for priv in (*PRIVILEGES, "TRUNCATE"):
            want = expected.get((priv, table), False)
            whole = held[(priv, table, None)]
            if want is None:
                if not whole:
                    missing.append(f"{priv} {table}")
                continue
            if whole:
                excess.append(f"{priv} {table}")
                continue
            if priv not in ("SELECT", "INSERT", "UPDATE"):
                continue
            want_cols: set[str] = want if isinstance(want, set) else set()
            have_cols = {c for c in columns if held[(priv, table, c)]}
            if want_cols - have_cols:
                missing.append(f"{priv} {table}({', '.join(sorted(want_cols - have_cols))})")
            if have_cols - want_cols:
                excess.append(f"{priv} {table}({', '.join(sorted(have_cols - want_cols))})")
    return GrantReport(
        user=str(user),
        kind=kind,
        superuser=bool(superuser),
        owner=owner,
        groups=groups,
        missing=tuple(missing),
        excess=tuple(excess),
    )


def _held(
    conn: Connection, checks: Iterable[tuple[str, str, str | None]]
) -> dict[tuple[str, str, str | None], bool]:
    items = list(checks)
    privs = [p for p, _, _ in items]
    tables = [t for _, t, _ in items]
    cols = [c or "" for _, _, c in items]
    rows = conn.execute(
        text(
            """
            SELECT ord, CASE WHEN c = '' THEN has_table_privilege(
                        quote_ident(t), p)
                   ELSE has_column_privilege(quote_ident(t), c, p) END
            FROM unnest(CAST(:privs AS text[]), CAST(:tables AS text[]),
                        CAST(:cols AS text[])) WITH ORDINALITY AS x(p, t, c, ord)
            """
        ),
        {"privs": privs, "tables": tables, "cols": cols},
    ).all()
    result = {item: False for item in items}
    for ord_, ok in rows:
        result[items[int(ord_) - 1]] = bool(ok)
    return result
