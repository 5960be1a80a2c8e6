"""Setting up a shared desk on PostgreSQL: what `workbench desk init` and `workbench desk grant` do.

`init_desk(url)` is run once by the desk's administrator, connected as the role that is to own the
desk's tables (the database's owner, say): the contrib extensions the search uses, the numbered
migrations (db/engines/pg_schema.py; each in its own transaction, recorded in `schema_migrations`;
m010 makes the desk's sentence index, db/engines/pg_search.py), and the group roles with their GRANTs. Run
again it upgrades a desk made by an older version and changes nothing on one that is up to date.

`grant_role(url, login, role)` gives an existing login role one desk role (and takes the other two
away): who may do what is decided by the server from then on.
"""

from __future__ import annotations

from dataclasses import dataclass

from db.errors import NewerWorkspace, NotAWorkspace

ROLES = ("checker", "editor", "viewer")


@dataclass(frozen=True, slots=True)
class DeskInit:
    """What `init_desk` found and did."""

    location: str
    version: int
    applied: tuple[str, ...]
    extensions: tuple[str, ...]
    roles: tuple[str, ...]


def init_desk(url: str) -> DeskInit:
    """Create or upgrade the desk at `url` (see the module docstring).

    Raises:
        NotAWorkspace: not a desk URL, or the server refused the connection.
        NewerWorkspace: the desk was made by a newer version of the workbench.
        NotPermitted: the role connecting may not create what a desk needs.
    """
    from db.engines import pg_schema
    from db.engines.postgres import PostgresEngine, is_desk_url

    if not is_desk_url(url):
        raise NotAWorkspace(f"{url!r} is not a desk address: write postgresql://HOST/DATABASE")
    engine = PostgresEngine.connect(url)
    try:
        try:
            version = engine.schema_version()
            if version is not None and version > pg_schema.latest_version():
                raise NewerWorkspace(
                    f"{engine.location} was made by a newer version of the workbench (schema {version}, "
                    f"this version knows up to {pg_schema.latest_version()}): update the workbench first"
                )
            extensions = engine.extensions()
            applied = engine.migrate()
            engine.make_roles()
        except engine.driver_errors as exc:
            raise engine.translate(exc) from exc
        return DeskInit(
            location=engine.location,
            version=pg_schema.latest_version(),
            applied=tuple(applied),
            extensions=tuple(extensions),
            roles=tuple(pg_schema.GROUP_ROLES[r] for r in ROLES),
        )
    finally:
        engine.close()


def grant_role(url: str, login: str, role: str) -> str:
    """Give `login` the desk role `role` (checker, editor or viewer). Returns the group role granted.

    Raises:
        ValueError: an unknown role.
        NotAWorkspace: no such login role on the server, or not a desk.
        NotPermitted: the role connecting may not grant desk roles.
    """
    from db.engines import pg_schema
    from db.engines.postgres import PostgresEngine

    if role not in ROLES:
        raise ValueError(f"{role!r} is not a desk role (one of: {', '.join(ROLES)})")
    engine = PostgresEngine.connect(url)
    try:
        try:
            if engine.schema_version() is None:
                raise NotAWorkspace(
                    f"{engine.location} is not a workbench desk yet: run `workbench desk init URL` first"
                )
            engine.grant(login, role)
        except engine.driver_errors as exc:
            raise engine.translate(exc) from exc
        return pg_schema.GROUP_ROLES[role]
    finally:
        engine.close()
