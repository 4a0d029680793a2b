"""Demo activity of the cases: cases in every state for the demo hall (accepted, awaiting
materials, not accepted, in review, decided, completed, delivered, some overdue).

Names, ID numbers and credit codes are generated, never real people's."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter import clock
from counter.domain.applicants import (
    ApplicantInput,
)
from counter.domain.checkchars import (
    citizen_id_check_char,
    uscc_check_char,
)
from counter.domain.checklist import (
    MaterialCheck,
)
from counter.services.backoffice import advance_case, post_result, resume_case, suspend_case
from counter.services.base import (
    Actor,
    Runtime,
)
from counter.services.cases import load_item
from counter.services.handout import hand_out
from counter.services.intake import (
    accept_case,
    issue_one_time_notice,
    reject_application,
)
from counter.services.seal import issue_decision
from db.models import (
    Case,
    ServiceItem,
    Staff,
    Window,
)

_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
_GIVEN = ("秀英", "建国", "桂兰", "志强", "海燕", "文军", "丽华", "春生", "玉梅", "永福",
          "晓东", "婷婷", "子涵", "宇轩", "淑珍", "国平", "晨阳", "雨萱")  # fmt: skip
_RARE_GIVEN = ("䶮宁", "𠀾")  # 生僻字 in the basic plane's extension A and in plane 2
_REGION = "330110"  # 杭州市余杭区 region code; numbers are generated, never real people's


def demo_id_number(
    rng: random.Random, *, born: dt.date | None = None, male: bool | None = None
) -> str:
    """A made-up citizen ID number with the right check character (demo data)."""
    born = born or dt.date(rng.randint(1940, 2004), rng.randint(1, 12), rng.randint(1, 28))
    seq = rng.randint(0, 99)
    sex_digit = rng.choice(
        "13579" if (male if male is not None else rng.random() < 0.5) else "02468"
    )
    first17 = f"{_REGION}{born:%Y%m%d}9{seq % 10}{sex_digit}"
    return first17 + citizen_id_check_char(first17)


def demo_uscc(rng: random.Random) -> str:
    """A made-up unified social credit code with the right check character (demo data)."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    first17 = "92" + _REGION + "MA" + "".join(rng.choice(alphabet) for _ in range(7))
    return first17 + uscc_check_char(first17)


@contextmanager
def _clock_at(when: dt.datetime) -> Iterator[None]:
    """Run demo actions as if at ``when`` (the caller restores the clock)."""
    clock.set_clock(lambda: when)
    yield


def _demo_actor(
    s: Session, hall_id: int, staff_no: str, window_number: int | None = None
) -> Actor | None:
    st = s.scalars(select(Staff).where(Staff.staff_no == staff_no)).first()
    if st is None:
        return None
    window_id = None
    if window_number is not None:
        window_id = s.scalars(
            select(Window.id).where(Window.hall_id == hall_id, Window.number == window_number)
        ).first()
    return Actor(
        hall_id=hall_id,
        staff_id=st.id,
        staff_no=st.staff_no,
        name=st.name,
        roles=frozenset(r.role for r in st.roles),
        window_id=window_id,
    )


def seed_demo_activity(rt: Runtime, hall_id: int) -> None:
    """Cases in every state for the demo hall: accepted, awaiting materials, not accepted, in
    first review, in review, approved, completed awaiting collection, delivered, and some
    overdue (yellow and red cards). Skipped when the hall already has cases."""
    with rt.unit() as s:
        if s.scalars(select(Case.id).where(Case.hall_id == hall_id).limit(1)).first():
            return
        clerks = [a for a in (_demo_actor(s, hall_id, f"10{n:02d}", n) for n in range(1, 6)) if a]
        reviewer = _demo_actor(s, hall_id, "2001")
        decider = _demo_actor(s, hall_id, "2002")
        keeper = _demo_actor(s, hall_id, "3001")
        versions = {
            code: vid
            for code, vid in s.execute(
                select(ServiceItem.code, ServiceItem.current_version_id).where(
                    ServiceItem.code.in_(
                        [
                            "NY-001",
                            "MZ-001",
                            "MZ-011",
                            "WJ-001",
                            "MZ-006",
                            "MZ-007",
                            "ZF-003",
                            "LY-001",
                        ]
                    )
                )
            ).all()
            if vid is not None
        }
        mats = {
            vid: [(m.id, m.requirement, m.form) for m in load_item(s, vid)[0].materials]
            for vid in versions.values()
        }
    if not clerks or reviewer is None or decider is None or keeper is None or not versions:
        return
    rng = random.Random(20261122)
    used: set[str] = set()

    def person(rare: bool = False) -> ApplicantInput:
        while True:
            name = rng.choice(_SURNAMES) + rng.choice(_RARE_GIVEN if rare else _GIVEN)
            if name not in used:
                used.add(name)
                break
        male = rng.random() < 0.5
        number = demo_id_number(rng, male=male)
        return ApplicantInput(
            kind="person",
            name=name,
            id_number=number,
            phone=f"13{rng.randint(0, 9)}{rng.randint(0, 99999999):08d}",
            address=f"青山镇{rng.choice(['石桥村', '东山村', '人民路', '溪口村'])}{rng.randint(1, 99)}号",
            sex="男" if male else "女",
            nation="汉族",
        )

    def checks(vid: int, *, all_in: bool = True) -> list[MaterialCheck]:
        out = []
        for i, (mid, req, form) in enumerate(mats[vid]):
            if req == "required":
                status = "received" if all_in or i != 1 else "missing"
            else:
                status = "not_applicable"
            out.append(MaterialCheck(mid, status, form, 1))
        return out

    now = clock.now()
    local_today = clock.today()

    def at(days_ago: int, hour: int = 9, minute: int = 30) -> dt.datetime:
        day = local_today - dt.timedelta(days=days_ago)
        local = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=clock.HALL_TZ)
        return min(local.astimezone(dt.UTC), now)

    # (item code, accepted days ago, steps as (action, days after acceptance), clerk index)
    plan: list[tuple[str, int, tuple[tuple[str, int], ...], int]] = [
        ("NY-001", 0, (), 0),  # accepted today
        ("MZ-001", 1, (), 1),
        ("NY-001", 12, (("first_review", 1),), 2),  # 审核 overran its budget → yellow card
        ("MZ-007", 4, (("first_review", 1), ("review", 3)), 3),
        ("MZ-001", 40, (("first_review", 2), ("review", 12)), 0),  # limit exceeded → red card
        ("MZ-006", 3, (("approve", 1),), 1),  # decided, waiting for the seal
        ("NY-001", 20, (("first_review", 1), ("review", 6), ("approve", 12), ("issue", 14)), 2),
        ("MZ-007", 15, (("first_review", 1), ("review", 4), ("refuse", 8), ("issue", 9)), 3),
        ("MZ-011", 2, (), 4),  # on the spot: completed, to be collected
        ("WJ-001", 6, (("hand_out", 0),), 0),  # on the spot, collected at once
        ("MZ-006", 12, (("approve", 1), ("issue", 2), ("hand_out", 4)), 1),
        ("MZ-006", 10, (("approve", 1), ("issue", 2), ("post", 3)), 2),  # posted
        ("LY-001", 8, (("first_review", 1), ("suspend:inspection", 2)), 3),  # 现场勘查
        ("MZ-007", 5, (("suspend:correction", 1),), 4),  # returned for correction
        # publicity: the clock stood still for a week, the deadlines moved
        ("NY-001", 25, (("first_review", 1), ("suspend:publicity", 3), ("resume", 10),
                        ("review", 12)), 0),
    ]  # fmt: skip
    reasons = {
        "inspection": "需现场勘查林木蓄积量及采伐范围",
        "correction": "医疗费用票据为复印件，请补交原件",
        "publicity": "拟批准宅基地申请在村务公开栏公示",
    }

    def step(name: str, case_no: str, clerk: Actor, a: ApplicantInput) -> None:
        assert reviewer is not None and decider is not None and keeper is not None
        if name == "hand_out":
            hand_out(rt, clerk, case_no, collector_id_number=a.id_number)
        elif name == "post":
            post_result(rt, clerk, case_no, carrier="中国邮政EMS", tracking="EA123456789CN")
        elif name == "issue":
            issue_decision(rt, keeper, case_no)
        elif name == "approve":
            advance_case(rt, decider, case_no, "decide", "经审查，符合条件，同意")
        elif name == "refuse":
            advance_case(rt, decider, case_no, "decide", "经核查，申请人家庭收入超过救助标准",
                         refuse=True, reasons=("家庭经济状况不符合保障标准",))  # fmt: skip
        elif name.startswith("suspend:"):
            kind = name.split(":", 1)[1]
            suspend_case(rt, reviewer, case_no, kind, reasons[kind])
        elif name == "resume":
            resume_case(rt, reviewer, case_no, "公示期满，无异议")
        else:
            advance_case(rt, reviewer, case_no, name, "材料齐全，同意")

    previous = clock._now  # restored afterwards, even if a test froze it
    try:
        for n, (code, days_ago, steps, who) in enumerate(plan):
            vid = versions.get(code)
            if vid is None:
                continue
            clerk = clerks[who % len(clerks)]
            a = person(rare=n == 1)
            when = at(days_ago, 9 + who, 10 + 3 * who)
            with _clock_at(when):
                result = accept_case(
                    rt, clerk, item_version_id=vid, applicant=a, materials=checks(vid)
                )
            for name, after in steps:
                with _clock_at(min(when + dt.timedelta(days=after, minutes=20), now)):
                    step(name, result.case_no, clerk, a)
        # a one-time notice and a rejection today
        vid = versions.get("NY-001")
        if vid is not None:
            with _clock_at(at(0, 10, 40)):
                issue_one_time_notice(rt, clerks[0], item_version_id=vid, applicant=person(),
                                      materials=checks(vid, all_in=False))  # fmt: skip
        vid = versions.get("MZ-001")
        if vid is not None:
            with _clock_at(at(0, 11, 5)):
                reject_application(
                    rt,
                    clerks[1 % len(clerks)],
                    item_version_id=vid,
                    applicant=person(),
                    reason="申请人户籍不在本镇",
                    reason_code="not_this_centre",
                    refer_to="申请人户籍所在地乡镇（街道）便民服务中心",
                )
        # an enterprise, represented by an agent (代办人), accepted and in first review
        vid = versions.get("ZF-003")
        if vid is not None:
            firm = ApplicantInput(
                kind="enterprise",
                name="青山镇绿源农产品专业合作社",
                uscc=demo_uscc(rng),
                legal_rep=rng.choice(_SURNAMES) + "永福",
                phone="0571-8866 1234",
                address="青山镇工业园区8号",
            )
            with _clock_at(at(2, 14, 20)):
                r = accept_case(rt, clerks[2 % len(clerks)], item_version_id=vid, applicant=firm,
                                agent=replace(person(), relation="合作社工作人员"),
                                materials=checks(vid))  # fmt: skip
            with _clock_at(at(1, 9, 0)):
                advance_case(rt, reviewer, r.case_no, "first_review")
    finally:
        clock.set_clock(previous)
