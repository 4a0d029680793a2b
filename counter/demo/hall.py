"""The demo hall: the model hall of DOMAIN.md with 14 integrated windows, the 228-item catalogue,
demo staff, queues, the approval seal and the working-day calendar; optionally some activity
(waiting tickets, cases in every state) so every screen has something to show.

Demo sign-ins are public by design (they are printed on the sign-in screen in demo mode only).
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from dataclasses import dataclass

from sqlalchemy import select

from counter import clock
from counter.domain.settings import DEFAULT_HALL_SETTINGS
from counter.services.auth import add_staff_row
from counter.services.base import ADMIN, CLERK, MANAGER, REVIEWER, SEAL_KEEPER, Runtime
from counter.services.calendar import seed_national_calendar
from counter.services.catalog import seed_catalogue
from db.models import Hall, Queue, Seal, Window, WindowQueue

log = logging.getLogger(__name__)

DEMO_HALL_CODE = "QS"
DEMO_HALL_NAME = "青山镇便民服务中心"
DEMO_PASSWORD = "demo1234"


@dataclass(frozen=True)
class DemoSignIn:
    staff_no: str
    name: str
    roles: tuple[str, ...]
    password: str = DEMO_PASSWORD


DEMO_STAFF: tuple[DemoSignIn, ...] = (
    *(
        DemoSignIn(f"10{n:02d}", name, (CLERK,))
        for n, name in enumerate(
            [
                "王丽",
                "李娜",
                "张伟",
                "刘洋",
                "陈静",
                "杨帆",
                "赵敏",
                "黄磊",
                "周婷",
                "吴昊",
                "徐芳",
                "孙强",
                "胡蝶",
                "朱琳",
            ],
            start=1,
        )
    ),
    DemoSignIn("2001", "郑审", (REVIEWER,)),
    DemoSignIn("2002", "钱核", (REVIEWER, SEAL_KEEPER)),
    DemoSignIn("3001", "冯印", (SEAL_KEEPER,)),
    DemoSignIn("4001", "何主任", (MANAGER, REVIEWER)),
    DemoSignIn("9001", "管理员", (ADMIN, MANAGER)),
)

# prefix, name, daily cap, opens, closes
DEMO_QUEUES = (
    ("A", "综合受理", 400, dt.time(8, 30), dt.time(17, 0)),
    ("B", "社保医保", 200, dt.time(8, 30), dt.time(17, 0)),
    ("C", "出件取件", 200, dt.time(8, 30), dt.time(17, 30)),
    ("D", "咨询", 200, dt.time(8, 30), dt.time(17, 30)),
)


# The demo hall's public screens: social-security items go to queue B, everything else to A.
DEMO_LEGAL_SETTINGS = {
    # named on the 不予受理通知书 and the 不予许可决定书 (行政复议机关, 管辖法院)
    "review_body": "青山县人民政府",
    "court": "青山县人民法院",
}

DEMO_SCREEN_SETTINGS = {
    "kiosk_routes": {
        "default": "A",
        "departments": {"社会保障服务中心": "B", "县医疗保障局": "B"},
        "items": {},
    },
    "kiosk_qr_url": "https://zwfw.example.gov.cn/qs/ticket?day={day}&no={number}",
    "display_notice": (
        "办事请携带本人身份证原件；委托他人代办的，请同时携带代办人身份证和委托书。"
        "　老年人、残疾人、孕妇、军人可走绿色通道优先办理。"
        "　中午12:00–13:30正常办公。请留意叫号，过号请到咨询台。"
    ),
}


def _window_queues(number: int) -> dict[str, int]:
    """Which queues (with weights) the demo hall's window ``number`` serves."""
    if number <= 10:
        return {"A": 3, "D": 1}
    if number <= 12:
        return {"B": 3, "A": 1}
    return {"C": 3, "D": 1, "A": 1}


def seed_hall(
    rt: Runtime, *, code: str = DEMO_HALL_CODE, name: str = DEMO_HALL_NAME, windows: int = 14
) -> int:
    """Create the model hall (windows, queues, staff, seal, a village point). Idempotent:
    returns the existing hall's id if ``code`` is already there."""
    with rt.unit() as s:
        existing = s.scalars(select(Hall.id).where(Hall.code == code)).first()
        if existing is not None:
            return int(existing)
        now = clock.now()
        hall = Hall(
            code=code,
            name=name,
            kind="center",
            address="青山镇人民路1号",
            phone=str(DEFAULT_HALL_SETTINGS["contact_phone"]),
            # ``demo``: documents are specimens, verified with the public demo key.
            settings={
                **DEFAULT_HALL_SETTINGS,
                **DEMO_LEGAL_SETTINGS,
                **DEMO_SCREEN_SETTINGS,
                "demo": True,
            },
            secret=secrets.token_hex(32),
            created_at=now,
        )
        s.add(hall)
        s.flush()
        village = Hall(
            code=f"{code}-SQ",
            name="青山镇石桥村便民服务点",
            kind="village",
            parent_id=hall.id,
            settings={
                **DEFAULT_HALL_SETTINGS,
                **DEMO_LEGAL_SETTINGS,
                "demo": True,
                "backoffice": "town",
            },
            secret=secrets.token_hex(32),
            created_at=now,
        )
        s.add(village)
        s.flush()
        queues: dict[str, Queue] = {}
        for n, (prefix, qname, cap, opens, closes) in enumerate(DEMO_QUEUES):
            q = Queue(
                hall_id=hall.id,
                prefix=prefix,
                name=qname,
                daily_cap=cap,
                opens_at=opens,
                closes_at=closes,
                sort=n,
            )
            s.add(q)
            queues[prefix] = q
        vq = Queue(hall_id=village.id, prefix="A", name="综合受理", daily_cap=100, sort=0)
        s.add(vq)
        s.flush()
        for number in range(1, windows + 1):
            w = Window(hall_id=hall.id, number=number, name=f"{number}号综合窗口", state="closed")
            s.add(w)
            s.flush()
            for prefix, weight in _window_queues(number).items():
                s.add(WindowQueue(window_id=w.id, queue_id=queues[prefix].id, weight=weight))
        vw = Window(hall_id=village.id, number=1, name="综合窗口", state="closed")
        s.add(vw)
        s.flush()
        s.add(WindowQueue(window_id=vw.id, queue_id=vq.id, weight=1))
        for person in DEMO_STAFF:
            add_staff_row(
                s,
                hall.id,
                person.staff_no,
                person.name,
                person.password,
                person.roles,
                phone="0571-8888 60" + person.staff_no[-2:],
            )
        # Specimen seals (样章), drawn here: the town's approval seal (the village point's cases
        # are decided and stamped by the town) and an acceptance seal for each hall's windows.
        for hall_id, seal_name, kind in (
            (hall.id, "青山镇人民政府行政审批专用章", "approval"),
            (hall.id, f"{name}受理专用章", "acceptance"),
            (village.id, "青山镇石桥村便民服务点受理专用章", "acceptance"),
        ):
            s.add(specimen_seal(hall_id, seal_name, kind))
        return int(hall.id)


def specimen_seal(hall_id: int, name: str, kind: str) -> Seal:
    """A seal row with a generated specimen image (样章)."""
    import hashlib

    from counter.demo.seal_image import specimen_seal_png

    png = specimen_seal_png(name)
    return Seal(
        hall_id=hall_id,
        name=name,
        kind=kind,
        image=png,
        image_sha256=hashlib.sha256(png).hexdigest(),
        specimen=True,
    )


def seed_demo(url: str, *, with_activity: bool = True, migrate: bool = True) -> int:
    """Fill the database at ``url`` with the demo hall; returns the hall id. Safe to run twice."""
    if migrate:
        from db.migrate import upgrade

        upgrade(url)
    rt = Runtime(url)
    try:
        seed_national_calendar(rt)
        seed_catalogue(rt)
        hall_id = seed_hall(rt)
        if with_activity:
            seed_activity(rt, hall_id)
        return hall_id
    finally:
        rt.dispose()


def seed_activity(rt: Runtime, hall_id: int) -> None:
    """Some of today's life in the hall: waiting tickets and cases in every state."""
    from counter.demo.cases import seed_demo_activity as seed_cases
    from counter.demo.queue import seed_demo_activity as seed_queue

    seed_queue(rt, hall_id)
    seed_cases(rt, hall_id)
