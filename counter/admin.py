"""The administrator's door to the core (系统管理员): one function per thing done in the admin
console (``counter admin``, ``ui/admin``) and the administrative commands.

Every function takes the runtime and the signed-in :class:`~counter.services.base.Actor`; the
actor must hold the administrator role (系统管理员) — checked in the services, so a screen or a
script that skips its own check is still refused, and the refusal audited. Each change is
audited and announced as a change event in its own unit of work (``catalogue.changed`` — the
window client's item finder searches again —, ``hall.settings``, ``hall.windows``,
``hall.queues``, ``calendar.changed``, ``staff.changed``); the results are frozen dataclasses
holding what the console shows after the change, and the change events it emitted.

- catalogue: :func:`find_items`, :func:`item`, :func:`save_item` (a new version; cases keep
  theirs), :func:`save_materials`, :func:`set_item_active`, :func:`preview_import` /
  :func:`apply_import`;
- staff: :func:`staff_list`, :func:`add_staff`, :func:`set_staff_active`,
  :func:`reset_password` (must change at next sign-in), :func:`unlock`, :func:`set_roles`,
  :func:`set_staff_hall` — never the last administrator;
- hall settings: :func:`hall_settings`, :func:`set_hall_settings`; a new town hall:
  :func:`create_hall` (without a sign-in only on a database with no town hall yet);
- windows and queues: :func:`floor`, :func:`set_window_queues`, :func:`save_window`,
  :func:`save_queue`;
- calendar: :func:`calendar_year`, :func:`mark_day`, :func:`unmark_day`,
  :func:`reload_national_year`;
- village points: :func:`village_points`, :func:`save_village_point`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from counter.changes import Change
from counter.errors import PermissionDenied
from counter.services import admin as svc
from counter.services import auth, catalog
from counter.services.admin import (
    CalendarYearView,
    DocNumberSeries,
    Floor,
    HallSettings,
    ImportDiff,
    VillagePoint,
)
from counter.services.auth import SignedIn, StaffInfo
from counter.services.base import ADMIN, ROLE_NAMES_ZH, ROLES, Actor, Runtime, audit
from counter.services.catalog import ItemDetail, ItemSummary, MaterialSpec

__all__ = [
    "CalendarYearView",
    "Floor",
    "HallSettings",
    "ImportDiff",
    "ItemSaved",
    "StaffResult",
    "VillagePoint",
    "Vocabularies",
    "sign_in",
]


@dataclass(frozen=True)
class Vocabularies:
    """The words of the console, from the core: roles, item kinds and sectors, material forms
    and requirements, the nodes of a node budget, and the halls the administrator runs."""

    roles: tuple[tuple[str, str], ...]
    kinds: tuple[str, ...]
    sectors: tuple[str, ...]
    forms: tuple[tuple[str, str], ...]
    requirements: tuple[tuple[str, str], ...]
    nodes: tuple[str, ...]
    halls: tuple[tuple[str, str], ...]  # (code, name): own hall first, then village points


@dataclass(frozen=True)
class ItemSaved:
    """An item as it now stands (its new version) and the change announced."""

    item: ItemDetail
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class StaffResult:
    """The person changed, the staff list as it now stands, and the change announced."""

    staff: StaffInfo | None
    staff_list: tuple[StaffInfo, ...]
    changes: tuple[Change, ...] = ()


def sign_in(
    rt: Runtime, staff_no: str, password: str, *, new_password: str | None = None
) -> SignedIn:
    """Sign in to the admin console; anyone without the administrator role is refused (and
    the refusal audited). A reset password must be replaced (``new_password``)."""
    signed = auth.sign_in(rt, staff_no, password, new_password=new_password)
    if not signed.actor.has(ADMIN):
        with rt.unit() as s:
            audit(s, signed.actor, "permission_denied", "admin console", host=rt.host)
        raise PermissionDenied(role=ROLE_NAMES_ZH[ADMIN])
    return signed


def vocabularies(rt: Runtime, actor: Actor) -> Vocabularies:
    svc.require_admin(rt, actor)
    halls = svc.hall_settings(rt, actor)
    villages = svc.village_points(rt, actor)
    return Vocabularies(
        roles=tuple((r, ROLE_NAMES_ZH[r]) for r in ROLES),
        kinds=catalog.KINDS,
        sectors=catalog.SECTORS,
        forms=tuple(catalog.FORMS.items()),
        requirements=tuple(catalog.REQUIREMENTS.items()),
        nodes=catalog.NODES,
        halls=((halls.code, halls.info.get("name", "")), *((v.code, v.name) for v in villages)),
    )


# -- catalogue ---------------------------------------------------------------------------------


def find_items(
    rt: Runtime, actor: Actor, text: str, *, limit: int = 100
) -> tuple[ItemSummary, ...]:
    """Items as the window client finds them (name, code, pinyin, initials), deactivated ones
    included (``active`` False) so they can be opened and activated again."""
    svc.require_admin(rt, actor)
    return tuple(
        catalog.search_items(rt, text, limit=max(1, min(limit, 500)), include_inactive=True)
    )


def item(rt: Runtime, actor: Actor, code: str) -> ItemDetail:
    svc.require_admin(rt, actor)
    return catalog.get_item(rt, code=code)


def save_item(rt: Runtime, actor: Actor, code: str, changes: Mapping[str, Any]) -> ItemSaved:
    """Save ``changes`` (fields of :data:`counter.services.catalog.EDITABLE_FIELDS`) as a new
    version of item ``code``."""
    detail, change = catalog.apply_edit(rt, actor, code, dict(changes))
    return ItemSaved(detail, (change,))


def save_materials(
    rt: Runtime, actor: Actor, code: str, materials: Sequence[MaterialSpec]
) -> ItemSaved:
    """Replace the item's material list (order, form, copies, required / optional /
    conditional with its condition) by ``materials``: a new version."""
    return save_item(rt, actor, code, {"materials": [asdict(m) for m in materials]})


def set_item_active(rt: Runtime, actor: Actor, code: str, active: bool) -> ItemSaved:
    change = svc.set_item_active(rt, actor, [code], active)
    return ItemSaved(catalog.get_item(rt, code=code), (change,))


def preview_import(
    rt: Runtime, actor: Actor, raw: Any, *, deactivate_missing: bool = False
) -> ImportDiff:
    return svc.import_diff(rt, actor, raw, deactivate_missing=deactivate_missing)


def apply_import(
    rt: Runtime,
    actor: Actor,
    raw: Any,
    *,
    deactivate_missing: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> catalog.ImportResult:
    return catalog.import_catalogue(
        rt, actor, raw, deactivate_missing=deactivate_missing, progress=progress
    )


# -- staff -------------------------------------------------------------------------------------


def staff_list(rt: Runtime, actor: Actor) -> tuple[StaffInfo, ...]:
    return svc.list_staff(rt, actor)


def _result(rt: Runtime, actor: Actor, staff_no: str | None) -> StaffResult:
    listing = svc.list_staff(rt, actor)
    who = next((st for st in listing if st.staff_no == staff_no), None)
    return StaffResult(who, listing)


def add_staff(
    rt: Runtime,
    actor: Actor,
    staff_no: str,
    name: str,
    password: str,
    roles: Iterable[str],
    *,
    hall_code: str | None = None,
    phone: str = "",
) -> StaffResult:
    """Add a person (the password is temporary: changed at the first sign-in); ``hall_code``
    puts them at a village point (an agent, 代办员)."""
    svc.require_admin(rt, actor)
    info = auth.create_staff(rt, actor, staff_no, name, password, roles, phone)
    auth.reset_password(rt, actor, info.staff_no, password)  # must change at first sign-in
    if hall_code:
        svc.set_staff_hall(rt, actor, info.staff_no, hall_code)
    return _result(rt, actor, info.staff_no)


def set_staff_active(rt: Runtime, actor: Actor, staff_no: str, active: bool) -> StaffResult:
    svc.set_staff_active(rt, actor, staff_no, active)
    return _result(rt, actor, staff_no)


def reset_password(rt: Runtime, actor: Actor, staff_no: str, password: str) -> StaffResult:
    """A temporary password: the person sets a new one at the next sign-in; unlocks too."""
    svc.check_staff_scope(rt, actor, staff_no)
    auth.reset_password(rt, actor, staff_no, password)
    return _result(rt, actor, staff_no)


def unlock(rt: Runtime, actor: Actor, staff_no: str) -> StaffResult:
    svc.check_staff_scope(rt, actor, staff_no)
    auth.unlock(rt, actor, staff_no)
    return _result(rt, actor, staff_no)


def set_roles(rt: Runtime, actor: Actor, staff_no: str, roles: Iterable[str]) -> StaffResult:
    svc.check_staff_scope(rt, actor, staff_no)
    auth.set_roles(rt, actor, staff_no, roles)
    return _result(rt, actor, staff_no)


def set_staff_hall(rt: Runtime, actor: Actor, staff_no: str, hall_code: str) -> StaffResult:
    svc.set_staff_hall(rt, actor, staff_no, hall_code)
    return _result(rt, actor, staff_no)


# -- hall settings -----------------------------------------------------------------------------


def hall_settings(rt: Runtime, actor: Actor, hall_code: str | None = None) -> HallSettings:
    return svc.hall_settings(rt, actor, hall_code)


def set_hall_settings(
    rt: Runtime, actor: Actor, changes: Mapping[str, Any], hall_code: str | None = None
) -> tuple[HallSettings, tuple[Change, ...]]:
    return svc.set_hall_settings(rt, actor, changes, hall_code)


# -- windows and queues ------------------------------------------------------------------------


def doc_number_series(
    rt: Runtime, actor: Actor, year: int | None = None, hall_code: str | None = None
) -> tuple[DocNumberSeries, ...]:
    """The hall's 文号 series for ``year`` (decisions, refusal notices): last, highest used, next."""
    return svc.doc_number_series(rt, actor, year, hall_code)


def set_next_doc_number(
    rt: Runtime,
    actor: Actor,
    series: str,
    next_seq: int,
    year: int | None = None,
    hall_code: str | None = None,
) -> DocNumberSeries:
    """Set the next 文号 number of ``series`` (refused below a number already used; audited)."""
    return svc.set_next_doc_number(rt, actor, series, next_seq, year, hall_code)


def floor(rt: Runtime, actor: Actor, hall_code: str | None = None) -> Floor:
    return svc.floor(rt, actor, hall_code)


def set_window_queues(
    rt: Runtime, actor: Actor, number: int, queues: Mapping[str, int], hall_code: str | None = None
) -> Floor:
    return svc.set_window_queues(rt, actor, number, queues, hall_code)


def save_window(
    rt: Runtime, actor: Actor, number: int, *, name: str, active: bool = True,
    hall_code: str | None = None,
) -> Floor:  # fmt: skip
    return svc.save_window(rt, actor, number, name=name, active=active, hall_code=hall_code)


def save_queue(
    rt: Runtime,
    actor: Actor,
    prefix: str,
    *,
    name: str,
    opens_at: dt.time | str | None = None,
    closes_at: dt.time | str | None = None,
    daily_cap: int | None = None,
    active: bool = True,
    new_prefix: str | None = None,
    hall_code: str | None = None,
) -> Floor:
    return svc.save_queue(
        rt, actor, prefix, name=name, opens_at=opens_at, closes_at=closes_at,
        daily_cap=daily_cap, active=active, new_prefix=new_prefix, hall_code=hall_code,
    )  # fmt: skip


def create_hall(
    rt: Runtime, actor: Actor | None, code: str, *, name: str, address: str = "",
    phone: str = "", timezone: str = "Asia/Shanghai", windows: int = 1,
) -> Floor:  # fmt: skip
    """A new town hall with queue A and ``windows`` windows; ``actor`` None only while the
    database has no town hall (see :func:`counter.services.admin.create_hall`)."""
    return svc.create_hall(
        rt, actor, code, name=name, address=address, phone=phone, timezone=timezone,
        windows=windows,
    )  # fmt: skip


def has_town_hall(rt: Runtime) -> bool:
    return svc.has_town_hall(rt)


# -- calendar ----------------------------------------------------------------------------------


def calendar_year(rt: Runtime, actor: Actor, year: int) -> CalendarYearView:
    return svc.calendar_year(rt, actor, year)


def mark_day(
    rt: Runtime, actor: Actor, day: dt.date, *, is_workday: bool, name: str = "",
    national: bool = False, confirm_year: bool = False,
) -> CalendarYearView:  # fmt: skip
    return svc.mark_day(rt, actor, day, is_workday=is_workday, name=name, national=national,
                        confirm_year=confirm_year)  # fmt: skip


def unmark_day(
    rt: Runtime, actor: Actor, day: dt.date, *, national: bool = False
) -> CalendarYearView:
    return svc.unmark_day(rt, actor, day, national=national)


def reload_national_year(rt: Runtime, actor: Actor, year: int) -> CalendarYearView:
    return svc.reload_national_year(rt, actor, year)


# -- village points ----------------------------------------------------------------------------


def village_points(rt: Runtime, actor: Actor) -> tuple[VillagePoint, ...]:
    return svc.village_points(rt, actor)


def save_village_point(
    rt: Runtime, actor: Actor, code: str, *, name: str, items: Iterable[str] | None = None,
    active: bool = True,
) -> VillagePoint:  # fmt: skip
    return svc.save_village_point(rt, actor, code, name=name, items=items, active=active)


# -- the seal's image --------------------------------------------------------------------------


def seal_view(rt: Runtime, actor: Actor, kind: str = "approval",
              hall_code: str | None = None) -> svc.SealView | None:  # fmt: skip
    return svc.seal_view(rt, actor, kind, hall_code)


def set_seal_image(rt: Runtime, actor: Actor, png: bytes, kind: str = "approval",
                   hall_code: str | None = None) -> svc.SealView:  # fmt: skip
    return svc.set_seal_image(rt, actor, png, kind, hall_code)


def seal_sample(rt: Runtime, actor: Actor, kind: str = "approval",
                hall_code: str | None = None) -> Any:  # fmt: skip
    """A sample page with the seal over the date line (the console previews it)."""
    return svc.seal_sample(rt, actor, kind, hall_code)
